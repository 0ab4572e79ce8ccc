/**
 * The Kubernetes schemas of the built-in kinds an escape hatch most often writes or changes, from
 * the `kubernetes-models` validators (bundled into dist/ at build time, in a chunk of their own):
 * what the API server's validation would say of a patched or extra object's fields (types, required
 * fields, enums), beyond the rules every object shares (object-checks.ts). Loaded only for a
 * manifest that has `patches` or `extra_objects` (pipeline.ts), so other manifests' cold start does
 * not pay for it. Kinds not listed here (custom resources) are left to their CRDs at apply time.
 */
import { DaemonSet, Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { CronJob, Job } from "kubernetes-models/batch/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { ConfigMap, LimitRange, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount } from "kubernetes-models/v1";
import type { SchemaFault } from "./object-checks.js";
import { cloneJson } from "../clone-json.js";

interface Validating {
  new (data: never): { validate(): void };
}

const KINDS: Record<string, Validating> = Object.fromEntries(
  (
    [
      ["apps/v1", { DaemonSet, Deployment, StatefulSet }],
      ["autoscaling/v2", { HorizontalPodAutoscaler }],
      ["batch/v1", { CronJob, Job }],
      ["networking.k8s.io/v1", { Ingress, NetworkPolicy }],
      ["policy/v1", { PodDisruptionBudget }],
      ["rbac.authorization.k8s.io/v1", { Role, RoleBinding }],
      ["v1", { ConfigMap, LimitRange, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount }],
    ] as Array<[string, Record<string, unknown>]>
  ).flatMap(([apiVersion, kinds]) => Object.entries(kinds).map(([kind, cls]) => [`${apiVersion}/${kind}`, cls as Validating])),
);

/** Where `object` breaks its kind's schema (nothing for a valid object or a kind not listed). */
export function schemaFaults(object: { apiVersion: string; kind: string }): SchemaFault[] {
  const model = KINDS[`${object.apiVersion}/${object.kind}`];
  if (!model) return [];
  try {
    new model(cloneJson(object) as never).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }> }).errors ?? [];
    if (!errors.length) return [{ pointer: "", detail: String((error as Error).message ?? error) }];
    return errors.slice(0, 3).map((e) => {
      const missing = typeof e.params?.missingProperty === "string" ? `/${e.params.missingProperty}` : "";
      return { pointer: `${e.instancePath ?? ""}${missing}`, detail: missing ? "is required" : (e.message ?? "is invalid") };
    });
  }
}
