/** `--help` shows runnable examples for every command, and every example uses options the command has. */
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

  it("shows them at the end of `berth <command> --help`", async () => {
    const io = fakeIO();
    await runCli(["lint", "--help"], io);
    expect(io.out).toMatch(/Examples:\n  # the production-readiness checklist, findings at file:line:col\n  \$ berth lint service.yaml\n/);
  });
});
