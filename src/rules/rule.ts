/**
 * berth's one kind of rule. Semantic validation (a probe naming a port that does not exist) and
 * the production-readiness checklist (a production service runs two replicas) are the same thing:
 * a check over one environment's Model that returns findings at manifest paths. They differ in
 * when they run (`stage`) and in their default severity; waivers and severity overrides apply to
 * any rule's warnings, and to every finding of a checklist rule.
 */
import type { Code, Params } from "../diagnostics/catalogue/index.js";
import type { DataPath, Severity } from "../diagnostics/diagnostic.js";
import type { LocateTarget } from "../diagnostics/locate.js";
import type { Model } from "../model/model.js";
import type { ManifestSpec, ResolvedSpec, Tier } from "../model/spec.js";

export type Area = "manifest" | "security" | "auth" | "observability" | "reliability" | "database" | "backup" | "deploy";

/** What a rule sees besides the Model: how the environment's manifest was written, for rules about the text itself. */
export interface RuleContext {
  /** The manifest as written (rules about the file itself, not an environment). */
  readonly manifest: ManifestSpec;
  /** This environment's written view (the base with the overlay merged in): which keys were written, list indices. */
  readonly spec: ResolvedSpec;
  readonly environment: string;
  readonly tier: Tier;
  /**
   * `YYYY-MM-DD`, given by `berth lint --as-of` (default today) and never by compile: rules about
   * dates (an overdue restore drill) judge only then, so compiled output never depends on the clock.
   */
  readonly asOf?: string;
}

/** Something a rule found, at the manifest path (of the environment's view) it is about. */
export interface Finding {
  path: DataPath;
  /** The diagnostic code: a validation rule's catalogue code. Omitted for checklist rules, whose code is the rule id. */
  code?: Code;
  /** The facts: the message is rendered from them (by the catalogue, or the checklist rule's `message`). */
  params: Params;
  /** A finding of another severity than the rule's (a warning variant of an error rule). */
  severity?: Severity;
  target?: LocateTarget;
  /** The value at `path` is a credential: never echo it. */
  redact?: boolean;
}

export interface Rule {
  /** Stable kebab-case id: waivers, severity overrides, SARIF and `berth explain` use it. */
  id: string;
  area: Area;
  severity: Severity;
  /**
   * `validate`: meaning the schema cannot express; its errors stop `validate` and `compile` and cannot
   * be waived. `checklist`: production readiness, judged by `lint` and the checklist report.
   */
  stage: "validate" | "checklist";
  /** `manifest` rules judge the file once; `environment` rules (the default) judge every environment. */
  scope?: "manifest" | "environment";
  /** Checklist items are listed in checklist.md/json and by `berth explain --list`: they need a title, why and fix. */
  checklist?: { title: string; why: string; fix: string };
  /** A checklist rule's finding in words, from its facts (a validation rule's findings are worded by the catalogue). */
  message?(params: Params): string;
  /** A checklist finding's hint from its facts, when more specific than the rule's fix. */
  advice?(params: Params): string | undefined;
  /** Findings ([] when the service complies), or undefined when the rule does not apply to it. */
  check(model: Model, ctx: RuleContext): Finding[] | undefined;
}

/** A process item no file can prove: it is attested with evidence (a link) and a date. */
export interface Attestation {
  id: string;
  /** An item the manifest attests that berth does not list itself (kept, reported and shown, never dropped). */
  custom?: boolean;
  area: Area;
  title: string;
  why: string;
  /** Evidence the manifest already holds elsewhere (e.g. `backup.drills.evidence`). */
  evidence(m: Model): { evidence: string; date?: string } | undefined;
}

export const isProduction = (m: Model) => m.environment.tier === "production";
/** Replicas the service runs with at least: the autoscaler's floor when it owns scaling. */
export const minimumReplicas = (m: Model) => m.autoscaling?.minReplicas ?? m.replicas;
/** Where the replica count is written. */
export const replicasPath = (m: Model): DataPath => (m.autoscaling ? ["autoscaling", "min_replicas"] : ["replicas"]);

/**
 * The path of a named entry of a manifest list (`scheduled_jobs`, `queues`, `ports`) and a key under it,
 * from the written view. The compiled checklist judges the Model alone, with no written view: then the
 * path is the list itself (never a `-1` index).
 */
export function entryPath(ctx: RuleContext, field: "scheduled_jobs" | "queues" | "ports", name: string, ...under: Array<string | number>): DataPath {
  const list = (ctx.spec[field] ?? []) as ReadonlyArray<{ name: string }>;
  const index = list.findIndex((entry) => entry.name === name);
  return index >= 0 ? [field, index, ...under] : [field];
}
