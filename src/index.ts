/**
 * berth's programmatic API. The CLI is a thin adapter over these functions. Nothing here touches
 * the file system, the clock or the environment, except `loadManifests` and `readConfig`, which
 * read the files they are given (their pure cores are `loadManifest` and `loadConfig`).
 */
export { loadManifest, type LoadedManifest } from "./pipeline.js";
export { loadManifests } from "./io/load-manifests.js";
export { lintManifests, type LintManifestsResult, type UnknownEnvironment } from "./lint/lint-manifests.js";
export type { UncheckedManifest } from "./lint/lint-manifest.js";
export type { LintFinding, LintOptions } from "./lint/lint-manifest.js";
export type { ChecklistReport } from "./rules/evaluate.js";
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from "./config/load-config.js";
export { configSchema, type BerthConfig, type ConfigSeverity } from "./config/config-schema.js";
export { readConfig, DEFAULT_CONFIG_FILE, type ReadConfigOptions } from "./io/read-config.js";
export { planCompile, type CompileOptions, type CompilePlan } from "./compile.js";
// The composition root: the one place outside the CLI that names the emitters (the core never does).
export { EMITTERS, selectEmitters } from "../emitters/index.js";
export type { Emitter, EmitContext } from "./emit/emitter.js";
export { buildKubeObjects, type KubeObject, type NamedObject } from "./kube/index.js";
export { toYaml, type YamlValue } from "./output/yaml.js";
export type { Diagnostic, Severity } from "./diagnostics/diagnostic.js";
export type { Model } from "./model/model.js";
export type { ManifestSpec } from "./model/spec.js";
export { formatDiagnostic, type TextFormatOptions, type TextStyle } from "./diagnostics/format-text.js";
export { manifestSchema } from "./schema/manifest-schema.js";
