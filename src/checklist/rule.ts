import type { DataPath } from "../diagnostics/diagnostic.js";
import type { Model } from "../model/model.js";

export type Area = "security" | "auth" | "observability" | "reliability" | "database" | "backup" | "deploy";
export type RuleSeverity = "error" | "warning" | "info";

/** Something a rule found wrong, at the manifest path it is about (located in the source by `lint`). */
export interface Finding {
  path: DataPath;
  message: string;
}

/**
 * One production-readiness rule from the operations guides. `check` returns the findings ([] when
 * the service complies), or undefined when the rule does not apply to it (no database, say).
 */
export interface ChecklistRule {
  /** Stable kebab-case id: used in waivers, severity overrides, SARIF and `berth explain`. */
  id: string;
  area: Area;
  severity: RuleSeverity;
  title: string;
  /** Why it matters, in one sentence. */
  why: string;
  /** How to comply. */
  fix: string;
  check(m: Model): Finding[] | undefined;
}

/** A process item no file can prove: it is attested with evidence (a link) and a date. */
export interface Attestation {
  id: string;
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
