import type { Model } from "../model/model.js";
import { analysisTemplate } from "./analysis-template.js";
import { envConfigMap, filesConfigMap } from "./config-maps.js";
import { exposure } from "./exposure.js";
import { cronJobs, migrationHookResources, migrationJob } from "./jobs.js";
import { applyEscapeHatches, type EscapeProblem, type FinalObject } from "./escape-hatches.js";
import { namespace } from "./namespace.js";
import { networkPolicy } from "./network-policy.js";
import type { KubeObject, NamedObject } from "./object.js";
import { autoscaler, disruptionBudget } from "./scaling.js";
import { serviceAccount } from "./service-account.js";
import { services } from "./services.js";
import { volumeClaims } from "./storage.js";
import { workload } from "./workload.js";

export type { KubeObject, NamedObject } from "./object.js";
export type { EscapeProblem, FinalObject } from "./escape-hatches.js";
export { namespace } from "./namespace.js";

/**
 * Every Kubernetes object of one service in one environment, each with its file name: berth's
 * objects with the manifest's `patches` applied, then its `extra_objects` (patched too). Shared by
 * the Kubernetes emitter (plain manifests) and the Helm emitter (the same objects, templated).
 * Only for a Model that passed validation, where every escape hatch applies (else a bug: throws).
 */
export function buildKubeObjects(m: Model): NamedObject[] {
  return finalKubeObjects(m).map(({ file, object }) => ({ file, object }));
}

/** buildKubeObjects with where each object came from and what each patch left (the checklist and the Helm chart read them). */
export function finalKubeObjects(m: Model): FinalObject[] {
  const { objects, problems } = escapeHatchResult(m);
  if (problems.length) throw new Error(`escape hatches of a validated manifest failed: ${problems.map((p) => p.code).join(", ")}`);
  return objects;
}

/**
 * The escape hatches applied, and each one that cannot be (the validation rule reports them). Computed
 * once per Model: validation, several checklist rules and two emitters read it, and patching (with each
 * patched object's schema check) is most of a patched service's compile. Readers must not change the
 * objects (the Helm emitter clones what it rewrites).
 */
export function escapeHatchResult(m: Model): { objects: FinalObject[]; problems: EscapeProblem[] } {
  let result = escapeHatchResults.get(m);
  if (!result) {
    const generated = generatedKubeObjects(m);
    const hatches = m.escapeHatches;
    result = !hatches.patches.length && !hatches.extraObjects.length ? { objects: generated.map((o) => ({ ...o, before: o.object, steps: [] })), problems: [] } : applyEscapeHatches(m, generated, namespace(m));
    escapeHatchResults.set(m, result);
  }
  return result;
}
const escapeHatchResults = new WeakMap<Model, { objects: FinalObject[]; problems: EscapeProblem[] }>();

/** The HorizontalPodAutoscaler as generatedKubeObjects files it (none without autoscaling). The Helm chart builds it alone, for autoscaling an operator may switch on. */
export function autoscalerObject(m: Model): NamedObject[] {
  const object = autoscaler(m);
  return object ? [{ file: "horizontalpodautoscaler.yaml", object }] : [];
}

/** The objects berth itself generates, before any escape hatch. */
export function generatedKubeObjects(m: Model): NamedObject[] {
  const one = (file: string, object: KubeObject | undefined): NamedObject[] => (object ? [{ file, object }] : []);
  const rollout = m.deploy.strategy !== "rolling";
  return [
    ...one("serviceaccount.yaml", serviceAccount(m)),
    ...one("configmap-env.yaml", envConfigMap(m)),
    ...one("configmap-files.yaml", filesConfigMap(m)),
    ...volumeClaims(m),
    ...one(rollout ? "rollout.yaml" : "deployment.yaml", workload(m)),
    ...one("analysistemplate.yaml", analysisTemplate(m)),
    ...services(m),
    ...one("poddisruptionbudget.yaml", disruptionBudget(m)),
    ...autoscalerObject(m),
    ...one("networkpolicy.yaml", networkPolicy(m)),
    ...exposure(m),
    ...migrationHookResources(m),
    ...one("job-migrate.yaml", migrationJob(m)),
    ...cronJobs(m),
  ];
}
