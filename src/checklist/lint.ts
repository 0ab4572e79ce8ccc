import { sortAndDedupe, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/make.js";
import type { Model } from "../model/model.js";
import { normalize } from "../model/normalize.js";
import { resolveEnvironment, sourcePath } from "../model/overlay.js";
import type { LoadedManifest } from "../pipeline.js";
import { evaluateChecklist, type ChecklistReport, type EvaluateOptions } from "./evaluate.js";

export interface LintOptions extends EvaluateOptions {
  /** Only this environment. */
  environment?: string;
}

/** A diagnostic from lint: a validation problem (code) or a checklist finding (code = rule id). */
export type LintFinding = Diagnostic & { rule?: string; status?: "fail" | "waived" };

export interface LintResult {
  findings: LintFinding[];
  reports: ChecklistReport[];
}

/**
 * The checklist on one manifest, as findings located in the source: validation problems first
 * (a manifest with semantic errors is still checked when its shape is valid), then every failing
 * or waived rule per environment. Pure but for loading the source's locator on demand: the as-of
 * date for waiver expiry comes in the options.
 */
export async function lintManifest(loaded: LoadedManifest, options: LintOptions = {}): Promise<LintResult> {
  await loaded.source?.prepareLocator?.();
  const findings: LintFinding[] = [...loaded.diagnostics];
  let models = loaded.models;
  if (!models.length && loaded.spec) {
    try {
      models = normalize(loaded.spec, loaded.file);
    } catch {
      models = []; // meaning too broken to normalize: the validation errors above say why
    }
  }
  if (options.environment) models = models.filter((m) => m.environment.name === options.environment);
  const source = loaded.source;
  const reports = models.map((m) => evaluateChecklist(m, options));
  if (!source || !loaded.spec) return { findings: sortAndDedupe(findings), reports };
  const spec = loaded.spec;
  const perEnvironment = new Map<string, { finding: LintFinding; environments: string[] }>();
  const add = (m: Model, finding: LintFinding) => {
    const key = `${finding.line}:${finding.col}:${finding.code}:${finding.message}:${finding.status ?? ""}`;
    const seen = perEnvironment.get(key);
    if (seen) seen.environments.push(m.environment.name);
    else perEnvironment.set(key, { finding, environments: [m.environment.name] });
  };
  reports.forEach((report, i) => {
    const m = models[i]!;
    const at = (path: ReadonlyArray<string | number>) => sourcePath(spec, m.environment.name, path);
    for (const r of report.results) {
      if (r.status !== "fail" && r.status !== "waived") continue;
      for (const f of r.findings) {
        const expired = r.waiverExpired ? ` (waiver expired ${r.waiver!.expires})` : "";
        const message = r.status === "waived" ? `${f.message} — waived until ${r.waiver!.expires}: ${r.waiver!.reason}` : `${f.message}${expired}`;
        const d = diagnosticAt(source, "RULE_FINDING", at(f.path), message, { severity: r.status === "waived" ? "info" : r.severity, hint: r.rule.fix, target: "key" });
        add(m, { ...d, code: r.rule.id, rule: r.rule.id, status: r.status });
      }
    }
    // The model sorts waivers; positions come from the manifest's own order.
    const written = resolveEnvironment(spec, m.environment.name).checklist?.waivers ?? [];
    const indexOf = (w: (typeof written)[number]) => written.findIndex((x) => x.rule === w.rule && x.expires === w.expires && x.reason === w.reason);
    for (const w of report.unusedWaivers) {
      const index = indexOf(w);
      const d = diagnosticAt(source, "UNUSED_WAIVER", at(["checklist", "waivers", index]), `waiver for ${w.rule}, which passes or does not apply here`, { severity: "info" });
      add(m, d);
    }
    for (const w of report.unknownWaivers) {
      const index = indexOf(w);
      add(m, diagnosticAt(source, "UNKNOWN_RULE", at(["checklist", "waivers", index, "rule"]), `no checklist rule is called ${JSON.stringify(w.rule)}`, { severity: "warning" }));
    }
  });
  for (const { finding, environments } of perEnvironment.values()) {
    const everywhere = environments.length === models.length || models.length === 1;
    findings.push(everywhere ? finding : { ...finding, message: `${finding.message} (in ${environments.length > 1 ? "environments" : "environment"} ${environments.join(", ")})` });
  }
  return { findings: sortAndDedupe(findings) as LintFinding[], reports };
}
