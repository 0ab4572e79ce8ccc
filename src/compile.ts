import { unknownName } from "./diagnostics/suggest.js";
import type { Emitter } from "./emit/emitter.js";
import { escapeHatchResult } from "./kube/index.js";
import type { Model } from "./model/model.js";
import type { Strategy } from "./model/spec.js";
import type { OutputFile } from "./output/output-file.js";

export interface CompileOptions {
  /** Only this environment (default: every environment of each manifest). */
  environment?: string;
  /** Names of the emitters chosen on the command line: when set, berth owns only their roots (default: all, the whole folder). */
  emit?: readonly string[];
  /** Override every manifest's deploy strategy. */
  strategy?: Strategy;
}

/** What compile produces: files under the output folder, and the folders it owns (for stale cleanup). */
export interface CompilePlan {
  /** Paths relative to the output folder: `<service>/<environment>/<emitter files>`, and `<service>/<service root>/…` (the chart). */
  files: OutputFile[];
  /**
   * Where generated files no longer in `files` are stale: each entry is a folder relative to the
   * output folder and the top-level names inside it that the emitters which ran own.
   */
  scopes: Array<{ dir: string; owned: readonly string[] | "all" }>;
}

export type PlanResult = { ok: true; plan: CompilePlan } | { ok: false; error: string };

/**
 * Pure: every environment's Model through every emitter it is handed (the registry lives in
 * emitters/index.ts; the CLI or the API caller chooses). `sources` pairs each manifest's Models
 * with the name its generated headers give it.
 */
export function planCompile(sources: ReadonlyArray<{ source: string; models: readonly Model[] }>, emitters: readonly Emitter[], options: CompileOptions = {}): PlanResult {
  const files: OutputFile[] = [];
  const scopes: CompilePlan["scopes"] = [];
  const owners = new Map<string, string>();
  for (const { source, models } of sources) {
    const service = models[0]?.name;
    if (!service) continue;
    const other = owners.get(service);
    if (other) return { ok: false, error: `${source} and ${other} both describe service "${service}"` };
    owners.set(service, source);
    const selected = options.environment ? models.filter((m) => m.environment.name === options.environment) : models;
    if (options.environment && !selected.length) {
      return { ok: false, error: `${source} ${unknownName("environment", options.environment, models.map((m) => m.environment.name))}` };
    }
    const everything = !options.environment && !options.emit?.length;
    // With every environment and emitter selected, berth owns the whole service folder (a removed environment's files are stale).
    if (everything) scopes.push({ dir: service, owned: "all" });
    const strategy = (m: Model) => (options.strategy ? withStrategy(m, options.strategy) : m);
    for (const model of selected) {
      const m = strategy(model);
      // A strategy given here (not in NormalizeOptions, as the CLI does) was not validated: say so, do not crash.
      if (options.strategy && m !== model) {
        const broken = escapeHatchResult(m).problems[0];
        if (broken) return { ok: false, error: `${source}: under strategy ${options.strategy}, ${broken.code} at ${broken.path.join(".")}; validate with the strategy (NormalizeOptions.strategy, as \`berth compile --strategy\` does) to see where` };
      }
      const dir = `${service}/${m.environment.name}`;
      if (!everything) scopes.push({ dir, owned: emitters.flatMap((e) => e.roots) });
      for (const emitter of emitters) {
        for (const file of emitter.emit(m, { source })) files.push({ path: `${dir}/${file.path}`, content: file.content });
      }
    }
    // Outputs that span the environments (the Helm chart) always see every environment, also under
    // `--env`: a chart built from one environment would drop the others' values files.
    for (const emitter of emitters) {
      if (!emitter.emitService) continue;
      if (!everything) for (const root of emitter.serviceRoots ?? []) scopes.push({ dir: `${service}/${root}`, owned: "all" });
      for (const file of emitter.emitService(models.map(strategy), { source })) files.push({ path: `${service}/${file.path}`, content: file.content });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, plan: { files, scopes } };
}

function withStrategy(model: Model, strategy: Strategy): Model {
  return model.deploy.strategy === strategy ? model : { ...model, deploy: { ...model.deploy, strategy } };
}
