import { isAbsolute, relative, resolve, sep } from "node:path";
import { selectEmitters } from "../../../emitters/index.js";
import { planCompile, type CompileOptions } from "../../compile.js";
import { codeIds } from "../../diagnostics/catalogue/index.js";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { unknownName } from "../../diagnostics/suggest.js";
import type { Emitter } from "../../emit/emitter.js";
import type { RecordInputs, RecordOptions, ServiceRecord } from "../../io/output-tree.js";
import { canonicalJson } from "../../canonical-json.js";
import { readConfig, type ReadConfig } from "../../io/read-config.js";
import { rereadManifest, type ManifestChanged } from "../../io/read-sources.js";
import type { Model } from "../../model/model.js";
import type { NormalizeOptions } from "../../model/normalize.js";
import { modelsOf } from "../../pipeline.js";
import { RULES } from "../../rules/registry.js";
import { parseShard, type Shard } from "../../shard.js";
import { EXIT, type CliIO } from "../io.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { jobFailure, MIN_BATCH, openCompilePool, workersForced } from "./compile-workers.js";
import { examine, type Examined, type ExamineContext } from "./examine.js";
import type { CompileJob, ExamineJob } from "../compile-worker.js";
import type { WorkerPool } from "../worker-pool.js";
import { heapKeeper } from "../heap.js";
import { orphanServices } from "./orphans.js";
import { runStep, type ServiceStep, type StepOutcome, type StepService } from "./service-step.js";

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

/**
 * After this many manifests validated (not skipped by their record), the first pass judges whether the
 * rest is worth worker threads: when as many again of the remaining manifests as MIN_BATCH would need
 * validating at the rate seen so far. A check of an up-to-date tree (every service skipped by its
 * record: ~0.4 ms each) or one changed manifest among many never starts them (~250 ms of CPU).
 */
const PROBE = 8;

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
  /** The worker threads of a large batch, shared by both passes; forEachService closes them. */
  pool?: WorkerPool;
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
  const ctx: ExamineContext = {
    cwd: io.cwd,
    root,
    ...(shard ? { shard } : {}),
    outDir,
    ...(recordOptions ? { recordOptions } : {}),
    useCache,
    normalize,
    serviceRoots: typeof emitters === "string" ? [] : emitters.flatMap((e) => e.serviceRoots ?? []),
  };
  // Each manifest's verdict, taken in file order (whichever thread examined it): printed, then reduced to its entry.
  const take = (file: string, examined: Examined) => {
    if (examined.kind === "generated") return void io.stderr(`berth ${command}: skipping ${file} (generated by berth, not a manifest)\n`);
    const path = resolve(io.cwd, file);
    const { source } = examined;
    if (examined.kind === "manifest" && examined.name !== undefined) named.add(source);
    if (!examined.inShard) return;
    kept.push(file);
    if (examined.kind === "unreadable") {
      printDiagnostics(io, [{ file, diagnostics: examined.diagnostics }]);
      entries.push({ file, path, source, service: null, environments: [], diagnostics: examined.diagnostics });
      failed = true;
      return;
    }
    const { name, digest, inputs, cached, models } = examined;
    const environments = examined.environments ?? [];
    const diagnostics = examined.diagnostics ?? [];
    const other = name !== undefined ? owners.get(name) : undefined;
    if (name !== undefined && other !== undefined) planError ??= `${source} and ${other} both describe service "${name}"`;
    if (name !== undefined) owners.set(name, source);
    if (cached) return void entries.push({ file, path, source, service: examined.service ?? null, environments, diagnostics: [], cached });
    printDiagnostics(io, [{ file, ...(examined.text !== undefined ? { text: examined.text } : {}), diagnostics }]);
    entries.push({ file, path, digest, source, service: examined.service ?? null, environments, diagnostics, ...(inputs ? { inputs } : {}), ...(models ? { models } : {}) });
    if (models && ++keptModels > KEEP_MODELS) {
      keeping = false;
      for (const entry of entries) delete entry.models;
    }
    if (hasErrors(diagnostics)) failed = true;
    else if (options.environment && !environments.includes(options.environment)) planError ??= `${source} ${unknownName("environment", options.environment, environments)}`;
  };
  // Manifests are examined here until enough of them need validating (not skipped by their record) for
  // worker threads to pay for their start: then the rest is examined there too, and the same threads compile.
  const debug = io.env.BERTH_DEBUG ? io.stderr : undefined;
  let pool = workersForced(io.env) ? openCompilePool(files.length, io.env, debug) : undefined;
  const keep = heapKeeper();
  let at = 0;
  try {
    let validated = 0;
    for (; at < files.length && !pool; at++) {
      const examined = await examine(files[at]!, ctx, keeping);
      take(files[at]!, examined);
      keep();
      if (examined.kind === "manifest" && examined.inShard && !examined.cached) validated++;
      if (validated >= PROBE && (validated / (at + 1)) * (files.length - at - 1) >= MIN_BATCH) pool = openCompilePool(files.length - at - 1, io.env, debug);
    }
    if (pool && at < files.length) {
      const from = at;
      await pool.run<Examined>({
        count: files.length - from,
        ordered: true,
        message: (i) => ({ kind: "examine", file: files[from + i]!, ctx }) satisfies Omit<ExamineJob, "id">,
        here: (i) => examine(files[from + i]!, ctx),
        deliver: (i, examined) => take(files[from + i]!, examined),
        failure: (i, error, data) => jobFailure(files[from + i]!, error, data),
        keep,
      });
      debug?.(`berth: this thread examined ${from + pool.doneHere} of ${files.length} manifests, the workers the rest\n`);
    }
  } catch (error) {
    await pool?.close();
    throw error;
  }
  const stop = async <T>(result: T): Promise<T> => (await pool?.close(), result);
  if (failed) return stop({ ok: false, exit: EXIT.invalid, entries, outName });
  if (typeof emitters === "string") return stop({ ok: false, exit: EXIT.usage, entries, outName, error: emitters });
  if (planError) return stop({ ok: false, exit: EXIT.usage, entries, outName, error: planError });
  // Records name manifests from the repository root: without one known (no .git, no repository_root), a
  // record's path would be read from wherever berth runs, and could make another folder look orphaned.
  const orphans = whole && config.repositoryRoot !== undefined ? await orphanServices(outDir, config.repositoryRoot, { services: new Set(owners.keys()), sources: named }, shard) : [];
  return { ok: true, files: kept, entries, outDir, outName, emitters, options, normalize, whole, orphans, ...(pool ? { pool } : {}) };
}

/**
 * The second pass: each service not skipped is compiled on its own and written or compared (`step`,
 * service-step.ts), and `visit` gets what that did; then it is forgotten, so memory does not grow with
 * the number of services.
 */
export async function forEachService(batch: Batch, step: ServiceStep, visit: (entry: Entry, outcome: StepOutcome) => void, io?: CliIO): Promise<void> {
  const pending = batch.entries.filter((e) => !e.cached && e.digest);
  const stepHere = async (entry: Entry): Promise<StepOutcome> => {
    const models = entry.models ?? (await modelsOf(entry.file, rereadManifest(entry.file, entry.path, entry.digest!), batch.normalize));
    const planned = planCompile([{ source: entry.source, models }], batch.emitters, batch.options);
    // Unknown environments and duplicate services were refused in the first pass.
    if (!planned.ok) throw new Error(planned.error);
    return runStep(step, targetOf(entry), planned.plan);
  };
  const keep = heapKeeper();
  const debug = io?.env.BERTH_DEBUG ? io.stderr : undefined;
  const pool = batch.pool ?? (pending.length ? openCompilePool(pending.length, io?.env ?? {}, debug) : undefined);
  if (!pool && !batch.pool) debug?.("berth: compiling on the main thread\n");
  if (pool) {
    // Each worker plans and writes (or compares) whole services: only their outcomes cross threads.
    const emit = batch.emitters.map((e) => e.name);
    try {
      await pool.run<StepOutcome>({
        count: pending.length,
        ordered: false,
        message: (i) => {
          const e = pending[i]!;
          return { kind: "compile", file: e.file, path: e.path, digest: e.digest!, source: e.source, emit, options: batch.options, normalize: batch.normalize, target: targetOf(e), step } satisfies Omit<CompileJob, "id">;
        },
        here: (i) => stepHere(pending[i]!),
        deliver: (i, outcome) => visit(pending[i]!, outcome),
        failure: (i, error, data) => jobFailure(pending[i]!.file, error, data),
        keep,
      });
      debug?.(`berth: this thread compiled ${pool.doneHere} of ${pending.length} manifests, the workers the rest\n`);
    } finally {
      await pool.close();
    }
    return;
  }
  for (const entry of pending) {
    visit(entry, await stepHere(entry));
    keep();
  }
}

const targetOf = (entry: Entry): StepService => ({ service: entry.service!, ...(entry.inputs ? { inputs: entry.inputs } : {}) });

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
