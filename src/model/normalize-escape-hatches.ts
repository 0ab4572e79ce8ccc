import type { ExtraObject, JsonValue, Model, ObjectPatch } from "./model.js";
import { canonicalJson as canonical } from "../canonical-json.js";
import type { ResolvedSpec } from "./spec.js";

/**
 * `patches` and `extra_objects` as data. Their content is the user's own Kubernetes JSON, so it is
 * kept as written except for key order: every map's keys are sorted (an extra object's apiVersion,
 * kind and metadata first, its metadata's name and namespace first). hcl2json sorts keys and YAML
 * keeps them as written, so a canonical order is what makes the YAML and HCL twins compile to the
 * same bytes; Kubernetes gives key order no meaning.
 */
export function normalizeEscapeHatches(spec: ResolvedSpec): Model["escapeHatches"] {
  const patches: ObjectPatch[] = (spec.patches ?? []).map((p, index) => ({
    index,
    target: { kind: p.target.kind, ...(p.target.name !== undefined ? { name: p.target.name } : {}) },
    ...(p.merge_patch !== undefined ? { mergePatch: canonical(p.merge_patch as JsonValue) as { [key: string]: JsonValue } } : {}),
    ...(p.json_patch
      ? {
          jsonPatch: p.json_patch.map((op) => ({
            op: op.op,
            path: op.path,
            ...(op.from !== undefined ? { from: op.from } : {}),
            ...("value" in op ? { value: canonical(op.value as JsonValue) } : {}),
          })),
        }
      : {}),
  }));
  const extraObjects: ExtraObject[] = (spec.extra_objects ?? []).map((o, index) => ({
    index,
    object: canonical(o as unknown as JsonValue, ["apiVersion", "kind", "metadata", "name", "namespace"]) as unknown as ExtraObject["object"],
  }));
  return { patches, extraObjects };
}
