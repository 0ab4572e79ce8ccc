import { hasErrors, type Diagnostic } from "./diagnostics/diagnostic.js";
import { useSchemaCheck } from "./kube/object-checks.js";
import { present } from "./diagnostics/present.js";
import type { Model } from "./model/model.js";
import { normalizeResolved, type NormalizeOptions } from "./model/normalize.js";
import { environmentNames, resolveEnvironment } from "./model/overlay.js";
import type { ManifestSpec } from "./model/spec.js";
import { parseManifest, type ParsedSource, type ParseResult } from "./parse/index.js";
import { ruleProblems, runRules, type EnvironmentOutcome, type EnvironmentView, type Policy } from "./rules/engine.js";
import { RULES } from "./rules/registry.js";
import { ruleWording } from "./rules/wording.js";
import { checkShape } from "./validate/index.js";

/** One manifest taken as far through the pipeline as its problems allow. */
export interface LoadedManifest {
  file: string;
  /** The parsed text, when it parsed. */
  source?: ParsedSource;
  /** The file's text whenever it could be decoded, parsed or not (code frames need it). */
  text?: string;
  /** The manifest's data once its shape is valid (even when its meaning is not). */
  spec?: ManifestSpec;
  /** One Model per environment; empty when the manifest has errors. */
  models: Model[];
  /** Every environment the rules judged (also when the manifest has errors), with the validation rules' outcomes. */
  outcomes: EnvironmentOutcome[];
  diagnostics: Diagnostic[];
}

/** Validation rules run on every load; checklist rules when lint or the checklist report asks. */
export const VALIDATION_RULES = RULES.filter((r) => r.stage === "validate");

/**
 * parse → validate shape → normalize → rules, as pure stages: bytes in, diagnostics and Models out.
 * When the shape is wrong the rules still run on the part the schema accepts, so one run reports
 * shape and meaning; the Models are handed on only when nothing is an error.
 */
export async function loadManifest(file: string, bytes: Uint8Array, options: NormalizeOptions = {}): Promise<LoadedManifest> {
  return loadParsed(file, await parseManifest(file, bytes), options);
}

/** loadManifest from an already parsed file (sharding and the incremental record parse first, for the name). */
export async function loadParsed(file: string, parsed: ParseResult, options: NormalizeOptions = {}): Promise<LoadedManifest> {
  if (!parsed.ok) return { file, ...(parsed.text !== undefined ? { text: parsed.text } : {}), models: [], outcomes: [], diagnostics: await present(parsed.problems) };
  const source = parsed.source;
  const text = source.text;
  const shape = checkShape(source);
  // Patched and extra objects are judged against their kind's Kubernetes schema: loaded only when there are some.
  if (shape.spec && hasEscapeHatches(shape.spec)) useSchemaCheck((await import("./kube/schema-check.js")).schemaFaults);
  const views = shape.spec ? environmentViews(shape.spec, file, shape.ok, options) : [];
  const outcomes = shape.spec && views ? runRules(shape.spec, views, VALIDATION_RULES, shape.removed) : [];
  const findings = shape.spec ? ruleProblems(file, shape.spec, outcomes, manifestPolicy).filter((p) => p.status !== "waived") : [];
  const diagnostics = await present([...shape.problems, ...findings], { source, wording: ruleWording });
  const valid = shape.ok && !hasErrors(diagnostics);
  return {
    file,
    source,
    text,
    ...(shape.ok ? { spec: shape.spec } : {}),
    models: valid ? (views ?? []).map((v) => v.model) : [],
    outcomes,
    diagnostics,
  };
}

/**
 * Each environment resolved once and normalized once; rules and emitters share the result. A
 * remainder of a manifest with schema errors may be too broken to normalize: then no rule runs
 * (the schema errors say why). A schema-valid manifest always normalizes.
 */
function environmentViews(spec: ManifestSpec, file: string, valid: boolean, options: NormalizeOptions): EnvironmentView[] | undefined {
  const build = () =>
    environmentNames(spec).map((environment) => {
      const resolved = resolveEnvironment(spec, environment);
      return { environment, spec: resolved, model: normalizeResolved(spec.name, resolved, environment, file, options) };
    });
  if (valid) return build();
  try {
    return build();
  } catch {
    return undefined;
  }
}

/** The manifest's own policy: its severity overrides and waivers (lint adds the configuration's and judges expiry). */
export function manifestPolicy(view: EnvironmentView): Policy {
  return { severity: view.model.checklist.severity, waivers: view.model.checklist.waivers };
}

/**
 * The Models of a manifest this run has already loaded without errors (compile's second, streaming
 * pass): parse and normalize again, without the shape check, the rules or their wording. The caller
 * passes the very bytes that were validated (read-sources.ts checks their SHA-256), so the parsed
 * value is the one the schema accepted: the schema check changes nothing in a valid manifest, and
 * checking again cost a quarter of this pass. The same Models as loadManifest's; proven by comparing
 * a streamed compile with test/golden byte for byte.
 */
export async function modelsOf(file: string, bytes: Uint8Array, options: NormalizeOptions = {}): Promise<Model[]> {
  const parsed = await parseManifest(file, bytes);
  if (!parsed.ok) throw new Error(`${file} no longer parses`);
  return (environmentViews(parsed.source.value as ManifestSpec, file, true, options) ?? []).map((v) => v.model);
}

/** The service name a parsed manifest declares (its top-level `name`), before any validation; undefined when absent. */
export function declaredName(parsed: ParseResult): string | undefined {
  if (!parsed.ok) return undefined;
  const value = parsed.source.value;
  const name = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>).name : undefined;
  return typeof name === "string" ? name : undefined;
}

/** Whether the manifest (its base or any environment) has `patches` or `extra_objects`. */
function hasEscapeHatches(spec: ManifestSpec): boolean {
  const has = (part: { patches?: unknown[]; extra_objects?: unknown[] } | undefined) => !!(part?.patches?.length || part?.extra_objects?.length);
  return has(spec) || Object.values(spec.environments ?? {}).some((env) => has(env as { patches?: unknown[]; extra_objects?: unknown[] }));
}
