import { isAbsolute, relative, resolve, sep } from "node:path";
import { selectEmitters } from "../../../emitters/index.js";
import { planCompile, type CompileOptions, type CompilePlan } from "../../compile.js";
import { CODES } from "../../diagnostics/catalogue/index.js";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { readConfig, type ReadConfig } from "../../io/read-config.js";
import type { LoadedManifest } from "../../pipeline.js";
import { RULES } from "../../rules/registry.js";
import { EXIT, type CliIO } from "../io.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { loadAll, sourceName } from "./load-all.js";
import { skipGenerated } from "./skip-generated.js";

/** What `compile` and `check` take from the command line; unset values come from berth.config.yaml. */
export interface CompileFlags extends Omit<CompileOptions, "emit"> {
  /** `--out`; default: the config's `compile.out`, else `deploy`. */
  out?: string;
  /** `--emit`: narrows this run to these outputs (berth then owns only their folders). */
  emit?: string[];
  /** `--config`; default: berth.config.yaml from the working directory up to the repository root. */
  config?: string;
  format?: "text" | "json";
}

/** The config file, read and reported; undefined (after printing its problems) when it has errors. */
export async function readProjectConfig(io: CliIO, file: string | undefined, command: string): Promise<ReadConfig | undefined> {
  const config = await readConfig(file, { cwd: io.cwd, knownRules: [...RULES.map((r) => r.id), ...Object.keys(CODES)] });
  printDiagnostics(io, [config]);
  if (hasErrors(config.diagnostics)) {
    io.stderr(`berth ${command}: nothing done; fix the config file ${config.file} first.\n`);
    return undefined;
  }
  return config;
}

export type Prepared =
  | { ok: true; files: string[]; loaded: LoadedManifest[]; plan: CompilePlan; outDir: string; outName: string }
  | { ok: false; exit: number; loaded: LoadedManifest[]; outName?: string; error?: string };

/**
 * Shared by compile and check: the config file, the manifests, the output root and the emitters
 * (`--emit`, else the config's `compile.emit`, else all), then the plan.
 */
export async function prepareCompile(files: string[], flags: CompileFlags, io: CliIO, command: "compile" | "check"): Promise<Prepared> {
  const config = await readProjectConfig(io, flags.config, command);
  if (!config) return { ok: false, exit: EXIT.invalid, loaded: [] };
  const outDir = flags.out !== undefined ? resolve(io.cwd, flags.out) : config.config?.compile?.out !== undefined ? resolve(config.dir, config.config.compile.out) : resolve(io.cwd, "deploy");
  const outName = displayPath(io.cwd, outDir);
  const manifests = await skipGenerated(files, io, command);
  // The config's severity mapping sits between berth's defaults and each manifest's own.
  const severityByTier = config.config?.monitoring?.severity_by_tier;
  const { loaded, failed } = await loadAll(manifests, io, severityByTier ? { severityByTier } : {});
  if (failed) return { ok: false, exit: EXIT.invalid, loaded, outName };
  // A repository's chosen outputs are all it wants: berth owns the whole service folder. `--emit` narrows one run.
  // Generated headers name each manifest from the repository root: the output does not depend on the folder berth ran in.
  const root = config.repositoryRoot ?? config.dir;
  const chosen = flags.emit?.length ? flags.emit : config.config?.compile?.emit;
  const emitters = selectEmitters(chosen);
  if (typeof emitters === "string") return { ok: false, exit: EXIT.usage, loaded, outName, error: emitters };
  const planned = planCompile(
    loaded.map((l) => ({ source: sourceName(resolve(io.cwd, l.file), root), models: l.models })),
    emitters,
    { environment: flags.environment, strategy: flags.strategy, ...(flags.emit?.length ? { emit: flags.emit } : {}) },
  );
  if (!planned.ok) return { ok: false, exit: EXIT.usage, loaded, outName, error: planned.error };
  return { ok: true, files: manifests, loaded, plan: planned.plan, outDir, outName };
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

/** The manifest (index into `loaded`) whose service an output path (`<service>/…`) belongs to, or -1. */
export function ownerOf(path: string, loaded: readonly LoadedManifest[]): number {
  const service = path.split("/")[0];
  return loaded.findIndex((l) => l.models[0]?.name === service);
}
