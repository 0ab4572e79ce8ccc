import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANSI_STYLE, colorEnabled, PLAIN_STYLE } from "../../src/cli/color.js";
import { runCli } from "../../src/cli/program.js";
import { BASE_YAML } from "../helpers.js";
import { fakeIO } from "./fake-io.js";

describe("colorEnabled", () => {
  const cases: Array<[env: Record<string, string>, isTTY: boolean, expected: boolean]> = [
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true], // an empty NO_COLOR does not count (no-color.org)
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, false], // NO_COLOR wins
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "3" }, false, true],
    [{ FORCE_COLOR: "" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ TERM: "dumb" }, true, false],
    [{ TERM: "dumb", FORCE_COLOR: "1" }, false, true],
    [{ TERM: "dumb", FORCE_COLOR: "0" }, true, false],
    [{ TERM: "xterm-256color" }, true, true],
    [{ TERM: "xterm-256color" }, false, false],
  ];
  it.each(cases)("env %j on a %s terminal → %s", (env, isTTY, expected) => {
    expect(colorEnabled(env, isTTY)).toBe(expected);
  });

  it("styles nest (each closes only what it opened) and plain leaves text alone", () => {
    expect(ANSI_STYLE.bold(ANSI_STYLE.red("x"))).toBe("\x1b[1m\x1b[31mx\x1b[39m\x1b[22m");
    expect(Object.values(PLAIN_STYLE).map((paint) => paint("x"))).toEqual(["x", "x", "x", "x", "x", "x"]);
  });
});

describe("colour in the CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "berth-color-"));
  writeFileSync(join(dir, "a.yaml"), BASE_YAML + "replcas: 2\n");
  writeFileSync(join(dir, "b.yaml"), BASE_YAML);

  it("TERM=dumb gives no escape codes, even on a terminal", async () => {
    const io = fakeIO({ stdoutIsTTY: true, stderrIsTTY: true, env: { TERM: "dumb" } });
    await runCli(["validate", join(dir, "a.yaml"), join(dir, "b.yaml")], io);
    expect(io.err).toContain("error[UNKNOWN_KEY]");
    expect(io.out).toContain("b.yaml is valid");
    expect(io.err + io.out).not.toContain("\x1b[");
  });

  it("FORCE_COLOR=1 colours output that is not a terminal, both streams", async () => {
    const io = fakeIO({ env: { FORCE_COLOR: "1", TERM: "dumb" } });
    await runCli(["validate", join(dir, "a.yaml"), join(dir, "b.yaml")], io);
    expect(io.err).toContain("\x1b[31m");
    expect(io.out).toContain("\x1b[32m✓\x1b[39m");
  });

  it("the lint report written with --output carries no escape codes", async () => {
    const io = fakeIO({ cwd: dir, env: { FORCE_COLOR: "1" } });
    await runCli(["lint", "--output", "report.txt", join(dir, "b.yaml")], io);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(join(dir, "report.txt"), "utf8")).not.toContain("\x1b[");
  });
});
