import { describe, expect, it } from "vitest";
import { suggestDuration, suggestMemory } from "../../src/validate/unit-suggestions.js";
import { BASE_YAML, load, positionOf } from "../helpers.js";

/** The diagnostic of the base manifest plus `add` that has `code` (else the first), with where `at` is; no WRONG_TYPE beside it. */
async function first(add: string, at: string, code: string) {
  const text = BASE_YAML + add;
  const { diagnostics } = await load(text);
  expect(diagnostics.map((d) => d.code)).not.toContain("WRONG_TYPE");
  const d = diagnostics.find((d) => d.code === code) ?? diagnostics[0]!;
  return { d, at: positionOf(text, at, add.split("\n")[0]) };
}

describe("durations and quantities without their unit (issue 18, items 1-2)", () => {
  const cases: Array<{ name: string; add: string; at: string; code: string; hint: string; severity?: "warning" }> = [
    { name: "a duration as a number", add: "shutdown:\n  timeout: 30\n", at: "30", code: "INVALID_DURATION", hint: "`30s`" },
    { name: "a duration as a quoted number", add: "shutdown:\n  timeout: '30'\n", at: "'30'", code: "INVALID_DURATION", hint: "`30s`" },
    { name: "a duration in the unit of the field's default", add: "backup:\n  retention: 30\n", at: "30", code: "INVALID_DURATION", hint: "`30d`" },
    { name: "a fraction of a second", add: "shutdown:\n  drain: 0.5\n", at: "0.5", code: "INVALID_DURATION", hint: "`500ms`" },
    { name: "a duration in words", add: "shutdown:\n  timeout: 2 minutes\n", at: "2 minutes", code: "INVALID_DURATION", hint: "`2m`" },
    { name: "memory as a number", add: "resources:\n  requests: { memory: 512 }\n", at: "512", code: "INVALID_QUANTITY", hint: "`512Mi`" },
    { name: "memory as a unitless string", add: "resources:\n  limits: { memory: '512' }\n", at: "'512'", code: "INVALID_QUANTITY", hint: "`512Mi`" },
    { name: "memory as bytes", add: "resources:\n  limits: { memory: '1073741824' }\n", at: "'1073741824'", code: "INVALID_QUANTITY", hint: "`1Gi`" },
    { name: "memory with an unknown unit", add: "resources:\n  limits: { memory: 2GB }\n", at: "2GB", code: "INVALID_QUANTITY", hint: "`2Gi`" },
    { name: "a volume size without a unit", add: "volumes:\n  - { name: data, mount: /data, size: '10' }\n", at: "'10'", code: "INVALID_QUANTITY", hint: "`10Gi`" },
    { name: "memory in a unit too small", add: "resources:\n  requests: { memory: 256Ki }\n", at: "256Ki", code: "IMPLAUSIBLE_RESOURCE", hint: "`256Mi`" },
    { name: "CPU finer than 1m", add: "resources:\n  requests: { cpu: 0.5m }\n", at: "0.5m", code: "IMPLAUSIBLE_RESOURCE", hint: "`250m`" },
    { name: "CPU in cores that meant millicores", add: "resources:\n  requests: { cpu: 500 }\n", at: "500", code: "IMPLAUSIBLE_RESOURCE", hint: "`500m`", severity: "warning" },
    { name: "memory beyond any node", add: "resources:\n  limits: { memory: 4Ti }\n", at: "4Ti", code: "IMPLAUSIBLE_RESOURCE", hint: "`4Gi`", severity: "warning" },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}, with the value meant in the hint`, async () => {
      const { d, at } = await first(c.add, c.at, c.code);
      expect({ code: d.code, at: `${d.line}:${d.col}`, severity: d.severity }).toEqual({ code: c.code, at, severity: c.severity ?? "error" });
      expect(d.hint).toContain(c.hint);
      expect(d.message).not.toContain("must be a string");
    });
  }

  it("judges an environment's overlay too, at the overlay's line", async () => {
    const add = "resources:\n  requests: { memory: 256Mi }\nenvironments:\n  staging:\n    resources: { requests: { memory: '256' } }\n  production: {}\n";
    const text = BASE_YAML + add;
    const { diagnostics } = await load(text);
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`)).toEqual([`INVALID_QUANTITY@${positionOf(text, "'256'")}`]);
  });

  it("accepts plausible values, and CPU as a bare number of cores", async () => {
    const { diagnostics } = await load(BASE_YAML + "resources:\n  requests: { cpu: 1, memory: 64Mi }\n  limits: { cpu: 2.5, memory: 8Gi }\nvolumes:\n  - { name: data, mount: /data, size: 20Gi }\n");
    expect(diagnostics.filter((d) => d.severity !== "info").map((d) => d.code)).toEqual([]);
  });

  it("suggests what was most likely meant", () => {
    expect(suggestDuration(30)).toBe("30s");
    expect(suggestDuration("30", "d")).toBe("30d");
    expect(suggestDuration("1 hour 30 minutes")).toBe("1h30m");
    expect(suggestDuration("soon")).toBeUndefined();
    expect(suggestMemory(512)).toBe("512Mi");
    expect(suggestMemory("2")).toBe("2Gi");
    expect(suggestMemory("536870912")).toBe("512Mi");
    expect(suggestMemory("512MB")).toBe("512Mi");
    expect(suggestMemory("lots")).toBeUndefined();
  });
});
