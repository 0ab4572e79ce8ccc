// The mutation helper itself: it must move the threshold it claims to, or the mutation test proves nothing.
import { describe, expect, it } from "vitest";
import { mutateExpr, mutations } from "./mutate.js";

describe("mutateExpr", () => {
  it("moves a trailing comparison's number down (halved, a small count one less) and up (five times)", () => {
    expect(mutateExpr("sum(rate(x[5m])) > 0.01", false)).toBe("sum(rate(x[5m])) > 0.005");
    expect(mutateExpr("sum(rate(x[5m])) > 0.01", true)).toBe("sum(rate(x[5m])) > 0.05");
    expect(mutateExpr("(sum(y) or vector(0)) < 2", false)).toBe("(sum(y) or vector(0)) < 1");
    expect(mutateExpr("floor(sum(increase(r[1h]))) > 5", false)).toBe("floor(sum(increase(r[1h]))) > 4");
    expect(mutateExpr("min(c) - time() < 1209600", false)).toBe("min(c) - time() < 604800");
  });

  it("moves 0 to -1 and 1", () => {
    expect(mutateExpr("increase(f[1h]) > 0", false)).toBe("increase(f[1h]) > -1");
    expect(mutateExpr("increase(f[1h]) > 0", true)).toBe("increase(f[1h]) > 1");
  });

  it("moves every burn rate of a burn-rate alert, keeping the budget", () => {
    const expr = "(\n  a > (14.4 * 0.001)\nand\n  b > (14.4 * 0.001)\n)\nor\n(\n  c > (6 * 0.001)\nand\n  d > (6 * 0.001)\n)\n";
    expect(mutateExpr(expr, true)).toBe("(\n  a > (72 * 0.001)\nand\n  b > (72 * 0.001)\n)\nor\n(\n  c > (30 * 0.001)\nand\n  d > (30 * 0.001)\n)\n");
  });

  it("leaves an expression without a threshold alone", () => {
    expect(mutateExpr('absent(x{a="b"})', true)).toBeUndefined();
  });

  it("makes two mutants per alert with a threshold and none for recording rules", () => {
    const text = "groups:\n- name: g\n  rules:\n  - record: r\n    expr: sum(x) > 1\n  - alert: A\n    expr: x > 1\n  - alert: B\n    expr: absent(x)\n";
    expect(mutations(text).map((m) => `${m.alert} ${m.change}`)).toEqual(["A threshold down", "A threshold up"]);
    expect(mutations(text)[1]!.rulesText).toContain("expr: x > 5");
  });
});
