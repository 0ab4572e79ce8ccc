import { join } from "node:path";
import type { CompilePlan } from "../../compile.js";
import { isGenerated } from "../../output/header.js";
import { isErrno, kindAt, realFs, type OutputFs } from "./fs.js";
import { asOutputError, OutputError } from "./output-error.js";
import { isLegacyTemporary, isStagingName } from "./staging.js";

/** How the output folder on disk differs from a compile plan. */
export interface TreeDifference {
  /** Planned files not on disk. */
  missing: string[];
  /** Planned files whose content on disk differs: path, disk text, planned text. */
  changed: Array<{ path: string; actual: string; expected: string }>;
  /** Files berth generated earlier that the plan no longer has (only files carrying berth's header). */
  stale: string[];
  unchanged: number;
}

/** Compares the plan with what is on disk under `outDir`, reading only (what `check` reports). */
export async function compareTree(outDir: string, plan: CompilePlan, fs: OutputFs = realFs): Promise<TreeDifference> {
  try {
    return (await compareDetailed(outDir, plan, fs)).diff;
  } catch (error) {
    // What cannot be read (a permission, a FIFO where a file belongs) is the user's to fix, as in writeTree: said with the path.
    throw asOutputError(error, (error as NodeJS.ErrnoException).path ?? outDir);
  }
}

/**
 * The comparison, and the environment folders (`<service>/<env>`) that do not exist yet: their
 * files are all missing without a read each, and writing them needs no comparison. Each existing
 * file is read at most once: planned files for their content, the others only for the header that
 * says whether they are stale.
 */
export async function compareDetailed(outDir: string, plan: CompilePlan, fs: OutputFs = realFs): Promise<{ diff: TreeDifference; fresh: Set<string> }> {
  const diff: TreeDifference = { missing: [], changed: [], stale: [], unchanged: 0 };
  const planned = new Set(plan.files.map((f) => f.path));
  const folders = new Map<string, boolean>();
  const fresh = new Set<string>();
  for (const file of plan.files) {
    const unit = file.path.split("/", 2).join("/");
    let present = folders.get(unit);
    if (present === undefined) {
      folders.set(unit, (present = (await kindAt(fs, join(outDir, unit))) === "dir"));
      if (!present) fresh.add(unit);
    }
    const actual = present ? await readText(fs, join(outDir, file.path)) : undefined;
    if (actual === undefined) diff.missing.push(file.path);
    else if (actual !== file.content) diff.changed.push({ path: file.path, actual, expected: file.content });
    else diff.unchanged++;
  }
  for (const scope of plan.scopes) {
    for (const path of await generatedFilesIn(fs, outDir, scope.dir, scope.owned, planned)) diff.stale.push(path);
  }
  diff.stale = [...new Set(diff.stale)].sort();
  return { diff, fresh };
}

/**
 * A file's text, or undefined when there is no file (a folder or nothing). Only a regular file is
 * read: a symbolic link could lead outside the output folder (to `/dev/zero`: a read that never
 * ends), and reading a FIFO waits for a writer forever. Either is refused with its path.
 */
export async function readText(fs: OutputFs, path: string): Promise<string | undefined> {
  const kind = await kindAt(fs, path);
  if (kind === "symlink" || kind === "other") {
    throw new OutputError(
      path,
      kind === "symlink" ? "is a symbolic link where berth reads and writes a file; berth never reads or writes through one (it could lead outside the output folder)" : "is not a regular file (a FIFO, socket or device) where berth reads and writes a file",
      "Remove it (or replace it with a regular file) and run berth again.",
    );
  }
  if (kind !== "file") return undefined;
  try {
    return await fs.readFile(path, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT") || isErrno(error, "ENOTDIR") || isErrno(error, "EISDIR")) return undefined;
    throw error;
  }
}

/**
 * Generated files (by header) under `dir` that the plan does not have, limited to the owned
 * top-level entries; paths relative to outDir, POSIX style. Planned files are not read again.
 * Symbolic links are not followed; berth's staging folders and its record are skipped.
 */
async function generatedFilesIn(fs: OutputFs, outDir: string, dir: string, owned: readonly string[] | "all", planned: ReadonlySet<string>): Promise<string[]> {
  const out: string[] = [];
  const visit = async (relative: string): Promise<void> => {
    const absolute = join(outDir, relative);
    const kind = await kindAt(fs, absolute);
    if (kind === "dir") {
      for (const name of (await fs.readdir(absolute)).sort()) {
        if (!isStagingName(name)) await visit(`${relative}/${name}`);
      }
    } else if (kind === "file" && !planned.has(relative) && !isLegacyTemporary(relative) && isGenerated((await readText(fs, absolute)) ?? "")) {
      out.push(relative);
    }
  };
  if ((await kindAt(fs, join(outDir, dir))) !== "dir") return out;
  if (owned === "all") await visit(dir);
  else for (const root of owned) await visit(`${dir}/${root}`);
  return out;
}

