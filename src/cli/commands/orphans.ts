import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { readRecord } from "../../io/output-tree.js";
import { kindAt, realFs } from "../../io/output/fs.js";
import { isStagingName } from "../../io/output/staging.js";
import { inShard, type Shard } from "../../shard.js";

/** Service names as the schema allows them: only such folders can be a service's. */
const SERVICE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Service folders of the output whose manifest is gone, so all their generated files are stale:
 * the folder's record names a manifest that no longer exists, or one this run read that now
 * declares another service (it was renamed). Only folders with a record are judged (without one,
 * berth cannot tell which manifest wrote them, and a run over a subset of the manifests must not
 * take the others' folders for orphans); in a sharded run, only the folders whose name is this
 * shard's, so no two jobs judge one folder. A run over every service reads no record: it has a
 * manifest for each folder it would judge.
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
    if (run.services.has(name) || !SERVICE_NAME.test(name) || isStagingName(name) || !inShard(name, shard)) continue;
    const record = await readRecord(realFs, join(outDir, name));
    if (!record) continue;
    const renamed = run.sources.has(record.source);
    if (renamed || (await kindAt(realFs, resolve(root, record.source))) !== "file") orphans.push(name);
  }
  return orphans;
}
