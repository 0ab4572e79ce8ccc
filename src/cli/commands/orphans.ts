import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { readRecord, SERVICE_FOLDER } from "../../io/output-tree.js";
import { realFs } from "../../io/output/fs.js";
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
