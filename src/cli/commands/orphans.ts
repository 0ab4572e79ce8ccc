import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CompilePlan } from "../../compile.js";
import { readRecord, RECORD_FILE, removeRecord, SERVICE_FOLDER, writeTree } from "../../io/output-tree.js";
import { kindAt, realFs, type OutputFs } from "../../io/output/fs.js";
import { isStagingName } from "../../io/output/staging.js";
import { inShard, type Shard } from "../../shard.js";

/**
 * Service folders of the output whose manifest is gone, so all their generated files are stale:
 * the folder's record names a manifest that no longer exists, or one this run read that now
 * declares another service (it was renamed). Only folders with a record are judged (without one,
 * berth cannot tell which manifest wrote them, and a run over a subset of the manifests must not
 * take the others' folders for orphans); in a sharded run, only the folders whose name is this
 * shard's, so no two jobs judge one folder. A folder whose service this run compiles is never judged,
 * so a run over every manifest reads no record here but an orphan's.
 */
export async function orphanServices(outDir: string, root: string, run: { services: ReadonlySet<string>; sources: ReadonlySet<string> }, shard?: Shard): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return [];
  }
  const orphans: string[] = [];
  for (const name of names.sort()) {
    if (run.services.has(name) || !SERVICE_FOLDER.test(name) || isStagingName(name) || !inShard(name, shard)) continue;
    const record = await readRecord(realFs, join(outDir, name));
    if (!record) continue;
    const renamed = run.sources.has(record.source);
    // Followed like any manifest read (a symbolic link to one is one): only nothing at all there means it is gone.
    if (renamed || !statSync(resolve(root, record.source), { throwIfNoEntry: false })) orphans.push(name);
  }
  return orphans;
}

/** The plan of a service whose manifest is gone: no files, and the whole folder owned, so every generated file in it is stale. */
export function orphanPlan(service: string): CompilePlan {
  return { files: [], scopes: [{ dir: service, owned: "all" }] };
}

/**
 * Removes an orphan's generated files, then its record, then its folder if nothing else is left (files
 * berth did not write stay). The record goes last, unlike a compiled service's (service-step.ts): it is
 * what makes the folder an orphan, so a run stopped part way leaves one the next run still judges and
 * finishes. Removed first, it left generated files in a folder without a record, which no check reports
 * and no compile removes. Returns what was removed (the record included), relative to outDir.
 */
export async function removeOrphan(outDir: string, service: string, force: boolean, fs: OutputFs = realFs): Promise<string[]> {
  const record = `${service}/${RECORD_FILE}`;
  const hadRecord = (await kindAt(fs, join(outDir, record))) !== undefined;
  const diff = await writeTree(outDir, orphanPlan(service), { force, fs });
  await removeRecord(fs, join(outDir, service));
  await fs.rmdir(join(outDir, service)).catch(() => undefined); // not empty: a file berth did not write is there
  return [...diff.stale, ...(hadRecord ? [record] : [])];
}
