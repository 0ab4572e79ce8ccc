/**
 * A reason the output folder cannot be written as planned: a refusal (a symlink, a hand-written
 * file in the way) or the file system's own error (a full disk, a read-only folder). These are the
 * user's to fix, so they are reported with the path and the reason, never as a bug in berth.
 */
export class OutputError extends Error {
  constructor(
    /** The path concerned, as given (under the output folder). */
    readonly path: string,
    /** What is wrong, in words. */
    readonly reason: string,
    /** What to do about it. */
    readonly hint: string,
    /** The system's error code (ENOSPC, EACCES, …) when the file system refused. */
    readonly errno?: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "OutputError";
  }
}

const SYSTEM_REASONS: Record<string, [reason: string, hint: string]> = {
  ENOSPC: ["the disk is full", "Free some space (or choose another `--out`) and compile again; the previous output is intact."],
  EDQUOT: ["the disk quota is exhausted", "Free some space (or choose another `--out`) and compile again; the previous output is intact."],
  EACCES: ["permission denied", "Make the output folder writable for this user, or choose another `--out`."],
  EPERM: ["operation not permitted", "Make the output folder writable for this user, or choose another `--out`."],
  EROFS: ["the file system is read-only", "Choose an `--out` on a writable file system."],
  ENOTDIR: ["a path component is a file, not a folder", "Remove or rename the file in the way, or choose another `--out`."],
  EEXIST: ["a file is in the way", "Remove or rename the file in the way, or choose another `--out`."],
  EISDIR: ["a folder is where a file belongs", "Remove or rename the folder in the way, or choose another `--out`."],
  EMFILE: ["too many open files", "Raise the open-file limit (`ulimit -n`) and compile again."],
  ENAMETOOLONG: ["the path is too long for the file system", "Choose a shorter `--out`."],
};

/** The file system's error as an OutputError; anything that is not a system error is re-thrown (a bug). */
export function asOutputError(error: unknown, path: string): OutputError {
  if (error instanceof OutputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) throw error;
  const [reason, hint] = SYSTEM_REASONS[code] ?? [`the file system refused (${code})`, "Check the output folder and compile again; the previous output is intact."];
  return new OutputError(path, `${reason} (${code})`, hint, code);
}
