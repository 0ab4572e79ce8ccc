import { sortAndDedupe, type Diagnostic, type Problem } from "../diagnostics/diagnostic.js";
import { problemAt } from "../diagnostics/make.js";
import type { Params } from "../diagnostics/catalogue/index.js";
import { present } from "../diagnostics/present.js";
import { maskSecrets } from "../diagnostics/secrets.js";
import { resolveEnvironment, sourcePath } from "../model/overlay.js";
import type { LoadedManifest } from "../pipeline.js";
import { ruleProblems, runRules, type EnvironmentOutcome, type Policy } from "../rules/engine.js";
import { checklistReport, isKnownId, type ChecklistReport } from "../rules/evaluate.js";
import { RULES } from "../rules/registry.js";
import { ruleWording } from "../rules/wording.js";

export interface LintOptions {
  /** Only this environment. */
  environment?: string;
  /** `YYYY-MM-DD`: waivers that expired before it stop counting. Omitted: expiry is not judged. */
  asOf?: string;
  /** Ignore every waiver (strict mode). */
  ignoreWaivers?: boolean;
  /** Severity overrides from berth.config.yaml; the manifest's `checklist.severity` wins over them. */
  severity?: Readonly<Record<string, string>>;
}

/** A diagnostic from lint: a problem of shape, or a rule's finding (with its rule id and verdict). */
export type LintFinding = Diagnostic;

export interface LintResult {
  findings: LintFinding[];
  reports: ChecklistReport[];
  /** Set when the manifest is invalid before the checklist can judge it (it does not parse, or its shape is wrong): no reports then. */
  unchecked?: UncheckedManifest;
}

/** A manifest the checklist could not judge: its errors say why. */
export interface UncheckedManifest {
  file: string;
  /** The name it declares, when it declares one. */
  service?: string;
  validationErrors: number;
}

/** The checklist rules; validation rules already ran when the manifest was loaded. */
const CHECKLIST_STAGE = RULES.filter((r) => r.stage === "checklist");

/**
 * Every rule on one manifest, as findings located in the source: problems of shape first, then
 * every rule's failing or waived findings, judged by lint's policy (configuration overrides,
 * waiver expiry as of a date, or no waivers at all). Pure but for loading the source's locator
 * on demand: the as-of date comes in the options.
 */
export async function lintManifest(loaded: LoadedManifest, options: LintOptions = {}): Promise<LintResult> {
  const shapeProblems = loaded.diagnostics.filter((d) => d.rule === undefined);
  const source = loaded.source;
  let outcomes: EnvironmentOutcome[] = loaded.outcomes;
  if (options.environment) outcomes = outcomes.filter((o) => o.view.environment === options.environment);
  // The validation errors found when the manifest was loaded: validate and compile reject the whole
  // manifest for any of them (even one found in another environment), so no environment of it is ready.
  const validationErrors = loaded.diagnostics.filter((d) => d.severity === "error").length;
  if (!source || !loaded.spec) {
    // The name as written (the manifest is invalid: it may hold anything), through the one masking function.
    const name = (source?.value as { name?: unknown } | null | undefined)?.name;
    return { findings: loaded.diagnostics, reports: [], ...(validationErrors ? { unchecked: { file: loaded.file, ...(typeof name === "string" ? { service: maskSecrets(name) } : {}), validationErrors } } : {}) };
  }
  const checklist = runRules(loaded.spec, outcomes.map((o) => o.view), CHECKLIST_STAGE, [], options.asOf);
  const merged = outcomes.map((o, i) => ({ view: o.view, outcomes: [...o.outcomes, ...checklist[i]!.outcomes] }));
  const policy = (view: EnvironmentOutcome["view"]): Policy => ({
    severity: { ...options.severity, ...view.model.checklist.severity },
    waivers: options.ignoreWaivers ? [] : view.model.checklist.waivers,
    ...(options.asOf ? { asOf: options.asOf } : {}),
  });
  const problems: Problem[] = ruleProblems(loaded.file, loaded.spec, merged, policy);
  const reports = merged.map((o) => {
    const report = checklistReport(o, policy(o.view));
    return validationErrors ? { ...report, validationErrors } : report;
  });
  // A waiver is written once but judged in every environment it applies to: it is unused only when it
  // waives nothing in any of them (a production-only rule's waiver passes in staging and is still
  // needed). Keyed by where it is written; judged only when every environment is checked (`--env`
  // checks one, and cannot tell whether another still needs the waiver).
  const waiverUse = new Map<string, { path: ReadonlyArray<string | number>; rule: string; used: boolean; environments: string[] }>();
  const allChecked = outcomes.length === loaded.outcomes.length;
  reports.forEach((report, i) => {
    const name = merged[i]!.view.environment;
    const at = (path: ReadonlyArray<string | number>) => sourcePath(loaded.spec!, name, path);
    // The model sorts waivers; positions come from the manifest's own order.
    const written = resolveEnvironment(loaded.spec!, name).checklist?.waivers ?? [];
    const indexOf = (w: (typeof written)[number]) => written.findIndex((x) => x.rule === w.rule && x.expires === w.expires && x.reason === w.reason);
    const unused = new Set(report.unusedWaivers);
    for (const w of policy(merged[i]!.view).waivers) {
      if (!isKnownId(w.rule)) continue;
      const path = at(["checklist", "waivers", indexOf(w)]);
      const key = JSON.stringify(path);
      const use = waiverUse.get(key) ?? { path, rule: w.rule, used: false, environments: [] };
      use.used ||= !unused.has(w);
      use.environments.push(name);
      waiverUse.set(key, use);
    }
    for (const w of report.unknownWaivers) {
      problems.push(problemAt(loaded.file, "UNKNOWN_RULE", at(["checklist", "waivers", indexOf(w), "rule"]), { rule: JSON.stringify(w.rule), in: "waiver" }, { severity: "warning" }));
    }
  });
  if (allChecked) {
    for (const { path, rule, used, environments } of waiverUse.values()) {
      if (!used) problems.push(problemAt(loaded.file, "UNUSED_WAIVER", path, { rule, environments: environments.join(", ") }, { severity: "info" }));
    }
  }
  // Problems of shape were presented when the manifest was loaded; the rules' findings are presented here, once.
  const findings = [...shapeProblems, ...(await present(problems, { source, wording: ruleWording }))];
  return { findings: sortAndDedupe(findings), reports: reports.map(maskReport) };
}

/**
 * A report as lint hands it to every format: what the manifest wrote into it (waiver reasons and
 * owners, attestation evidence, findings' facts) passes the one masking function, as diagnostics do,
 * so a credential the manifest holds (an error lint also reports) is not printed in the report.
 */
function maskReport(report: ChecklistReport): ChecklistReport {
  const waiver = <W extends { reason: string; owner?: string; rule: string }>(w: W): W => ({ ...w, rule: maskSecrets(w.rule), reason: maskSecrets(w.reason), ...(w.owner !== undefined ? { owner: maskSecrets(w.owner) } : {}) });
  const params = (p: Params): Params => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === "string" ? maskSecrets(v) : v]));
  return {
    ...report,
    results: report.results.map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, params: params(f.params) })), ...(r.waiver ? { waiver: waiver(r.waiver) } : {}) })),
    attestations: report.attestations.map((a) => ({ ...a, ...(a.evidence !== undefined ? { evidence: maskSecrets(a.evidence) } : {}) })),
    unusedWaivers: report.unusedWaivers.map(waiver),
    unknownWaivers: report.unknownWaivers.map(waiver),
  };
}
