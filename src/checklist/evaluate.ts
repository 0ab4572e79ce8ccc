import type { Model } from "../model/model.js";
import { ATTESTATIONS, CHECKLIST_RULES, findRule } from "./catalogue.js";
import type { Attestation, ChecklistRule, Finding, RuleSeverity } from "./rule.js";

export type Status = "pass" | "fail" | "waived" | "not-applicable" | "off";
export type Waiver = Model["checklist"]["waivers"][number];

export interface RuleResult {
  rule: ChecklistRule;
  /** The rule's severity after the configuration's and the manifest's overrides. */
  severity: RuleSeverity;
  status: Status;
  findings: Finding[];
  waiver?: Waiver;
  /** The waiver's expiry has passed (judged only when an as-of date is given): it no longer counts. */
  waiverExpired?: boolean;
}

export interface ChecklistReport {
  service: string;
  environment: string;
  tier: string;
  results: RuleResult[];
  attestations: Array<{ attestation: Attestation; evidence?: string; date?: string }>;
  /** Waivers of rules that pass (or do not apply): worth removing. */
  unusedWaivers: Waiver[];
  /** Waivers naming a rule berth does not have (a typo?). Polaris waivers (`polaris/…`) are Polaris'. */
  unknownWaivers: Waiver[];
  counts: Record<Status, number>;
}

export interface EvaluateOptions {
  /** `YYYY-MM-DD`: waivers that expired before it stop counting. Omitted: expiry is not judged (compile output never depends on the clock). */
  asOf?: string;
  /** Ignore every waiver (strict mode). */
  ignoreWaivers?: boolean;
  /** Severity overrides from berth.config.yaml; the manifest's `checklist.severity` wins over them. */
  severity?: Readonly<Record<string, string>>;
}

/** Runs every rule on one environment's Model, applying severity overrides and waivers. Pure. */
export function evaluateChecklist(m: Model, options: EvaluateOptions = {}): ChecklistReport {
  const overrides = { ...options.severity, ...m.checklist.severity };
  const waivers = options.ignoreWaivers ? [] : m.checklist.waivers;
  const used = new Set<Waiver>();
  const results: RuleResult[] = CHECKLIST_RULES.map((rule) => {
    const override = overrides[rule.id];
    if (override === "off") return { rule, severity: rule.severity, status: "off", findings: [] };
    const severity = (override ?? rule.severity) as RuleSeverity;
    const findings = rule.check(m);
    if (findings === undefined) return { rule, severity, status: "not-applicable", findings: [] };
    if (!findings.length) return { rule, severity, status: "pass", findings };
    const waiver = waivers.find((w) => w.rule === rule.id);
    if (!waiver) return { rule, severity, status: "fail", findings };
    used.add(waiver);
    const expired = options.asOf !== undefined && waiver.expires < options.asOf;
    return { rule, severity, status: expired ? "fail" : "waived", findings, waiver, ...(expired ? { waiverExpired: true } : {}) };
  });
  const counts: Record<Status, number> = { pass: 0, fail: 0, waived: 0, "not-applicable": 0, off: 0 };
  for (const r of results) counts[r.status]++;
  const attested = new Map(m.checklist.attestations.map((a) => [a.item, a]));
  return {
    service: m.name,
    environment: m.environment.name,
    tier: m.environment.tier,
    results,
    attestations: ATTESTATIONS.map((attestation) => {
      const declared = attested.get(attestation.id);
      const evidence = declared ? { evidence: declared.evidence, ...(declared.date ? { date: declared.date } : {}) } : attestation.evidence(m);
      return { attestation, ...evidence };
    }),
    unusedWaivers: waivers.filter((w) => !used.has(w) && findRule(w.rule)),
    unknownWaivers: waivers.filter((w) => !findRule(w.rule) && !w.rule.startsWith("polaris/")),
    counts,
  };
}

/** The line a reviewer reads first. */
export function summaryLine(report: ChecklistReport): string {
  const { pass, fail, waived } = report.counts;
  const failing = report.results.filter((r) => r.status === "fail");
  const errors = failing.filter((r) => r.severity === "error").length;
  const verdict = errors ? "NOT READY" : failing.length ? "ready with warnings" : "ready";
  return `${report.service} (${report.environment}): ${verdict}: ${pass} passed, ${fail} failing (${errors} error${errors === 1 ? "" : "s"}), ${waived} waived`;
}
