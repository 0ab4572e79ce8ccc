// Validation with the npm `kubernetes-models` family (the design's "kubernetes-models validation"):
//   - built-in kinds: kubernetes-models@4 (engines node >=14; its 5.x wants node >=22), any apiVersion/kind it
//     has a class for — Deployment, Service, ServiceAccount, ConfigMap, PodDisruptionBudget (policy/v1),
//     HorizontalPodAutoscaler (autoscaling/v2), NetworkPolicy, Ingress, Job, CronJob, PersistentVolumeClaim, …
//   - Gateway API (HTTPRoute, Gateway, …): @kubernetes-models/gateway-api@0.5.1 (node >=14; 2.x wants node >=22)
//   - Argo Rollouts (Rollout, AnalysisTemplate, …): @kubernetes-models/argo-rollouts@2. It declares node >=22 and
//     is ESM-only, but imports and validates fine on Node 20 (checked on 20.20); npm prints EBADENGINE warnings.
// What these catch: wrong types, missing required fields, bad enums/formats. What they do NOT catch: unknown
// (typo'd) fields — the generated validators allow additional properties. kubeconform -strict and
// validateAgainstCrd() cover that.
import { createRequire } from "node:module";
import * as argoRollouts from "@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1";

const require = createRequire(import.meta.url);

interface ModelClass {
  new (data: unknown): { validate(): void };
}

interface ModelError {
  message?: string;
  errors?: { instancePath?: string; message?: string; params?: Record<string, unknown>; keyword?: string }[];
}

const classCache = new Map<string, ModelClass | null>();

function cjsModel(pkg: string, apiVersion: string, kind: string): ModelClass | null {
  // Module folders mirror apiVersion: kubernetes-models/apps/v1/Deployment, kubernetes-models/v1/Service, …
  if (!/^[A-Za-z0-9.-]+(\/[A-Za-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) return null;
  try {
    const mod = require(`${pkg}/${apiVersion}/${kind}`) as Record<string, unknown>;
    const cls = mod[kind];
    return typeof cls === "function" ? (cls as ModelClass) : null;
  } catch (e) {
    if ((e as { code?: string }).code === "MODULE_NOT_FOUND") return null;
    throw e;
  }
}

/** The model class for apiVersion/kind, or null when no installed package has one. */
export function modelFor(apiVersion: string, kind: string): ModelClass | null {
  const key = `${apiVersion}/${kind}`;
  if (classCache.has(key)) return classCache.get(key)!;
  let cls: ModelClass | null = null;
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0]! : "";
  if (group === "argoproj.io") {
    const candidate = (argoRollouts as Record<string, unknown>)[kind];
    if (apiVersion === "argoproj.io/v1alpha1" && typeof candidate === "function") cls = candidate as ModelClass;
  } else if (group === "gateway.networking.k8s.io") {
    cls = cjsModel("@kubernetes-models/gateway-api", apiVersion, kind);
  } else if (!group.includes(".") || group.endsWith(".k8s.io")) {
    cls = cjsModel("kubernetes-models", apiVersion, kind);
  }
  classCache.set(key, cls);
  return cls;
}

function describe(e: unknown): string[] {
  const err = e as ModelError;
  if (Array.isArray(err.errors) && err.errors.length > 0) {
    return err.errors.map((x) => {
      const where = x.instancePath || "/";
      const extra =
        x.keyword === "enum" && x.params?.allowedValues ? ` ${JSON.stringify(x.params.allowedValues)}` : "";
      return `${where}: ${x.message ?? x.keyword ?? "invalid"}${extra}`;
    });
  }
  return [`/: ${err.message ?? String(e)}`];
}

/**
 * Validates one object with the kubernetes-models class for its apiVersion/kind. Returns messages like
 * `/spec/replicas: must be integer`; [] means valid. An apiVersion/kind with no model is an error.
 */
export function validateBuiltIn(object: unknown): string[] {
  if (typeof object !== "object" || object === null || Array.isArray(object)) return ["/: not an object"];
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["/: apiVersion and kind must be strings"];
  const Model = modelFor(apiVersion, kind);
  if (!Model) return [`/: no kubernetes-models class for apiVersion ${apiVersion} kind ${kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    return describe(e);
  }
}
