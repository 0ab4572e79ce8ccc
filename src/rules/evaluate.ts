/**
 * The production-readiness report of one environment: each checklist item's status after the
 * policy (severity overrides, waivers), the attestations, and the waivers worth a second look.
 * Built from the rule engine's outcomes; pure.
 */
import type { Severity } from "../diagnostics/diagnostic.js";
import { isCode, RENAMED_CODES } from "../diagnostics/catalogue/index.js";
import { printable } from "../diagnostics/printable.js";
import type { Model } from "../model/model.js";
import type { ResolvedSpec } from "../model/spec.js";
import { judge, runRules, type EnvironmentOutcome, type Policy, type Waiver } from "./engine.js";
import { ATTESTATIONS, CHECKLIST_RULES, findRule } from "./registry.js";
import type { Attestation, Finding, Rule } from "./rule.js";
import { isUnverified } from "./app-enforced.js";

/**
 * `unverified`: every finding that counts says the setting the rule judges does not reach the
 * application (`app_settings`), so the rule can neither pass nor fail it (src/rules/app-enforced.ts).
 */
export type Status = "pass" | "fail" | "unverified" | "waived" | "not-applicable" | "off";
export type { Waiver } from "./engine.js";

export interface RuleResult {
  rule: Rule;
  /** The rule's severity after the configuration's and the manifest's overrides. */
  severity: Severity;
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
  /** Waivers of rules that pass (or do not apply) in this environment: another may still need them (lint judges across environments). */
  unusedWaivers: Waiver[];
  /** Waivers naming no rule and no diagnostic code (a typo?). Polaris waivers (`polaris/…`) are Polaris'. */
  unknownWaivers: Waiver[];
  counts: Record<Status, number>;
  /**
   * Validation errors of the manifest (lint sets it; found in any of its environments, as compile
   * rejects the whole manifest): it is invalid, so whatever the checklist says it is not ready.
   * Compile reports only valid manifests.
   */
  validationErrors?: number;
}

/** An attestation item of the manifest's own, not one of berth's. */
function customAttestation(id: string): Attestation {
  return { id, custom: true, area: "manifest", title: id, why: "A process item the team attests in its manifest.", evidence: () => undefined };
}

/** The checklist items of one environment's outcome, judged by the policy. */
export function checklistReport(outcome: EnvironmentOutcome, policy: Policy): ChecklistReport {
  const m = outcome.view.model;
  const byRule = new Map(outcome.outcomes.map((o) => [o.rule.id, o.findings]));
  const used = new Set<Waiver>();
  const results: RuleResult[] = CHECKLIST_RULES.map((rule) => {
    const findings = byRule.get(rule.id);
    // A validation rule listed in the checklist (grace-period) stops compile whatever the policy says: the report must agree.
    const override = rule.stage === "checklist" ? policy.severity[rule.id] : undefined;
    if (override === "off") return { rule, severity: rule.severity, status: "off", findings: [] };
    const severity = (override ?? worst(findings, rule.severity)) as Severity;
    if (findings === undefined) return { rule, severity, status: "not-applicable", findings: [] };
    if (!findings.length) return { rule, severity, status: "pass", findings };
    const verdicts = findings.map((f) => judge(rule, f, policy));
    const waiver = verdicts.find((v) => v.waiver)?.waiver;
    if (waiver) used.add(waiver);
    if (verdicts.every((v) => v.status === "waived")) return { rule, severity, status: "waived", findings, waiver: waiver! };
    const counted = findings.filter((_, i) => verdicts[i]!.status !== "waived");
    const status = counted.every((f) => isUnverified(f.params)) ? "unverified" : "fail";
    return { rule, severity, status, findings, ...(waiver ? { waiver, waiverExpired: verdicts.some((v) => v.waiverExpired) } : {}) };
  });
  // Waivers of other rules' warnings (e.g. BACKUP_NO_DRILL) count as used when they covered a finding.
  for (const { rule, findings } of outcome.outcomes) {
    if (rule.checklist) continue; // judged above
    for (const f of findings ?? []) {
      const verdict = judge(rule, f, policy);
      if (verdict.waiver) used.add(verdict.waiver);
    }
  }
  const counts: Record<Status, number> = { pass: 0, fail: 0, unverified: 0, waived: 0, "not-applicable": 0, off: 0 };
  for (const r of results) counts[r.status]++;
  const attested = new Map(m.checklist.attestations.map((a) => [a.item, a]));
  return {
    service: m.name,
    environment: m.environment.name,
    tier: m.environment.tier,
    results,
    attestations: [
      ...ATTESTATIONS.map((attestation) => {
        const declared = attested.get(attestation.id);
        const evidence = declared ? { evidence: declared.evidence, ...(declared.date ? { date: declared.date } : {}) } : attestation.evidence(m);
        return { attestation, ...evidence };
      }),
      // Items berth does not list are the team's own process: kept and shown as written, after berth's.
      ...m.checklist.attestations
        .filter((a) => !ATTESTATIONS.some((known) => known.id === a.item))
        .map((a) => ({ attestation: customAttestation(a.item), evidence: a.evidence, ...(a.date ? { date: a.date } : {}) })),
    ],
    unusedWaivers: policy.waivers.filter((w) => !used.has(w) && isKnownId(w.rule)),
    unknownWaivers: policy.waivers.filter((w) => !isKnownId(w.rule) && !w.rule.startsWith("polaris/")),
    counts,
  };
}

/**
 * The checklist of a Model alone (the checklist emitter's view: no manifest text). Checklist items
 * judge the Model only; the written view they are handed is empty. Waiver expiry is not judged:
 * compiled output never depends on the clock.
 */
export function modelChecklist(m: Model): ChecklistReport {
  const view = { environment: m.environment.name, spec: {} as ResolvedSpec, model: m };
  const [outcome] = runRules({ name: m.name } as Parameters<typeof runRules>[0], [view], CHECKLIST_RULES);
  return checklistReport(outcome!, { severity: m.checklist.severity, waivers: m.checklist.waivers });
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A rule's severity in a report: its own, unless every finding is milder (a warning for missing information). */
function worst(findings: readonly Finding[] | undefined, severity: Severity): Severity {
  if (!findings?.length) return severity;
  return findings.map((f) => f.severity ?? severity).reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}

/** A waiver or override may name any rule, or any diagnostic code. */
export function isKnownId(id: string): boolean {
  return findRule(id) !== undefined || isCode(id) || Object.hasOwn(RENAMED_CODES, id);
}

/** The line a reviewer reads first. An invalid manifest is never ready, whatever its checklist says. */
export function summaryLine(report: ChecklistReport): string {
  const { pass, fail, waived, unverified } = report.counts;
  const failing = report.results.filter((r) => r.status === "fail");
  const errors = failing.filter((r) => r.severity === "error").length;
  const invalid = report.validationErrors ? `NOT READY (invalid: ${plural(report.validationErrors, "validation error")})` : undefined;
  const verdict = invalid ?? (errors ? "NOT READY" : failing.length || unverified ? "ready with warnings" : "ready");
  return `${report.service} (${report.environment}): ${verdict}: ${pass} passed, ${fail} failing (${errors} error${errors === 1 ? "" : "s"}), ${waived} waived${unverified ? `, ${unverified} unverified` : ""}`;
}

/** The line for a manifest the checklist could not judge at all (it does not parse, or its shape is invalid). */
export function invalidLine(manifest: { file: string; service?: string; validationErrors: number }): string {
  // The name of a manifest that failed validation is whatever it says, escape sequences included.
  const name = printable(manifest.service ? `${manifest.service} (${manifest.file})` : manifest.file);
  return `${name}: NOT READY (invalid: ${plural(manifest.validationErrors, "error")}): the checklist was not run; fix the errors first`;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
