/** Everything the CLI takes from its process, passed in so commands can run in tests without one. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout / stderr are terminals (see color.ts for when berth colours). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export function processIO(): CliIO {
  // A reader that goes away (`berth lint … | head`) is not an error of berth's: stop writing to it, quietly,
  // rather than die of an unhandled EPIPE with a stack trace. The exit code stays the command's.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      stream.write = () => true;
    });
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Exit codes: 0 success, 1 invalid input (a manifest or the config file), findings, or an output folder berth cannot write; 2 usage or internal error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
