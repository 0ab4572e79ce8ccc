/**
 * What berth can check of any Kubernetes object at compile time, without a cluster or its CRDs: the
 * rules the API server applies to every object (a name it accepts, valid label keys and values,
 * annotations within the size limit), and the shape of pod templates (containers with a name and
 * an image). Generated objects meet them by construction; an extra object or a patch may not.
 */
import type { JsonValue } from "../model/model.js";

/** One broken rule: where in the object (a JSON pointer) and which rule (with the schema's words for `schema`). */
export interface ObjectFault {
  pointer: string;
  reason: ObjectFaultReason;
  detail?: string;
}

/** A field that breaks its kind's Kubernetes schema (schema-check.ts). */
export interface SchemaFault {
  pointer: string;
  detail: string;
}

/**
 * The Kubernetes schema check, once loaded (pipeline.ts loads it for a manifest with escape hatches):
 * kept here, not imported, so a manifest without them never loads the schemas.
 */
let schemaCheck: ((object: { apiVersion: string; kind: string }) => SchemaFault[]) | undefined;

/** Judge patched and extra objects against their kind's schema from now on (idempotent). */
export function useSchemaCheck(check: (object: { apiVersion: string; kind: string }) => SchemaFault[]): void {
  schemaCheck = check;
}

export type ObjectFaultReason =
  | "not-an-object"
  | "api-version"
  | "kind"
  | "name"
  | "namespace"
  | "label-key"
  | "label-value"
  | "annotation-key"
  | "annotation-value"
  | "annotations-too-large"
  | "no-containers"
  | "container-name"
  | "container-image"
  | "duplicate-container"
  | "data-key"
  | "selector-mismatch"
  | "schema";

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** A ConfigMap or Secret key (the API server's IsConfigMapKey): it names a file when the object is mounted. */
const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const validDataKey = (key: string) => DATA_KEY.test(key) && key !== "." && !key.startsWith("..");
/** The API server's limit on one object's annotations (keys and values together). */
export const ANNOTATIONS_LIMIT = 256 * 1024;

const utf8 = new TextEncoder();
const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const isRecord = (v: unknown): v is Record<string, JsonValue> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function validKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return (prefix === undefined || (prefix.length <= 253 && SUBDOMAIN.test(prefix))) && QUALIFIED_NAME.test(name);
}

/** Where each kind that runs pods keeps its pod spec (workloads, jobs, CronJobs, Argo Rollouts, bare pods). */
const POD_SPEC_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: ["spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  Rollout: ["spec", "template", "spec"],
};

/** The pod specs an object runs, with their JSON pointers. */
export function podSpecsOf(object: Record<string, JsonValue>): Array<{ pointer: string; spec: Record<string, JsonValue> }> {
  const path = POD_SPEC_PATH[String(object.kind)];
  if (!path) return [];
  let node: JsonValue | undefined = object;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return isRecord(node) ? [{ pointer: `/${path.join("/")}`, spec: node }] : [];
}

/** The labels of the pod templates an object runs (a Deployment's `spec.template.metadata.labels`, …). */
export function podTemplateLabels(object: Record<string, JsonValue>): Array<Record<string, JsonValue>> {
  const path = POD_SPEC_PATH[String(object.kind)];
  if (!path) return [];
  let node: JsonValue | undefined = object;
  for (const key of [...path.slice(0, -1), "metadata", "labels"]) node = isRecord(node) ? node[key] : undefined;
  return [isRecord(node) ? node : {}];
}

/** Where a workload's pod spec should be, when it has none (a merge patch can null it out): the API server requires one. */
function missingPodSpec(object: Record<string, JsonValue>): string | undefined {
  const path = POD_SPEC_PATH[String(object.kind)];
  if (!path || podSpecsOf(object).length) return undefined;
  // An Argo Rollout may take its pods from an existing Deployment instead.
  if (object.kind === "Rollout" && isRecord(object.spec) && isRecord(object.spec.workloadRef)) return undefined;
  return `/${path.join("/")}`;
}

/** Every rule `object` breaks (none for a valid object). */
export function objectFaults(object: unknown): ObjectFault[] {
  if (!isRecord(object)) return [{ pointer: "", reason: "not-an-object" }];
  const faults: ObjectFault[] = [];
  const fault = (pointer: string, reason: ObjectFaultReason) => faults.push({ pointer, reason });
  if (typeof object.apiVersion !== "string" || !object.apiVersion) fault("/apiVersion", "api-version");
  if (typeof object.kind !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(object.kind)) fault("/kind", "kind");
  const meta = object.metadata;
  if (!isRecord(meta)) {
    fault("/metadata", "name");
    return faults;
  }
  if (typeof meta.name !== "string" || meta.name.length > 253 || !SUBDOMAIN.test(meta.name)) fault("/metadata/name", "name");
  if (meta.namespace !== undefined && (typeof meta.namespace !== "string" || meta.namespace.length > 63 || !LABEL.test(meta.namespace))) fault("/metadata/namespace", "namespace");
  if (meta.labels !== undefined) {
    if (!isRecord(meta.labels)) fault("/metadata/labels", "label-value");
    else
      for (const [key, value] of Object.entries(meta.labels)) {
        if (!validKey(key)) fault(`/metadata/labels/${escape(key)}`, "label-key");
        else if (typeof value !== "string" || !LABEL_VALUE.test(value)) fault(`/metadata/labels/${escape(key)}`, "label-value");
      }
  }
  if (meta.annotations !== undefined) {
    if (!isRecord(meta.annotations)) fault("/metadata/annotations", "annotation-value");
    else {
      let size = 0;
      for (const [key, value] of Object.entries(meta.annotations)) {
        if (!validKey(key)) fault(`/metadata/annotations/${escape(key)}`, "annotation-key");
        else if (typeof value !== "string") fault(`/metadata/annotations/${escape(key)}`, "annotation-value");
        size += utf8.encode(key).length + (typeof value === "string" ? utf8.encode(value).length : 0);
      }
      if (size > ANNOTATIONS_LIMIT) fault("/metadata/annotations", "annotations-too-large");
    }
  }
  for (const { pointer, spec } of podSpecsOf(object)) faults.push(...podFaults(pointer, spec));
  const missing = missingPodSpec(object);
  if (missing) fault(missing, "no-containers");
  faults.push(...dataKeyFaults(object));
  if (!selectsItsPods(object)) fault("/spec/selector", "selector-mismatch");
  // The kind's own schema, once the rules every object shares hold (their faults say more).
  if (!faults.length && schemaCheck) for (const f of schemaCheck(object as { apiVersion: string; kind: string })) faults.push({ pointer: f.pointer, reason: "schema", detail: f.detail });
  return faults;
}

/** Kinds whose selector must select their own pod template (the API server's "selector does not match template labels"; the Argo Rollouts controller's for a Rollout). */
const SELECTS_TEMPLATE = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout"]);

/**
 * Whether a workload's selector selects its pod template's labels: a patch that changes a pod label the
 * selector names (or the selector) leaves a workload the API server rejects. Only a selector and labels
 * that are there are judged: a missing or malformed one is the schema's to report.
 */
function selectsItsPods(object: Record<string, JsonValue>): boolean {
  if (!SELECTS_TEMPLATE.has(String(object.kind)) || !isRecord(object.spec)) return true;
  const selector = object.spec.selector;
  const template = object.spec.template;
  if (!isRecord(selector) || !isRecord(template)) return true;
  const labels = isRecord(template.metadata) && isRecord(template.metadata.labels) ? template.metadata.labels : {};
  return selectorMatches(selector, labels);
}

/** Whether a Kubernetes label selector (`matchLabels`, `matchExpressions`) selects an object with `labels`; an empty selector selects everything. */
export function selectorMatches(selector: Record<string, JsonValue>, labels: Readonly<Record<string, JsonValue>>): boolean {
  const has = (key: string) => Object.hasOwn(labels, key);
  if (isRecord(selector.matchLabels)) for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  if (Array.isArray(selector.matchExpressions)) {
    for (const e of selector.matchExpressions) {
      if (!isRecord(e) || typeof e.key !== "string") continue;
      const values = Array.isArray(e.values) ? e.values : [];
      const ok =
        e.operator === "In" ? has(e.key) && values.includes(labels[e.key]!)
        : e.operator === "NotIn" ? !has(e.key) || !values.includes(labels[e.key]!)
        : e.operator === "Exists" ? has(e.key)
        : e.operator === "DoesNotExist" ? !has(e.key)
        : true;
      if (!ok) return false;
    }
  }
  return true;
}

/**
 * The keys of a ConfigMap's or Secret's data: each a valid key (the OpenAPI schema says only "string"),
 * and none in two of its maps (`data` and `binaryData`; `data` and `stringData`).
 */
function dataKeyFaults(object: Record<string, JsonValue>): ObjectFault[] {
  const maps = object.kind === "ConfigMap" ? ["data", "binaryData"] : object.kind === "Secret" ? ["data", "stringData"] : [];
  const faults: ObjectFault[] = [];
  const seen = new Set<string>();
  for (const map of maps) {
    const entries = object[map];
    if (!isRecord(entries)) continue;
    for (const key of Object.keys(entries)) {
      if (!validDataKey(key) || (seen.has(key) && object.kind === "ConfigMap")) faults.push({ pointer: `/${map}/${escape(key)}`, reason: "data-key" });
      seen.add(key);
    }
  }
  return faults;
}

function podFaults(pointer: string, spec: Record<string, JsonValue>): ObjectFault[] {
  const faults: ObjectFault[] = [];
  const containers = spec.containers;
  if (!Array.isArray(containers) || !containers.length) return [{ pointer: `${pointer}/containers`, reason: "no-containers" }];
  const names = new Set<string>();
  for (const field of ["initContainers", "containers"] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      const at = `${pointer}/${field}/${i}`;
      if (!isRecord(c) || typeof c.name !== "string" || c.name.length > 63 || !LABEL.test(c.name)) return void faults.push({ pointer: `${at}/name`, reason: "container-name" });
      if (names.has(c.name)) faults.push({ pointer: `${at}/name`, reason: "duplicate-container" });
      names.add(c.name);
      if (typeof c.image !== "string" || !c.image.trim()) faults.push({ pointer: `${at}/image`, reason: "container-image" });
    });
  }
  return faults;
}
