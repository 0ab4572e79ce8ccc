import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { selectEmitters } from "../../../emitters/index.js";
import { planCompile, type CompileOptions, type CompilePlan } from "../../compile.js";
import { codeIds } from "../../diagnostics/catalogue/index.js";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { present } from "../../diagnostics/present.js";
import { unknownName } from "../../diagnostics/suggest.js";
import type { Emitter } from "../../emit/emitter.js";
import { sha256Hex } from "../../digest.js";
import buildId from "../../generated/build-id.js";
import { RECORD_FORMAT, readRecord, SERVICE_FOLDER, recordedFilesPresent, recordMatches, type RecordInputs, type RecordOptions, type ServiceRecord } from "../../io/output-tree.js";
import { canonicalJson } from "../../canonical-json.js";
import { readConfig, type ReadConfig } from "../../io/read-config.js";
import { readManifestBytes, rereadManifest, type ManifestChanged } from "../../io/read-sources.js";
import { realFs } from "../../io/output/fs.js";
import { isGenerated } from "../../output/header.js";
import { parseManifest } from "../../parse/index.js";
import type { Model } from "../../model/model.js";
import type { NormalizeOptions } from "../../model/normalize.js";
import { declaredName, loadParsed, modelsOf } from "../../pipeline.js";
import { RULES } from "../../rules/registry.js";
import { inShard, parseShard, type Shard } from "../../shard.js";
import packageJson from "../../../package.json" with { type: "json" };
import { EXIT, type CliIO } from "../io.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { forEachServiceInWorkers, workerCount, workerHeapMb } from "./compile-workers.js";
import { sourceName } from "./load-all.js";
import { heapKeeper } from "../heap.js";
import { orphanServices } from "./orphans.js";
import { runStep, type ServiceStep, type StepOutcome } from "./service-step.js";

/** What `compile` and `check` take from the command line; unset values come from berth.config.yaml. */
export interface CompileFlags extends Omit<CompileOptions, "emit"> {
  /** `--out`; default: the config's `compile.out`, else `deploy`. */
  out?: string;
  /** `--emit`: narrows this run to these outputs (berth then owns only their folders). */
  emit?: string[];
  /** `--config`; default: berth.config.yaml from the working directory up to the repository root. */
  config?: string;
  format?: "text" | "json";
  /** `--shard i/n`: only the services whose name hashes to shard i of n. */
  shard?: string;
  /** false with `--no-cache`: compile (or compare) every service, whatever its record says. */
  cache?: boolean;
}

/** The config file, read and reported; undefined (after printing its problems) when it has errors. */
export async function readProjectConfig(io: CliIO, file: string | undefined, command: string): Promise<ReadConfig | undefined> {
  const config = await readConfig(file, { cwd: io.cwd, knownRules: [...RULES.map((r) => r.id), ...codeIds()] });
  printDiagnostics(io, [config]);
  if (hasErrors(config.diagnostics)) {
    io.stderr(`berth ${command}: nothing done; fix the config file ${config.file} first.\n`);
    return undefined;
  }
  return config;
}

/**
 * One manifest of the run. Only what the summary needs is kept between the passes: never the
 * manifest's bytes (the second pass reads them again, checked against `digest`), its Models or its output.
 */
export interface Entry {
  file: string;
  /** The file, absolute: the second pass reads it again (on a worker thread, too). */
  path: string;
  /** SHA-256 of the bytes the first pass validated: the second pass compiles those or none. */
  digest?: string;
  /** How generated headers name it (from the repository root). */
  source: string;
  service: string | null;
  environments: string[];
  diagnostics: Diagnostic[];
  /** Set when the service's record matches its inputs: the service is skipped. */
  cached?: ServiceRecord;
  /** What the record written after compiling says produced the output. */
  inputs?: RecordInputs;
  /** The first pass's Models, kept in a small batch (KEEP_MODELS): the second pass plans them without reading the manifest again. */
  models?: readonly Model[];
}

/**
 * Up to this many services, the first pass keeps each one's Models for the second: a pre-commit hook or a
 * one-service CI step then parses and normalizes each manifest once, not twice (~3 ms of a cold compile).
 * Beyond it none are kept, so memory does not grow with the batch. What is compiled is then the very
 * Models validated, whatever happens to the file in between.
 */
export const KEEP_MODELS = 8;

export interface Batch {
  files: string[];
  entries: Entry[];
  outDir: string;
  outName: string;
  emitters: readonly Emitter[];
  options: CompileOptions;
  /** How manifests are normalized (the config's severity mapping). */
  normalize: NormalizeOptions;
  /** Every emitter for every environment: the run owns whole service folders, and records are kept. */
  whole: boolean;
  /** Service folders whose manifest is gone (orphans.ts): compile removes their generated files, check reports them stale. */
  orphans: string[];
}

export type Prepared = ({ ok: true } & Batch) | { ok: false; exit: number; entries: Entry[]; outName?: string; error?: string };


/**
 * Shared by compile and check, the first of two passes: the config file, the output root, the
 * emitters (`--emit`, else the config's `compile.emit`, else all), then every manifest of this
 * shard read once and validated (diagnostics printed as it goes), or skipped when its record says
 * its output is current. Nothing is compiled yet: `forEachService` does that, one at a time.
 */
export async function prepareCompile(files: string[], flags: CompileFlags, io: CliIO, command: "compile" | "check"): Promise<Prepared> {
  const config = await readProjectConfig(io, flags.config, command);
  if (!config) return { ok: false, exit: EXIT.invalid, entries: [] };
  const outDir = flags.out !== undefined ? resolve(io.cwd, flags.out) : config.config?.compile?.out !== undefined ? resolve(config.dir, config.config.compile.out) : resolve(io.cwd, "deploy");
  const outName = displayPath(io.cwd, outDir);
  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    const parsed = parseShard(flags.shard);
    if (typeof parsed === "string") return { ok: false, exit: EXIT.usage, entries: [], outName, error: parsed };
    shard = parsed;
  }
  // The config's alert severity mapping sits between berth's defaults and each manifest's own, and its
  // checklist severities under the manifest's: both shape the output, so the record names them.
  const severityByTier = config.config?.monitoring?.severity_by_tier;
  const checklistSeverity = config.config?.checklist?.severity;
  // `--strategy` too: the manifests are validated and linted as they will be delivered.
  const normalize: NormalizeOptions = {
    ...(severityByTier ? { severityByTier } : {}),
    ...(checklistSeverity ? { checklistSeverity } : {}),
    ...(flags.strategy ? { strategy: flags.strategy } : {}),
  };
  // A repository's chosen outputs are all it wants: berth owns the whole service folder. `--emit` narrows one run.
  // Generated headers name each manifest from the repository root: the output does not depend on the folder berth ran in.
  const root = config.repositoryRoot ?? config.dir;
  const chosen = flags.emit?.length ? flags.emit : config.config?.compile?.emit;
  const emitters = selectEmitters(chosen);
  const options: CompileOptions = { environment: flags.environment, strategy: flags.strategy, ...(flags.emit?.length ? { emit: flags.emit } : {}) };
  const whole = !options.environment && !options.emit?.length;
  const useCache = whole && flags.cache !== false && typeof emitters !== "string";

  const entries: Entry[] = [];
  const kept: string[] = [];
  const owners = new Map<string, string>();
  /** Every manifest read that declares a name, in any shard: a folder whose record names one of them under another name was renamed. */
  const named = new Set<string>();
  let failed = false;
  let keeping = true;
  let keptModels = 0;
  let planError: string | undefined;
  // Options as the record names them: one object, shared by every manifest's inputs.
  const recordOptions: RecordOptions | undefined =
    typeof emitters === "string"
      ? undefined
      : canonicalJson({ emit: emitters.map((e) => e.name), strategy: options.strategy ?? null, ...(severityByTier ? { severity_by_tier: severityByTier } : {}), ...(checklistSeverity ? { checklist_severity: checklistSeverity } : {}) });
  const keep = heapKeeper();
  for (const file of files) {
    keep();
    const path = resolve(io.cwd, file);
    const read = await readManifestBytes(path);
    const source = sourceName(path, root);
    if (read.ok && isGenerated(new TextDecoder().decode(read.bytes.subarray(0, 256)))) {
      // berth's own output, matched by a broad glob or a pre-commit pattern: never a manifest.
      io.stderr(`berth ${command}: skipping ${file} (generated by berth, not a manifest)\n`);
      continue;
    }
    if (!read.ok) {
      if (!inShard(source, shard)) continue;
      kept.push(file);
      const diagnostics = await present([{ ...read.problem, file }]);
      printDiagnostics(io, [{ file, diagnostics }]);
      entries.push({ file, path, source, service: null, environments: [], diagnostics });
      failed = true;
      continue;
    }
    const parsed = await parseManifest(file, read.bytes);
    const name = declaredName(parsed);
    if (name !== undefined) named.add(source);
    // Sharded by the service's name; a file without a readable name, by its path.
    if (!inShard(name ?? source, shard)) continue;
    kept.push(file);
    const other = name !== undefined ? owners.get(name) : undefined;
    if (name !== undefined && other !== undefined) planError ??= `${source} and ${other} both describe service "${name}"`;
    if (name !== undefined) owners.set(name, source);
    const digest = sha256Hex(read.bytes);
    const inputs: RecordInputs | undefined = recordOptions && { berth: packageJson.version, build: buildId, format: RECORD_FORMAT, source, input: digest, options: recordOptions };
    if (useCache && inputs && name !== undefined && SERVICE_FOLDER.test(name)) {
      const record = await readRecord(realFs, join(outDir, name));
      if (recordMatches(record, inputs) && (await recordedFilesPresent(realFs, join(outDir, name), record))) {
        // Compiled from these very bytes by this berth with these options, and valid then: skipped.
        // Its environments are the record's top-level folders, but for those beside them (the chart's).
        const beside = new Set(typeof emitters === "string" ? [] : emitters.flatMap((e) => e.serviceRoots ?? []));
        const environments = [...new Set(record.files.map((f) => f.split("/")[0]!))].filter((folder) => !beside.has(folder));
        entries.push({ file, path, source, service: name, environments, diagnostics: [], cached: record });
        continue;
      }
    }
    const loaded = await loadParsed(file, parsed, normalize);
    printDiagnostics(io, [loaded]);
    const environments = loaded.models.map((m) => m.environment.name);
    entries.push({ file, path, digest, source, service: loaded.models[0]?.name ?? null, environments, diagnostics: loaded.diagnostics, ...(inputs ? { inputs } : {}), ...(keeping ? { models: loaded.models } : {}) });
    if (keeping && ++keptModels > KEEP_MODELS) {
      keeping = false;
      for (const entry of entries) delete entry.models;
    }
    if (hasErrors(loaded.diagnostics)) failed = true;
    else if (options.environment && !environments.includes(options.environment)) planError ??= `${source} ${unknownName("environment", options.environment, environments)}`;
  }
  if (failed) return { ok: false, exit: EXIT.invalid, entries, outName };
  if (typeof emitters === "string") return { ok: false, exit: EXIT.usage, entries, outName, error: emitters };
  if (planError) return { ok: false, exit: EXIT.usage, entries, outName, error: planError };
  // Records name manifests from the repository root: without one known (no .git, no repository_root), a
  // record's path would be read from wherever berth runs, and could make another folder look orphaned.
  const orphans = whole && config.repositoryRoot !== undefined ? await orphanServices(outDir, config.repositoryRoot, { services: new Set(owners.keys()), sources: named }, shard) : [];
  return { ok: true, files: kept, entries, outDir, outName, emitters, options, normalize, whole, orphans };
}

/**
 * The second pass: each service not skipped is compiled on its own and written or compared (`step`,
 * service-step.ts), and `visit` gets what that did; then it is forgotten, so memory does not grow with
 * the number of services.
 */
export async function forEachService(batch: Batch, step: ServiceStep, visit: (entry: Entry, outcome: StepOutcome) => void, io?: CliIO): Promise<void> {
  // A large batch is also compiled on worker threads, each planning and writing whole services (compile-workers.ts).
  const threads = workerCount(batch.entries.filter((e) => !e.cached).length, io?.env ?? {});
  if (io?.env.BERTH_DEBUG) io.stderr(`berth: compiling on ${threads ? `this thread and ${threads} worker thread${threads === 1 ? "" : "s"} (heap ${workerHeapMb(io.env)} MB each)` : "the main thread"}\n`);
  const stepHere = async (entry: Entry): Promise<StepOutcome> => {
    const models = entry.models ?? (await modelsOf(entry.file, rereadManifest(entry.file, entry.path, entry.digest!), batch.normalize));
    const planned = planCompile([{ source: entry.source, models }], batch.emitters, batch.options);
    // Unknown environments and duplicate services were refused in the first pass.
    if (!planned.ok) throw new Error(planned.error);
    return runStep(step, { service: entry.service!, ...(entry.inputs ? { inputs: entry.inputs } : {}) }, planned.plan);
  };
  if (threads > 0) {
    const debug = io?.env.BERTH_DEBUG ? io.stderr : undefined;
    return forEachServiceInWorkers(batch, { threads, heapMb: workerHeapMb(io?.env ?? {}), step, visit, stepHere, keep: heapKeeper(), ...(debug ? { debug } : {}) });
  }
  const keep = heapKeeper();
  for (const entry of batch.entries) {
    if (entry.cached || !entry.digest) continue;
    visit(entry, await stepHere(entry));
    keep();
  }
}

/** The plan of a service whose manifest is gone: no files, and the whole folder owned, so every generated file in it is stale. */
export function orphanPlan(service: string): CompilePlan {
  return { files: [], scopes: [{ dir: service, owned: "all" }] };
}

/**
 * A manifest edited (or removed) between the pass that validated it and the one that compiles it:
 * berth stops rather than compile bytes it did not validate. For compile, each service already
 * written is whole (and, in a full run, has its record, so the next run skips it).
 */
export function manifestChanged(io: CliIO, command: "compile" | "check", error: ManifestChanged, json?: { out: string }): number {
  const done = command === "compile" ? "each service written is whole; the others were not written" : "no verdict";
  io.stderr(`berth ${command}: ${error.file} changed while berth was running (after it was validated); stopped: ${done}.\n  hint: run \`berth ${command}\` again once the file is saved.\n`);
  if (json) io.stdout(JSON.stringify({ command, ok: false, ...(command === "check" ? { upToDate: false } : {}), out: json.out, error: { path: error.file, reason: "changed after it was validated" } }, null, 2) + "\n");
  return EXIT.invalid;
}

/** `path` relative to the working directory with `/` (`.` for itself; absolute only on another drive). */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === "") return ".";
  return (isAbsolute(rel) ? path : rel).split(sep).join("/");
}

/** A diagnostic as the JSON reports give it (no internal fields). */
export function jsonDiagnostic(d: Diagnostic) {
  const { redact: _redact, target: _target, ...rest } = d;
  return rest;
}
