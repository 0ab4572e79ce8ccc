import type { CliIO } from "../../src/cli/io.js";

/** A CliIO that records output, for running commands in-process. */
export function fakeIO(overrides: Partial<CliIO> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    cwd: process.cwd(),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ...overrides,
  };
  return io;
}
