/**
 * berth's programmatic API. The CLI is a thin adapter over these functions; nothing here
 * touches the file system, the clock or the environment.
 */
export { loadManifest, type LoadedManifest } from "./pipeline.js";
export type { Diagnostic, Severity } from "./diagnostics/diagnostic.js";
export type { Model } from "./model/model.js";
export type { ManifestSpec } from "./model/spec.js";
export { formatDiagnostic } from "./diagnostics/format-text.js";
export { manifestSchema } from "./schema/manifest-schema.js";
