/** Everything the CLI takes from its process, passed in so commands can run in tests without one. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout / stderr are terminals (colour only then). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Colour follows https://no-color.org and is off when the stream is not a terminal. */
export function useColor(io: CliIO, stream: "stdout" | "stderr"): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return stream === "stdout" ? io.stdoutIsTTY : io.stderrIsTTY;
}

/** Exit codes: 0 success, 1 invalid input or findings, 2 usage or internal error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
