import schemaJson from "../../schema/config.schema.json" with { type: "json" };
import type { RootSchema } from "../schema/manifest-schema.js";

/**
 * berth.config.yaml's JSON Schema. Validation runs on the validator precompiled from it at build
 * time; this copy is read only to word errors (allowed keys, "did you mean").
 */
export const configSchema = schemaJson as unknown as RootSchema;

/** A severity override's value (schema/config.schema.json `#/$defs/severity`). */
export type ConfigSeverity = "error" | "warning" | "info" | "off";

/** berth.config.yaml as written; every key is optional. */
export interface BerthConfig {
  checklist?: {
    /** Severity overrides by checklist rule id; a manifest's own `checklist.severity` wins. */
    severity?: Record<string, ConfigSeverity>;
  };
}
