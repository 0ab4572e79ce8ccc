import type { Problem } from "../diagnostics/diagnostic.js";
import validateShape from "../generated/validate-manifest.js";
import type { ManifestSpec } from "../model/spec.js";
import type { ParsedSource } from "../parse/parsed.js";
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

export function checkShape(source: ParsedSource): ShapeCheck {
  if (validateShape(source.value)) return { ok: true, spec: source.value as ManifestSpec, removed: [], problems: [] };
  const problems = schemaProblems(validateShape.errors ?? [], source.file, source.value);
  const remainder = pruneInvalid(source.value, validateShape);
  return remainder ? { ok: false, spec: remainder.value as ManifestSpec, removed: remainder.removed, problems } : { ok: false, removed: [], problems };
}
