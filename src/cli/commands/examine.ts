import { join, resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { present } from "../../diagnostics/present.js";
import { sha256Hex } from "../../digest.js";
import buildId from "../../generated/build-id.js";
import { readRecord, RECORD_FORMAT, recordedFilesPresent, recordMatches, SERVICE_FOLDER, type RecordInputs, type RecordOptions, type ServiceRecord } from "../../io/output-tree.js";
import { realFs } from "../../io/output/fs.js";
import { readManifestBytes } from "../../io/read-sources.js";
import type { Model } from "../../model/model.js";
import type { NormalizeOptions } from "../../model/normalize.js";
import { isGenerated } from "../../output/header.js";
import { parseManifest } from "../../parse/index.js";
import { declaredName, loadParsed } from "../../pipeline.js";
import { inShard, type Shard } from "../../shard.js";
import packageJson from "../../../package.json" with { type: "json" };
import { sourceName } from "./load-all.js";

/** What the first pass of compile and check needs to examine one manifest. Plain data: it crosses threads. */
export interface ExamineContext {
  cwd: string;
  /** Generated headers and records name manifests from here (the repository root). */
  root: string;
  shard?: Shard;
  outDir: string;
  /** The options as records name them; undefined when the emitters are unknown (the run stops anyway). */
  recordOptions?: RecordOptions;
  /** Whether a matching record lets the service be skipped. */
  useCache: boolean;
  normalize: NormalizeOptions;
  /** Folders beside the environments in a service's output (the chart's): not environments. */
  serviceRoots: string[];
}

/**
 * One manifest, examined: read once, parsed, sharded by the name it declares, then either vouched for
 * by its record or validated. Plain data (but `models`, which only the main thread keeps): the first
 * pass examines manifests on worker threads too, and takes the verdicts in file order.
 */
export type Examined =
  /** berth's own output, matched by a broad glob or a pre-commit pattern: never a manifest. */
  | { kind: "generated" }
  | { kind: "unreadable"; source: string; inShard: boolean; diagnostics: Diagnostic[] }
  | {
      kind: "manifest";
      source: string;
      /** The name the manifest declares, when it can be read. */
      name?: string;
      inShard: boolean;
      /** The rest is there only for a manifest of this shard. */
      digest?: string;
      inputs?: RecordInputs;
      /** Its record, when that matches its inputs and every file it lists is there: the service is skipped. */
      cached?: ServiceRecord;
      environments?: string[];
      service?: string | null;
      diagnostics?: Diagnostic[];
      /** The text, for code frames, when there are diagnostics. */
      text?: string;
      /** The validated Models, when asked for (a small batch on the main thread). */
      models?: readonly Model[];
    };

export async function examine(file: string, ctx: ExamineContext, keepModels = false): Promise<Examined> {
  const path = resolve(ctx.cwd, file);
  const read = await readManifestBytes(path);
  const source = sourceName(path, ctx.root);
  if (read.ok && isGenerated(new TextDecoder().decode(read.bytes.subarray(0, 256)))) return { kind: "generated" };
  if (!read.ok) {
    const mine = inShard(source, ctx.shard);
    return { kind: "unreadable", source, inShard: mine, diagnostics: mine ? await present([{ ...read.problem, file }]) : [] };
  }
  const parsed = await parseManifest(file, read.bytes);
  const name = declaredName(parsed);
  // Sharded by the service's name; a file without a readable name, by its path.
  if (!inShard(name ?? source, ctx.shard)) return { kind: "manifest", source, ...(name !== undefined ? { name } : {}), inShard: false };
  const digest = sha256Hex(read.bytes);
  const inputs: RecordInputs | undefined = ctx.recordOptions && { berth: packageJson.version, build: buildId, format: RECORD_FORMAT, source, input: digest, options: ctx.recordOptions };
  if (ctx.useCache && inputs && name !== undefined && SERVICE_FOLDER.test(name)) {
    const record = await readRecord(realFs, join(ctx.outDir, name));
    if (recordMatches(record, inputs) && (await recordedFilesPresent(realFs, join(ctx.outDir, name), record))) {
      // Compiled from these very bytes by this berth with these options, and valid then: skipped.
      // Its environments are the record's top-level folders, but for those beside them (the chart's).
      const beside = new Set(ctx.serviceRoots);
      const environments = [...new Set(record.files.map((f) => f.split("/")[0]!))].filter((folder) => !beside.has(folder));
      return { kind: "manifest", source, name, inShard: true, digest, inputs, cached: record, environments, service: name, diagnostics: [] };
    }
  }
  const loaded = await loadParsed(file, parsed, ctx.normalize);
  return {
    kind: "manifest",
    source,
    ...(name !== undefined ? { name } : {}),
    inShard: true,
    digest,
    ...(inputs ? { inputs } : {}),
    environments: loaded.models.map((m) => m.environment.name),
    service: loaded.models[0]?.name ?? null,
    diagnostics: loaded.diagnostics,
    ...(loaded.diagnostics.length && loaded.text !== undefined ? { text: loaded.text } : {}),
    ...(keepModels ? { models: loaded.models } : {}),
  };
}
