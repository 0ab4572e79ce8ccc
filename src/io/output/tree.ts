import { join } from "node:path";
import type { CompilePlan } from "../../compile.js";
import { isGenerated } from "../../output/header.js";
import { isErrno, kindAt, realFs, type OutputFs } from "./fs.js";
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
  const diff: TreeDifference = { missing: [], changed: [], stale: [], unchanged: 0 };
  const planned = new Set(plan.files.map((f) => f.path));
  for (const file of plan.files) {
    const actual = await readText(fs, join(outDir, file.path));
    if (actual === undefined) diff.missing.push(file.path);
    else if (actual !== file.content) diff.changed.push({ path: file.path, actual, expected: file.content });
    else diff.unchanged++;
  }
  for (const scope of plan.scopes) {
    for (const path of await generatedFilesIn(fs, outDir, scope.dir, scope.owned)) if (!planned.has(path)) diff.stale.push(path);
  }
  diff.stale = [...new Set(diff.stale)].sort();
  return diff;
}

/** A file's text, or undefined when there is no file (a folder or nothing). */
export async function readText(fs: OutputFs, path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT") || isErrno(error, "ENOTDIR") || isErrno(error, "EISDIR")) return undefined;
    throw error;
  }
}

/**
 * Generated files (by header) under `dir`, limited to the owned top-level entries; paths relative
 * to outDir, POSIX style. Symbolic links are not followed and berth's staging folders are skipped.
 */
async function generatedFilesIn(fs: OutputFs, outDir: string, dir: string, owned: readonly string[] | "all"): Promise<string[]> {
  const out: string[] = [];
  const visit = async (relative: string): Promise<void> => {
    const absolute = join(outDir, relative);
    const kind = await kindAt(fs, absolute);
    if (kind === "dir") {
      for (const name of (await fs.readdir(absolute)).sort()) {
        if (!isStagingName(name)) await visit(`${relative}/${name}`);
      }
    } else if (kind === "file" && !isLegacyTemporary(relative) && isGenerated((await readText(fs, absolute)) ?? "")) {
      out.push(relative);
    }
  };
  if ((await kindAt(fs, join(outDir, dir))) !== "dir") return out;
  if (owned === "all") await visit(dir);
  else for (const root of owned) await visit(`${dir}/${root}`);
  return out;
}

