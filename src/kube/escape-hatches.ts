/**
 * The escape hatches, applied where objects are built so every output holds the same result: the
 * Kubernetes folder, its kustomization and the Helm chart all take their objects from here, and the
 * validation rule and the checklist read the same final objects.
 *
 * Order: berth's objects, then the extra objects (with the service's namespace, labels and
 * annotations added), then each patch in the order written. A patch that cannot be applied is
 * reported and skipped, so one run reports every broken patch.
 */
import jsonPatch from "fast-json-patch";
import mergePatch from "json-merge-patch";
import { closest } from "../diagnostics/suggest.js";
import type { DataPath } from "../diagnostics/diagnostic.js";
import type { ExtraObject, JsonValue, Model, ObjectPatch } from "../model/model.js";
import { commonAnnotations, commonLabels } from "./names.js";
import { objectFaults, type ObjectFaultReason } from "./object-checks.js";
import type { KubeObject, NamedObject } from "./object.js";
import { cloneJson } from "../clone-json.js";

/** A final object: where it came from, as built before any patch, and after each patch that changed it. */
export interface FinalObject extends NamedObject {
  /** `extra_objects[extra]`, or undefined for one berth generates. */
  extra?: number;
  /** The object before any patch. */
  before: KubeObject;
  /** The patches applied to it, in order, each with the object it left. */
  steps: Array<{ patch: number; after: KubeObject }>;
}

/** Why an escape hatch failed, at a path of the environment's manifest view. */
export type EscapeProblem =
  | { code: "PATCH_TARGET"; path: DataPath; params: { reason: "none" | "ambiguous"; target: string; candidates: string; suggestion?: string } }
  | { code: "PATCH_FAILED"; path: DataPath; params: { target: string; op: string; pointer: string; reason: PatchFailure } }
  | { code: "KUBE_OBJECT_INVALID"; path: DataPath; params: { object: string; pointer: string; reason: ObjectFaultReason | "identity-changed"; by: "patch" | "extra"; detail?: string } }
  | { code: "EXTRA_OBJECT_COLLISION"; path: DataPath; params: { object: string; with: "generated" | "extra" } | { object: string; with: "file"; other: string; file: string } };

export type PatchFailure = "missing-path" | "missing-from" | "out-of-bounds" | "bad-index" | "test-failed" | "missing-value" | "forbidden" | "invalid";

/**
 * Kinds whose objects have no namespace (an extra object of any other kind is put in the service's
 * namespace when it names none). A cluster-scoped custom kind not listed here: set no namespace
 * and berth adds the service's, so such objects belong outside berth.
 */
export const CLUSTER_SCOPED_KINDS = new Set([
  "APIService", "CertificateSigningRequest", "ClusterIssuer", "ClusterRole", "ClusterRoleBinding", "CSIDriver", "CSINode",
  "CustomResourceDefinition", "GatewayClass", "IngressClass", "MutatingWebhookConfiguration", "Namespace", "Node",
  "PersistentVolume", "PriorityClass", "RuntimeClass", "StorageClass", "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "VolumeSnapshotClass",
  // The rest of Kubernetes 1.33's cluster-scoped kinds (flow control, DRA, storage, networking, certificates).
  "ClusterTrustBundle", "DeviceClass", "FlowSchema", "IPAddress", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
  "PriorityLevelConfiguration", "ResourceSlice", "ServiceCIDR", "StorageVersionMigration", "VolumeAttachment", "VolumeAttributesClass",
  // Common cluster-wide custom kinds (External Secrets Operator).
  "ClusterExternalSecret", "ClusterSecretStore",
]);

/** `Kind/name`, as messages name an object. */
export const objectId = (o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`;

/** The file an extra object is written to: `extra-<kind>-<name>.yaml` (never a name berth uses for its own). */
export const extraFile = (o: { kind: string; metadata: { name: string } }) => `extra-${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;

/**
 * berth's objects with the escape hatches applied. `generated` is what src/kube built; `namespaceObject`
 * the Namespace the plain manifests add (an extra object may not duplicate it either).
 */
export function applyEscapeHatches(m: Model, generated: readonly NamedObject[], namespaceObject?: KubeObject): { objects: FinalObject[]; problems: EscapeProblem[] } {
  const problems: EscapeProblem[] = [];
  const objects: FinalObject[] = generated.map((o) => ({ ...o, before: o.object, steps: [] }));
  const taken = new Map<string, "generated" | "extra">(generated.map((o) => [objectId(o.object), "generated"]));
  if (namespaceObject) taken.set(objectId(namespaceObject), "generated");
  // The file name lower-cases the kind, so two kinds that differ only in case (`ConfigMap`, `Configmap`:
  // both valid, distinct objects) would share a file and the second would silently replace the first.
  const files = new Map<string, string>();
  for (const extra of m.escapeHatches.extraObjects) {
    const object = extraObject(m, extra);
    const id = objectId(object);
    const clash = taken.get(id);
    if (clash) {
      problems.push({ code: "EXTRA_OBJECT_COLLISION", path: ["extra_objects", extra.index, "metadata", "name"], params: { object: id, with: clash } });
      continue;
    }
    const faults = objectFaults(object);
    if (faults.length) {
      for (const f of faults) problems.push({ code: "KUBE_OBJECT_INVALID", path: extraPath(extra, f.pointer), params: { object: id, pointer: f.pointer, reason: f.reason, by: "extra", ...(f.detail ? { detail: f.detail } : {}) } });
      continue;
    }
    const file = extraFile(object);
    const other = files.get(file);
    if (other !== undefined) {
      problems.push({ code: "EXTRA_OBJECT_COLLISION", path: ["extra_objects", extra.index, "kind"], params: { object: id, with: "file", other, file } });
      continue;
    }
    taken.set(id, "extra");
    files.set(file, id);
    objects.push({ file, object, extra: extra.index, before: object, steps: [] });
  }
  for (const patch of m.escapeHatches.patches) {
    const target = describeTarget(patch);
    const matches = objects.filter((o) => o.object.kind === patch.target.kind && (patch.target.name === undefined || o.object.metadata.name === patch.target.name));
    if (matches.length !== 1) {
      const sameKind = objects.filter((o) => o.object.kind === patch.target.kind);
      const candidates = (sameKind.length ? sameKind : objects).map((o) => objectId(o.object));
      // A misspelt kind or name (`Servcie`, `orders-apii`) is the usual cause: name the likely one.
      const suggestion = matches.length ? undefined : patch.target.name === undefined ? closest(patch.target.kind, new Set(objects.map((o) => o.object.kind))) : closest(target, candidates);
      problems.push({ code: "PATCH_TARGET", path: ["patches", patch.index, "target"], params: { reason: matches.length ? "ambiguous" : "none", target, candidates: candidates.join(", "), ...(suggestion ? { suggestion } : {}) } });
      continue;
    }
    const final = matches[0]!;
    const applied = applyPatch(final.object, patch);
    if ("failure" in applied) {
      problems.push(applied.failure);
      continue;
    }
    const after = applied.object;
    const id = objectId(final.object);
    const identity = (["apiVersion", "kind"] as const).find((k) => after[k] !== final.object[k]) ?? (["name", "namespace"] as const).find((k) => after.metadata?.[k] !== final.object.metadata[k]);
    const faults = identity
      ? [{ pointer: identity === "apiVersion" || identity === "kind" ? `/${identity}` : `/metadata/${identity}`, reason: "identity-changed" as const }]
      : objectFaults(after);
    if (faults.length) {
      for (const f of faults) problems.push({ code: "KUBE_OBJECT_INVALID", path: ["patches", patch.index], params: { object: id, pointer: f.pointer, reason: f.reason, by: "patch", ...("detail" in f && f.detail ? { detail: f.detail } : {}) } });
      continue;
    }
    final.object = after;
    final.steps.push({ patch: patch.index, after });
  }
  return { objects, problems };
}

/** An extra object as written, in the service's namespace (when namespaced and unset) with berth's labels and annotations under its own. */
function extraObject(m: Model, extra: ExtraObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = cloneJson(extra.object);
  const { name, namespace, labels, annotations, ...otherMeta } = metadata;
  const ns = namespace ?? (CLUSTER_SCOPED_KINDS.has(kind) ? undefined : m.namespace);
  const allAnnotations = { ...commonAnnotations(m), ...annotations };
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(ns !== undefined ? { namespace: ns } : {}),
      labels: { ...commonLabels(m, "extra"), ...labels },
      ...(Object.keys(allAnnotations).length ? { annotations: allAnnotations } : {}),
      ...(otherMeta as Record<string, never>),
    },
    ...(rest as Record<string, JsonValue>),
  } as KubeObject;
}

/** The manifest path of a field of an extra object: the field itself when written there, else the nearest written parent. */
function extraPath(extra: ExtraObject, pointer: string): DataPath {
  const path: Array<string | number> = ["extra_objects", extra.index];
  let node: unknown = extra.object;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const step = Array.isArray(node) ? Number(key) : key;
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, step)) break;
    path.push(step);
    node = (node as Record<string | number, unknown>)[step];
  }
  return path;
}

function describeTarget(patch: ObjectPatch): string {
  return patch.target.name === undefined ? patch.target.kind : `${patch.target.kind}/${patch.target.name}`;
}

const FAILURES: Record<string, PatchFailure> = {
  OPERATION_PATH_UNRESOLVABLE: "missing-path",
  OPERATION_PATH_CANNOT_ADD: "missing-path",
  OPERATION_FROM_UNRESOLVABLE: "missing-from",
  OPERATION_FROM_REQUIRED: "missing-from",
  OPERATION_VALUE_OUT_OF_BOUNDS: "out-of-bounds",
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: "bad-index",
  TEST_OPERATION_FAILED: "test-failed",
  OPERATION_VALUE_REQUIRED: "missing-value",
};

/** The merge patch, then each operation in turn (one at a time, so a failure names its operation). */
function applyPatch(object: KubeObject, patch: ObjectPatch): { object: KubeObject } | { failure: EscapeProblem } {
  let doc = cloneJson(object) as unknown as JsonValue;
  if (patch.mergePatch) doc = mergePatch.apply(doc, cloneJson(patch.mergePatch)) as JsonValue;
  for (const [i, op] of (patch.jsonPatch ?? []).entries()) {
    try {
      doc = jsonPatch.applyPatch(doc, [cloneJson(op) as jsonPatch.Operation], true, true, true).newDocument as JsonValue;
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      // fast-json-patch throws a TypeError for a change to __proto__ or constructor/prototype.
      const reason: PatchFailure = FAILURES[name] ?? (error instanceof TypeError ? "forbidden" : "invalid");
      return {
        failure: {
          code: "PATCH_FAILED",
          path: ["patches", patch.index, "json_patch", i],
          params: { target: describeTarget(patch), op: op.op, pointer: reason === "missing-from" ? (op.from ?? op.path) : op.path, reason },
        },
      };
    }
  }
  return { object: doc as unknown as KubeObject };
}
