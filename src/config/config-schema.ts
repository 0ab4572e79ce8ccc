import schemaJson from "../../schema/config.schema.json" with { type: "json" };
import type { SeverityByTierSpec } from "../model/spec.js";
import type { RootSchema } from "../schema/manifest-schema.js";

/**
 * berth.config.yaml's JSON Schema. Validation runs on the validator precompiled from it at build
 * time; this copy is read only to word errors (allowed keys, "did you mean").
 */
export const configSchema = schemaJson as unknown as RootSchema;

/** A severity override's value (schema/config.schema.json `#/$defs/severity`). */
export type ConfigSeverity = "error" | "warning" | "info" | "off";

/** An output's name (schema/config.schema.json `#/$defs/emitter`; a test keeps it equal to the registry's). */
export type ConfigEmitter = "kubernetes" | "helm" | "backup" | "prometheus" | "grafana" | "checklist";

/** berth.config.yaml as written; every key is optional. Paths are relative to the config file's folder. */
export interface BerthConfig {
  compile?: {
    /** The output root (default `deploy`); `--out` wins. */
    out?: string;
    /** The outputs this repository wants (default: all); `--emit` narrows one run. */
    emit?: ConfigEmitter[];
  };
  lint?: {
    /** `--fail-on`'s default. */
    fail_on?: "error" | "warning";
  };
  /** The repository root (SARIF locations are relative to it); default: the nearest folder holding `.git`. */
  repository_root?: string;
  monitoring?: {
    /** How each tier rewrites declared alert severities; between berth's defaults and a manifest's own `monitoring.severity_by_tier`. */
    severity_by_tier?: SeverityByTierSpec;
  };
  checklist?: {
    /** Severity overrides by checklist rule id; a manifest's own `checklist.severity` wins. */
    severity?: Record<string, ConfigSeverity>;
  };
}
