/** `--help` shows runnable examples and the exit codes for every command, and every example uses options the command has. */
import { describe, expect, it } from "vitest";
import { HELP_EXAMPLES } from "../../src/cli/help-examples.js";
import { createProgram, runCli } from "../../src/cli/program.js";
import { fakeIO } from "./fake-io.js";

describe("help examples", () => {
  const program = createProgram(fakeIO(), () => {});

  it("every command has examples", () => {
    expect(program.commands.map((c) => c.name()).sort()).toEqual(Object.keys(HELP_EXAMPLES).sort());
  });

  it.each(Object.entries(HELP_EXAMPLES))("%s: every example is that command with options it accepts", (name, examples) => {
    const command = program.commands.find((c) => c.name() === name)!;
    const known = new Set(command.options.flatMap((o) => [o.long, o.short].filter(Boolean)));
    for (const [line] of examples) {
      const words = line.split(/\s+/);
      expect(words.slice(0, 2), line).toEqual(["berth", name]);
      for (const flag of words.filter((w) => w.startsWith("-"))) expect(known.has(flag), `${line}: ${flag}`).toBe(true);
    }
  });

  it("the top-level help and every command's help say what the exit codes mean", async () => {
    const top = fakeIO();
    expect(await runCli(["--help"], top)).toBe(0);
    expect(top.out).toMatch(/\nExit codes:\n {2}0 {2}success.*\n {2}1 {2}invalid input[^]*\n {2}2 {2}usage error/);
    for (const command of program.commands.map((c) => c.name())) {
      const io = fakeIO();
      expect(await runCli([command, "--help"], io), command).toBe(0);
      expect(io.out, command).toMatch(/\nExit codes: 0 [^\n]+\.\n+$/);
    }
  });

  it("shows them at the end of `berth <command> --help`", async () => {
    const io = fakeIO();
    await runCli(["lint", "--help"], io);
    expect(io.out).toMatch(/Examples:\n  # the production-readiness checklist, findings at file:line:col\n  \$ berth lint service.yaml\n/);
  });
});

describe("the schema example", () => {
  it("writes the file the starter manifest's yaml-language-server line names", async () => {
    const { STARTER_YAML } = await import("../../src/cli/starter/starter-yaml.js");
    const named = /\$schema=(\S+)/.exec(STARTER_YAML)![1]!;
    expect(HELP_EXAMPLES.schema!.map(([line]) => line)).toContain(`berth schema > ${named}`);
  });
});
