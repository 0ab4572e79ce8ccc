/**
 * Runs rules over every environment of one manifest and turns their findings into problems: one
 * run, one mapping of paths through the environment overlay, one aggregation across environments. Severity overrides and waivers are applied here too, so every
 * command (validate, compile, lint) and the checklist report judge a finding the same way.
 */
import type { Problem, Severity } from "../diagnostics/diagnostic.js";
import type { Model } from "../model/model.js";
import { sourcePath } from "../model/overlay.js";
import type { ManifestSpec, ResolvedSpec } from "../model/spec.js";
import { startsWith, trackReads } from "./read-tracking.js";
import type { Finding, Rule, RuleContext } from "./rule.js";

/** One environment as the rules see it: its written view and its Model. */
export interface EnvironmentView {
  environment: string;
  spec: ResolvedSpec;
  model: Model;
}

/** What one rule found in one environment: findings, or undefined when it does not apply. */
export interface RuleOutcome {
  rule: Rule;
  findings: Finding[] | undefined;
}

export interface EnvironmentOutcome {
  view: EnvironmentView;
  outcomes: RuleOutcome[];
}

/**
 * Every rule on every environment. `removed` lists manifest paths set aside as invalid by the
 * schema stage: a rule that read any of them is left out (its verdict would rest on data that is
 * not there, and only echo the schema error).
 */
export function runRules(manifest: ManifestSpec, views: readonly EnvironmentView[], rules: readonly Rule[], removed: readonly string[][] = [], asOf?: string): EnvironmentOutcome[] {
  return views.map((view, index) => {
    // Removed paths as this environment's view sees them.
    const gone = removed
      .map((p) => (p[0] === "environments" ? (p[1] === view.environment ? p.slice(2) : undefined) : p))
      .filter((p): p is string[] => p !== undefined);
    const outcomes: RuleOutcome[] = [];
    for (const rule of rules) {
      if (rule.scope === "manifest" && index > 0) continue;
      const reads: string[][] = [];
      const modelReads: string[][] = [];
      const ctx: RuleContext = {
        manifest,
        spec: gone.length ? trackReads(view.spec, reads) : view.spec,
        environment: view.environment,
        tier: view.model.environment.tier,
        ...(asOf ? { asOf } : {}),
      };
      const model = gone.length ? trackModelReads(view.model, modelReads) : view.model;
      const findings = rule.check(model, ctx);
      // A written value read inside a removed path; or a Model field derived from a key with anything removed.
      if (reads.some((read) => gone.some((g) => startsWith(read, g)))) continue;
      if (modelReads.some((read) => gone.some((g) => startsWith(g, read)))) continue;
      outcomes.push({ rule, findings });
    }
    return { view, outcomes };
  });
}

/**
 * Model fields read by a rule, recorded as the manifest keys they are derived from. Coarse (a whole
 * top-level key) but safe: a rule that read anything derived from a set-aside value is left out.
 */
function trackModelReads(model: Model, reads: string[][]): Model {
  return new Proxy(model, {
    get(target, key, receiver) {
      if (typeof key === "string") for (const source of MODEL_SOURCES[key] ?? [key]) reads.push([source]);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The manifest keys each Model field is normalized from (a field not listed comes from the key of its own name). */
const MODEL_SOURCES: Record<string, string[]> = {
  identity: ["team", "owner", "description", "part_of", "labels", "annotations"],
  image: ["image"],
  env: ["env", "logging", "http", "shutdown", "health", "auth", "database", "cache", "scheduled_jobs", "queues", "circuit_breakers"],
  secretEnv: ["secrets", "database", "auth", "cache"],
  configFiles: ["config_files"],
  scheduling: ["priority_class", "node_selector", "tolerations", "spread"],
  health: ["health", "ports", "expose"],
  ports: ["ports", "expose"],
  deploy: ["deploy", "replicas", "autoscaling", "database"],
  autoscalingWhenEnabled: ["autoscaling", "replicas"],
  expose: ["expose", "ports"],
  scheduledJobs: ["scheduled_jobs"],
  circuitBreakers: ["circuit_breakers"],
  escapeHatches: ["patches", "extra_objects"],
  monitoring: ["monitoring"],
  recovery: ["backup", "database", "volumes"],
  names: ["name", "namespace", "volumes", "scheduled_jobs", "backup", "database"],
  environment: [],
  name: [],
  namespace: [],
  source: [],
};

/** How findings are judged: severity overrides and waivers, by rule id or diagnostic code. */
export interface Policy {
  /** Overrides from the manifest's `checklist.severity` and berth.config.yaml: error, warning, info or off. */
  severity: Readonly<Record<string, string>>;
  waivers: ReadonlyArray<{ rule: string; reason: string; expires: string; owner?: string }>;
  /** `YYYY-MM-DD`: a waiver that expired before it no longer counts. Omitted: expiry is not judged. */
  asOf?: string;
}

export type Waiver = Policy["waivers"][number];

/** One finding after the policy: its severity, and whether a waiver covers it. */
export interface Judged {
  code: string;
  severity: Severity;
  status: "fail" | "waived" | "off";
  waiver?: Waiver;
  waiverExpired?: boolean;
}

/**
 * Applies overrides and waivers to one finding. A checklist rule's findings, and any rule's
 * warnings, may be re-rated or waived by rule id or by code; a validation error may not (the
 * output would be wrong).
 */
export function judge(rule: Rule, finding: Finding, policy: Policy): Judged {
  const code = finding.code ?? rule.id;
  const base = finding.severity ?? rule.severity;
  if (rule.stage === "validate" && base === "error") return { code, severity: base, status: "fail" };
  const override = policy.severity[rule.id] ?? policy.severity[code];
  if (override === "off") return { code, severity: base, status: "off" };
  const severity = (override ?? base) as Severity;
  const waiver = policy.waivers.find((w) => w.rule === rule.id || w.rule === code);
  if (!waiver) return { code, severity, status: "fail" };
  const expired = policy.asOf !== undefined && waiver.expires < policy.asOf;
  return { code, severity, status: expired ? "fail" : "waived", waiver, ...(expired ? { waiverExpired: true } : {}) };
}

/** A rule's finding as a problem: with the rule and the verdict behind it. */
export type RuleProblem = Problem & { rule: string; status: "fail" | "waived" };

/**
 * The findings of every environment as problems at paths of the manifest as written (through
 * the environment overlay). A finding judged the same in every environment is reported once; one
 * found only in some names them. `off` findings are dropped; waived ones are kept as `info` with
 * their waiver (lint shows them).
 */
export function ruleProblems(file: string, manifest: ManifestSpec, results: readonly EnvironmentOutcome[], policy: (view: EnvironmentView) => Policy): RuleProblem[] {
  const found = new Map<string, { problem: RuleProblem; environments: string[]; manifestWide: boolean }>();
  for (const { view, outcomes } of results) {
    const environmentPolicy = policy(view);
    for (const { rule, findings } of outcomes) {
      for (const finding of findings ?? []) {
        const verdict = judge(rule, finding, environmentPolicy);
        if (verdict.status === "off") continue;
        const { waiver } = verdict;
        const problem: RuleProblem = {
          code: verdict.code,
          severity: verdict.status === "waived" ? "info" : verdict.severity,
          file,
          path: rule.scope === "manifest" ? finding.path : sourcePath(manifest, view.environment, finding.path),
          target: finding.target ?? (finding.code ? "value" : "key"),
          params: finding.params,
          ...(finding.redact ? { redact: true } : {}),
          rule: rule.id,
          status: verdict.status === "waived" ? "waived" : "fail",
          ...(waiver && (verdict.status === "waived" || verdict.waiverExpired)
            ? { waiver: { expires: waiver.expires, reason: waiver.reason, ...(verdict.waiverExpired ? { expired: true } : {}) } }
            : {}),
        };
        const key = JSON.stringify([problem.path, problem.target, problem.code, problem.params, problem.status, problem.waiver]);
        const seen = found.get(key);
        if (seen) seen.environments.push(view.environment);
        else found.set(key, { problem, environments: [view.environment], manifestWide: rule.scope === "manifest" });
      }
    }
  }
  const all = results.length;
  // A manifest rule judges the file once (in the first environment's run): its findings are about no one environment.
  return [...found.values()].map(({ problem, environments, manifestWide }) => (environments.length === all || all === 1 || manifestWide ? problem : { ...problem, environments }));
}
