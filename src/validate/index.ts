import type { Problem } from "../diagnostics/diagnostic.js";
import { problemAt } from "../diagnostics/make.js";
import validateSchema from "../generated/validate-manifest.js";
import type { ManifestSpec } from "../model/spec.js";
import type { ParsedSource } from "../parse/parsed.js";
import { withPartialOverlays } from "./overlay-required.js";
import { pruneInvalid } from "./prune-invalid.js";
import { schemaProblems } from "./schema-errors.js";

/**
 * The shape check: the manifest against the JSON Schema (precompiled at build time). A valid
 * manifest is its own `spec`; an invalid one yields the largest part the schema accepts (with the
 * paths set aside), so the rules can still judge the rest, or no spec when nothing valid remains.
 */
export type ShapeCheck =
  | { ok: true; spec: ManifestSpec; removed: string[][]; problems: Problem[] }
  | { ok: false; spec?: ManifestSpec; removed: string[][]; problems: Problem[] };

/** The precompiled schema check, taking environment overlays as partial (overlay-required.ts). */
const validateShape = withPartialOverlays(validateSchema);

export function checkShape(source: ParsedSource): ShapeCheck {
  if (validateShape(source.value)) return { ok: true, spec: source.value as ManifestSpec, removed: [], problems: [] };
  const object = kubernetesObject(source.value);
  // A Deployment or a Service from the cluster given to berth is not a manifest with a few wrong
  // keys: "Set `apiVersion: berth/v1`" and a dozen unknown keys would send the user the wrong way.
  if (object) return { ok: false, removed: [], problems: [problemAt(source.file, "KUBERNETES_OBJECT", ["apiVersion"], object)] };
  const problems = schemaProblems(validateShape.errors ?? [], source.file, source.value);
  const remainder = pruneInvalid(source.value, validateShape);
  return remainder ? { ok: false, spec: remainder.value as ManifestSpec, removed: remainder.removed, problems } : { ok: false, removed: [], problems };
}

/** A Kubernetes object's apiVersion and kind: another apiVersion than berth's, and the `metadata` every object has. */
function kubernetesObject(value: unknown): { apiVersion: string; kind?: string } | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { apiVersion, kind, metadata } = value as Record<string, unknown>;
  if (typeof apiVersion !== "string" || apiVersion.startsWith("berth/") || metadata === null || typeof metadata !== "object") return undefined;
  return { apiVersion, ...(typeof kind === "string" ? { kind } : {}) };
}
