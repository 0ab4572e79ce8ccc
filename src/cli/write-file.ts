import { writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Why a file the user named (`lint --output`, `init --output`) or standard output cannot be written,
 * in words, with what to do about it. The system's code stays in brackets, for a search.
 */
export function writeFailure(code: string | undefined, path: string, option: string, example = "report.txt"): { reason: string; hint: string } {
  const folder = dirname(path);
  switch (code) {
    case "ENOENT":
      return { reason: "the folder does not exist", hint: `Create ${folder} first, or give ${option} a path in an existing folder.` };
    case "ENOTDIR":
      return { reason: "a part of the path is a file, not a folder", hint: `Check the path given to ${option}.` };
    case "EISDIR":
      return { reason: "it is a folder, not a file", hint: `Give ${option} a file name, e.g. ${option} ${path.replace(/[\\/]+$/, "")}/${example}.` };
    case "EACCES":
    case "EPERM":
      return { reason: `permission denied (${code})`, hint: `Make ${folder} writable for this user, or give ${option} another path.` };
    case "EROFS":
      return { reason: "the file system is read-only (EROFS)", hint: `Give ${option} a path on a writable file system.` };
    case "ENOSPC":
    case "EDQUOT":
      return { reason: `the disk is full (${code})`, hint: `Free some space, or give ${option} a path on another disk.` };
    case "ENAMETOOLONG":
      return { reason: "the path is too long for the file system (ENAMETOOLONG)", hint: `Give ${option} a shorter path.` };
    default:
      return { reason: `the file system refused (${code ?? "unknown error"})`, hint: `Check the path given to ${option}.` };
  }
}

/** Whether this is an error of the system (an errno), which is the user's to fix, rather than a bug. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code);
}

/**
 * Writes a file the user named. A system error is answered on stderr as
 * `berth <command>: cannot write <path>: <reason>` with a hint, and `false` is returned; anything else is a bug and thrown.
 */
export function writeUserFile(
  path: string,
  shown: string,
  text: string,
  io: { stderr(text: string): void },
  where: { command: string; option: string },
): boolean {
  try {
    writeFileSync(path, text);
    return true;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    const { reason, hint } = writeFailure(error.code, shown, where.option);
    io.stderr(`berth ${where.command}: cannot write ${shown}: ${reason}\n  hint: ${hint}\n`);
    return false;
  }
}
