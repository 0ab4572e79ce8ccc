import { fstatSync, statSync, writeSync } from "node:fs";

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

/** The process's CLI IO, and whether everything written so far has reached the descriptors (nothing waits in a Node stream). */
export function processIO(): CliIO & { settled(): boolean } {
  const out = processStream(1);
  const err = processStream(2);
  return {
    settled: () => out.settled() && err.settled(),
    stdout: out.write,
    stderr: err.write,
    cwd: process.cwd(),
    env: process.env,
    // Asked only when a colour decision needs it.
    get stdoutIsTTY() {
      return out.isTTY();
    },
    get stderrIsTTY() {
      return err.isTTY();
    },
  };
}

/**
 * The process's stdout or stderr. Text goes straight to the file descriptor, synchronously, which is
 * how Node itself writes to files, pipes and terminals on POSIX: creating `process.stdout` loads Node's
 * stream modules (and `net` for a pipe, `tty` for a terminal), ~2 ms of a cold start that prints one
 * summary line (issue 16). Windows, and a descriptor that would block (EAGAIN: a non-blocking pipe),
 * use Node's stream, the latter for the rest of the run so the order of the text is kept. A reader
 * that goes away (`berth lint … | head`) is not an error of berth's: writing stops, quietly, rather
 * than dying of an unhandled EPIPE with a stack trace; the exit code stays the command's.
 */
function processStream(fd: 1 | 2): { write: (text: string) => void; isTTY: () => boolean; settled: () => boolean } {
  let mode: "fd" | "stream" | "closed" = process.platform === "win32" ? "stream" : "fd";
  let stream: NodeJS.WriteStream | undefined;
  const nodeStream = (): NodeJS.WriteStream => {
    if (!stream) {
      const s = (stream = fd === 1 ? process.stdout : process.stderr);
      s.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") throw error;
        mode = "closed";
        s.write = () => true;
      });
    }
    return stream;
  };
  const write = (text: string): void => {
    if (mode === "closed") return;
    if (mode === "stream") return void nodeStream().write(text);
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") mode = "closed";
      else if (code === "EAGAIN") {
        mode = "stream";
        nodeStream().write(bytes.subarray(written));
      } else throw error;
    }
  };
  // Asked once: what the descriptor is does not change during a run (printDiagnostics asks per manifest).
  let tty: boolean | undefined;
  const isTTY = (): boolean => (tty ??= askTTY());
  const askTTY = (): boolean => {
    if (process.platform !== "win32") {
      // Only a character device can be a terminal, and /dev/null (output thrown away) is none: a pipe,
      // a file or /dev/null is answered without Node's stream.
      try {
        const stat = fstatSync(fd);
        if (!stat.isCharacterDevice()) return false;
        if (stat.rdev === statSync("/dev/null", { throwIfNoEntry: false })?.rdev) return false;
      } catch {
        return false;
      }
    }
    return nodeStream().isTTY === true;
  };
  // Node's stream may still hold text (Windows, or after EAGAIN); the descriptor's writes are done when they return.
  const settled = (): boolean => mode !== "stream";
  return { write, isTTY, settled };
}

/** Exit codes: 0 success, 1 invalid input (a manifest or the config file), findings, or an output folder berth cannot write; 2 usage or internal error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
