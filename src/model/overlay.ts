import type { DataPath } from "../diagnostics/diagnostic.js";
import type { ManifestSpec, ResolvedSpec, SettingsSpec, Tier } from "./spec.js";

/** Deep merge: mappings merge key by key, lists and scalars replace. */
export function deepMerge<T>(base: T, overlay: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return (overlay === undefined ? base : overlay) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) out[key] = key in out ? deepMerge(out[key], value) : value;
  return out as T;
}

/** The environments a manifest compiles to, in name order. */
export function environmentNames(spec: ManifestSpec): string[] {
  const declared = Object.keys(spec.environments ?? {});
  return declared.length ? declared.sort() : [spec.default_environment ?? "production"];
}

/**
 * The manifest as one environment sees it: base settings with the environment's overrides merged
 * in. The pipeline resolves each environment once and hands the view to normalization and to the
 * rules; it is never mutated.
 */
export function resolveEnvironment(spec: ManifestSpec, environment: string): ResolvedSpec {
  const { environments, default_environment: _unused, ...base } = spec;
  return deepMerge(base as ResolvedSpec, environments?.[environment] as SettingsSpec | undefined);
}

/**
 * Where a value of the resolved environment was written: the data path to use for locating it.
 * A value comes from the overlay when the overlay spells out its full path, or replaces a list
 * on the way to it; otherwise from the base.
 */
export function sourcePath(spec: ManifestSpec, environment: string, path: DataPath): DataPath {
  let node: unknown = spec.environments?.[environment];
  if (node === undefined) return path;
  for (let i = 0; i < path.length; i++) {
    if (Array.isArray(node)) return ["environments", environment, ...path];
    if (!isPlainObject(node) || !(String(path[i]) in node)) return path;
    node = node[String(path[i])];
  }
  return ["environments", environment, ...path];
}

/** Tier from the environment's name when the manifest does not say. */
export function tierFromName(environment: string): Tier {
  if (/^prod/.test(environment)) return "production";
  if (/^(staging|stage|stg|preprod|pre-prod|qa|uat)/.test(environment)) return "staging";
  return "development";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
