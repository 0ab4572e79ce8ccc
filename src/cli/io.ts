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
        mode = "closed";
        s.write = () => true;
        // Too late to stop the command: say why the output is cut short (not for a reader that went away) and fail the run.
        if (error.code !== "EPIPE" && fd === 1) {
          reportStdoutFailure(new StdoutError(error.code), (text) => void writeQuietly(2, text));
          process.exitCode = EXIT.invalid;
        }
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
      } else {
        // Nowhere to say anything when stderr itself fails; stdout's failure ends the command (runCli reports it).
        mode = "closed";
        if (fd === 1) throw new StdoutError(code);
      }
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

/**
 * Standard output refused berth's text (a full disk behind `berth schema > file`, an I/O error): the user's
 * to fix, not a bug. A reader that went away (EPIPE) is not one of these: writing just stops.
 */
export class StdoutError extends Error {
  constructor(readonly errno: string | undefined) {
    super(`cannot write to standard output (${errno ?? "unknown error"})`);
    this.name = "StdoutError";
  }
}

/** `berth: cannot write to standard output: …` with a hint, on stderr. */
export function reportStdoutFailure(error: StdoutError, stderr: (text: string) => void): void {
  const full = error.errno === "ENOSPC" || error.errno === "EDQUOT";
  const reason = full ? `the disk is full (${error.errno})` : error.errno === "EIO" ? "an input/output error (EIO)" : `the system refused (${error.errno ?? "unknown error"})`;
  const hint = full ? "Free some space, or redirect the output to a file on another disk." : "Check where the output goes (the file or device it is redirected to), or redirect it to a file.";
  stderr(`berth: cannot write to standard output: ${reason}; the output is incomplete.\n  hint: ${hint}\n`);
}

/** Writes to a descriptor, ignoring any failure: for a last word when the other stream already failed. */
function writeQuietly(fd: number, text: string): void {
  try {
    writeSync(fd, text);
  } catch {
    // Nothing left to report to.
  }
}

/** Exit codes: 0 success, 1 invalid input (a manifest or the config file), findings, or an output (a folder, a file, standard output) berth cannot write; 2 usage or internal error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
