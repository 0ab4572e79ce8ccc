import { dirname, join } from "node:path";
import type { CompilePlan } from "../../compile.js";
import type { OutputFile } from "../../output/output-file.js";
import { isGenerated } from "../../output/header.js";
import { isErrno, kindAt, realFs, type OutputFs } from "./fs.js";
import { asOutputError, OutputError } from "./output-error.js";
import { isLegacyTemporary, isStagingName, recoverService, stagePath } from "./staging.js";
import { compareDetailed, type TreeDifference } from "./tree.js";

export interface WriteOptions {
  /** Replace files at planned paths that berth did not write (no header). */
  force?: boolean;
  fs?: OutputFs;
  /**
   * Called once per service, before its folders first change (not at all when nothing changes):
   * compile removes the service's incremental record there (record.ts).
   */
  beforeChange?: (service: string, fs: OutputFs) => Promise<void>;
}

/**
 * One unit of replacement: an environment's folder (`<service>/<env>`), or a folder beside them that
 * spans the environments (`<service>/helm`, the chart). What the plan puts there and which entries it owns.
 */
interface Unit {
  service: string;
  env: string;
  files: OutputFile[];
  owned: readonly string[] | "all";
}

/**
 * Brings the output folder in line with the plan, one environment folder (or the chart's folder) at a time and each as a
 * unit: the new tree is built beside the old one and swapped in with renames, so a reader (or a
 * killed run) never sees half old, half new. Files berth did not write are kept (or, at a path
 * berth writes, refused unless `force`); symbolic links are never written or deleted through;
 * whatever an interrupted run left is settled first. File-system failures are OutputErrors.
 */
export async function writeTree(outDir: string, plan: CompilePlan, options: WriteOptions = {}): Promise<TreeDifference> {
  const fs = options.fs ?? realFs;
  let at = outDir;
  try {
    const rootKind = await kindAt(fs, outDir);
    if (rootKind !== undefined && rootKind !== "dir" && rootKind !== "symlink") {
      throw new OutputError(outDir, "is a file, not a folder", "Give `--out` a folder (it is created when missing).");
    }
    const units = unitsOf(plan);
    const services = [...new Set([...units.map((u) => u.service), ...plan.scopes.map((s) => s.dir.split("/")[0]!)])].sort();
    for (const service of services) {
      at = join(outDir, service);
      await refuseSymlink(fs, outDir, service);
      await recoverService(fs, at);
    }
    const { diff, fresh } = await compareDetailed(outDir, plan, fs);
    // Fresh ones too: a link is not a folder, so it counts as fresh, and the rename over it failed as "a path component is a file" (ENOTDIR).
    for (const unit of units) await refuseSymlink(fs, outDir, `${unit.service}/${unit.env}`);
    await refuseUnsafeTargets(fs, outDir, diff, fresh, options.force === true);
    const stale = new Set(diff.stale);
    const unitOf = (path: string) => path.split("/", 2).join("/");
    const changing = new Set<string>();
    const change = async (service: string) => {
      if (changing.has(service)) return;
      changing.add(service);
      at = join(outDir, service);
      await options.beforeChange?.(service, fs);
    };
    const touched = new Set([...diff.missing, ...diff.changed.map((c) => c.path), ...diff.stale].map(unitOf));
    for (const unit of units) {
      if (!touched.has(`${unit.service}/${unit.env}`)) continue;
      await change(unit.service);
      at = join(outDir, unit.service, unit.env);
      await replaceUnit(fs, outDir, unit, fresh.has(`${unit.service}/${unit.env}`), stale, (path) => (at = path));
    }
    // Generated files outside any planned environment folder: an environment no longer compiled.
    const planned = new Set(units.map((u) => `${u.service}/${u.env}`));
    const retired = new Map<string, string[]>();
    for (const path of diff.stale) if (!planned.has(unitOf(path))) retired.set(unitOf(path), [...(retired.get(unitOf(path)) ?? []), path]);
    for (const [folder, stale] of retired) {
      await change(folder.split("/")[0]!);
      at = join(outDir, folder);
      await retire(fs, outDir, folder, stale);
    }
    return diff;
  } catch (error) {
    throw asOutputError(error, at);
  }
}

/** The plan's environment folders, each with its files and the entries it owns. */
function unitsOf(plan: CompilePlan): Unit[] {
  const units = new Map<string, Unit>();
  for (const file of plan.files) {
    const [service, env] = file.path.split("/") as [string, string];
    const key = `${service}/${env}`;
    const scope = plan.scopes.find((s) => s.dir === key) ?? plan.scopes.find((s) => s.dir === service);
    let unit = units.get(key);
    if (!unit) units.set(key, (unit = { service, env, files: [], owned: scope?.owned === undefined || scope.dir === service ? "all" : scope.owned }));
    unit.files.push(file);
  }
  return [...units.values()];
}

/** Refuses a symbolic link at `relative` (under outDir): writing or deleting through it could reach outside `--out`. */
async function refuseSymlink(fs: OutputFs, outDir: string, relative: string): Promise<void> {
  if ((await kindAt(fs, join(outDir, relative))) === "symlink") {
    throw new OutputError(
      join(outDir, relative),
      "is a symbolic link; berth never writes or deletes through one (it could lead outside the output folder)",
      "Replace the link with a real folder, or point `--out` at the folder it links to.",
    );
  }
}

/**
 * Every file berth will write must be its own: a file without berth's header at a planned path is
 * refused (unless `force`), and so is a folder where a file goes. Known from the comparison, so no
 * file is read twice.
 */
async function refuseUnsafeTargets(fs: OutputFs, outDir: string, diff: TreeDifference, fresh: ReadonlySet<string>, force: boolean): Promise<void> {
  for (const { path, actual } of diff.changed) {
    if (force || isGenerated(actual)) continue;
    throw new OutputError(
      join(outDir, path),
      "was not written by berth (it has no `Generated by berth` header), and berth would replace it",
      "Move your file elsewhere, or pass `--force` to let berth replace it.",
    );
  }
  const existing = new Map<string, boolean>();
  for (const path of diff.missing) {
    const folder = path.split("/", 2).join("/");
    if (fresh.has(folder)) continue;
    if (!existing.has(folder)) existing.set(folder, (await kindAt(fs, join(outDir, folder))) === "dir");
    if (existing.get(folder) && (await kindAt(fs, join(outDir, path))) === "dir") {
      throw new OutputError(join(outDir, path), "is a folder where berth writes a file", "Move the folder away and compile again.");
    }
  }
}

/**
 * Removes an environment folder no longer compiled: as a unit (renamed aside, then deleted) when
 * everything in it is berth's and stale, else file by file, keeping what berth did not write.
 */
async function retire(fs: OutputFs, outDir: string, folder: string, stale: readonly string[]): Promise<void> {
  const [service, env] = folder.split("/") as [string, string];
  const absolute = join(outDir, folder);
  if ((await kindAt(fs, absolute)) === "dir" && (await countFiles(fs, absolute)) === stale.length) {
    const old = stagePath(join(outDir, service), env, "old");
    await fs.rename(absolute, old);
    await fs.rm(old, { recursive: true, force: true });
  } else {
    for (const path of stale) await fs.rm(join(outDir, path), { recursive: true, force: true });
    for (const path of stale) await removeEmptyParents(fs, outDir, dirname(path));
  }
  await removeEmptyParents(fs, outDir, service);
}

/** Entries that are not folders under `dir` (files, links), counted without following links. */
async function countFiles(fs: OutputFs, dir: string): Promise<number> {
  let count = 0;
  for (const name of await fs.readdir(dir)) {
    const kind = await kindAt(fs, join(dir, name));
    count += kind === "dir" ? await countFiles(fs, join(dir, name)) : 1;
  }
  return count;
}

/**
 * Builds the environment's new folder beside the old one, then swaps them: the planned files, and
 * every entry berth does not own or did not write (kept as hard links, so nothing is copied twice).
 * A `fresh` folder (none on disk) is built the same way and renamed into place: one mkdir per
 * folder, one write per file, no comparison.
 */
async function replaceUnit(fs: OutputFs, outDir: string, unit: Unit, fresh: boolean, stale: ReadonlySet<string>, at: (path: string) => void): Promise<void> {
  const serviceDir = join(outDir, unit.service);
  const folder = join(serviceDir, unit.env);
  const partial = stagePath(serviceDir, unit.env, "partial");
  const ready = stagePath(serviceDir, unit.env, "ready");
  const old = stagePath(serviceDir, unit.env, "old");
  try {
    // recoverService has removed any staging this service had; a fresh service folder has none.
    if (!fresh) await fs.rm(partial, { recursive: true, force: true });
    at(partial);
    await fs.mkdir(partial, { recursive: true });
    const planned = new Set<string>();
    const made = new Set<string>([partial]);
    const ensureDir = async (dir: string) => {
      if (made.has(dir)) return;
      await fs.mkdir(dir, { recursive: true });
      made.add(dir);
    };
    for (const file of unit.files) {
      const relative = file.path.slice(unit.service.length + unit.env.length + 2);
      planned.add(relative);
      const target = join(partial, relative);
      at(target);
      await ensureDir(dirname(target));
      await fs.writeFile(target, file.content);
    }
    if (fresh) {
      // Nothing to swap with: the complete tree takes the folder's name in one rename (a run
      // killed before it leaves a partial tree, which the next run discards).
      at(folder);
      await fs.rename(partial, folder);
      return;
    }
    if ((await kindAt(fs, folder)) === "dir") await keepUnowned(fs, folder, partial, unit, planned, stale, ensureDir, at);
    at(ready);
    await fs.rename(partial, ready);
    if ((await kindAt(fs, folder)) !== undefined) await fs.rename(folder, old);
    await fs.rename(ready, folder);
    await fs.rm(old, { recursive: true, force: true });
  } catch (error) {
    // Put the old folder back if the swap had begun, then drop the new one; what cannot be undone
    // now (the disk may be failing) the next run settles the same way (staging.ts).
    await settleNow(fs, folder, old, ready, partial).catch(() => undefined);
    throw error;
  }
}

/** After a failure mid-replacement: the old folder back if the swap had begun (a complete new one if there was none), the rest removed. */
async function settleNow(fs: OutputFs, folder: string, old: string, ready: string, partial: string): Promise<void> {
  await fs.rm(partial, { recursive: true, force: true });
  if ((await kindAt(fs, folder)) === undefined) {
    if ((await kindAt(fs, old)) === "dir") await fs.rename(old, folder);
    else if ((await kindAt(fs, ready)) === "dir") await fs.rename(ready, folder);
  }
  if ((await kindAt(fs, folder)) !== undefined) await fs.rm(ready, { recursive: true, force: true });
}

/** Carries into the new folder what is not berth's to replace or remove. */
async function keepUnowned(
  fs: OutputFs,
  from: string,
  to: string,
  unit: Unit,
  planned: ReadonlySet<string>,
  stale: ReadonlySet<string>,
  ensureDir: (dir: string) => Promise<void>,
  at: (path: string) => void,
): Promise<void> {
  const owns = (relative: string) => unit.owned === "all" || unit.owned.includes(relative.split("/")[0]!);
  const visit = async (relative: string): Promise<void> => {
    const source = join(from, relative);
    const target = join(to, relative);
    at(source);
    const kind = await kindAt(fs, source);
    if (kind === "dir") {
      const names = (await fs.readdir(source)).filter((name) => !isStagingName(name)).sort();
      // An empty folder is never berth's (its folders hold files): the user's, kept like their files.
      if (names.length === 0 && relative) await ensureDir(target);
      for (const name of names) await visit(relative ? `${relative}/${name}` : name);
      return;
    }
    if (planned.has(relative) || isLegacyTemporary(relative)) return;
    if (kind === "symlink") {
      if (plannedBelow(planned, relative)) {
        throw new OutputError(
          source,
          "is a symbolic link where berth writes a folder; berth never writes through one (it could lead outside the output folder)",
          "Replace the link with a real folder, or remove it, and compile again.",
        );
      }
      await ensureDir(dirname(target));
      await fs.symlink(await fs.readlink(source), target);
      return;
    }
    if (kind === "other") {
      // A FIFO, socket or device is never berth's: kept as a hard link (copying one would read it, and a FIFO's read blocks).
      await ensureDir(dirname(target));
      await fs.link(source, target);
      return;
    }
    if (kind !== "file") return;
    // A generated file in what this run owns, no longer planned, is stale (the comparison read it once): it is not carried over.
    if (owns(relative) && stale.has(`${unit.service}/${unit.env}/${relative}`)) return;
    await ensureDir(dirname(target));
    try {
      await fs.link(source, target);
    } catch (error) {
      if (!isErrno(error, "EXDEV") && !isErrno(error, "EPERM") && !isErrno(error, "ENOTSUP")) throw error;
      await fs.copyFile(source, target);
    }
  };
  await visit("");
}

function plannedBelow(planned: ReadonlySet<string>, folder: string): boolean {
  for (const path of planned) if (path.startsWith(`${folder}/`)) return true;
  return false;
}

async function removeEmptyParents(fs: OutputFs, outDir: string, dir: string): Promise<void> {
  for (let current = dir; current && current !== "."; current = dirname(current)) {
    try {
      await fs.rmdir(join(outDir, current));
    } catch {
      return; // not empty (or already gone): stop climbing
    }
  }
}
