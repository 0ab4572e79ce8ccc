import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { CompilePlan } from "../compile.js";
import { isGenerated } from "../output/header.js";

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

/** Compares the plan with what is on disk under `outDir`, reading only. */
export async function compareTree(outDir: string, plan: CompilePlan): Promise<TreeDifference> {
  const diff: TreeDifference = { missing: [], changed: [], stale: [], unchanged: 0 };
  const planned = new Set(plan.files.map((f) => f.path));
  for (const file of plan.files) {
    const actual = await readText(join(outDir, file.path));
    if (actual === undefined) diff.missing.push(file.path);
    else if (actual !== file.content) diff.changed.push({ path: file.path, actual, expected: file.content });
    else diff.unchanged++;
  }
  for (const scope of plan.scopes) {
    for (const path of await generatedFilesIn(outDir, scope.dir, scope.owned)) if (!planned.has(path)) diff.stale.push(path);
  }
  diff.stale = [...new Set(diff.stale)].sort();
  return diff;
}

/**
 * Brings the output folder in line with the plan: writes new and changed files (each through a
 * temporary file and a rename, so no reader ever sees half a file) and removes stale generated
 * files. Files without berth's header are never touched.
 */
export async function writeTree(outDir: string, plan: CompilePlan): Promise<TreeDifference> {
  const diff = await compareTree(outDir, plan);
  const byPath = new Map(plan.files.map((f) => [f.path, f.content]));
  for (const path of [...diff.missing, ...diff.changed.map((c) => c.path)]) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.berth-${process.pid}.tmp`;
    await writeFile(temporary, byPath.get(path)!);
    await rename(temporary, target);
  }
  for (const path of diff.stale) {
    await rm(join(outDir, path), { force: true });
    await removeEmptyParents(outDir, dirname(path));
  }
  return diff;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Generated files (by header) under `dir`, limited to the owned top-level entries; paths relative to outDir, POSIX style. */
async function generatedFilesIn(outDir: string, dir: string, owned: readonly string[] | "all"): Promise<string[]> {
  const out: string[] = [];
  const walk = async (absolute: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(absolute, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isGenerated((await readText(path)) ?? "")) out.push(relative(outDir, path).split(sep).join("/"));
    }
  };
  const base = join(outDir, dir);
  if (owned === "all") await walk(base);
  else for (const root of owned) {
    const text = await readText(join(base, root)).catch(() => undefined);
    if (text !== undefined) {
      if (isGenerated(text)) out.push(`${dir}/${root}`);
    } else await walk(join(base, root));
  }
  return out;
}

async function removeEmptyParents(outDir: string, dir: string): Promise<void> {
  for (let current = dir; current && current !== "."; current = dirname(current)) {
    try {
      await rmdir(join(outDir, current));
    } catch {
      return; // not empty (or already gone): stop climbing
    }
  }
}
