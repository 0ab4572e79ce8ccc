import type { Code } from "../diagnostics/codes.js";
import type { DataPath } from "../diagnostics/diagnostic.js";
import type { DiagnosticOptions } from "../diagnostics/make.js";
import type { ManifestSpec, ResolvedSpec, Tier } from "../model/spec.js";

/** What a semantic rule sees: one environment's merged manifest, and a way to report. */
export interface RuleContext {
  /** The manifest as written (for rules about the file itself, not an environment). */
  readonly manifest: ManifestSpec;
  /** This environment's view of the manifest. */
  readonly spec: ResolvedSpec;
  readonly environment: string;
  readonly tier: Tier;
  /** Reports a problem at a path of `spec`; it is located where the value was written (base or overlay). */
  report(code: Code, path: DataPath, message: string, options?: DiagnosticOptions): void;
}

/**
 * A semantic rule: one cross-field check the schema cannot express. One rule per file, each
 * with a kebab-case id; rules run in the order of the registry, on schema-valid data only.
 */
export interface ManifestRule {
  id: string;
  /** `manifest` rules run once per file; `environment` rules run for every environment. */
  scope: "manifest" | "environment";
  check(ctx: RuleContext): void;
}
