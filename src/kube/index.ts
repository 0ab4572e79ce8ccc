import type { Model } from "../model/model.js";
import { analysisTemplate } from "./analysis-template.js";
import { envConfigMap, filesConfigMap } from "./config-maps.js";
import { exposure } from "./exposure.js";
import { cronJobs, migrationHookResources, migrationJob } from "./jobs.js";
import { networkPolicy } from "./network-policy.js";
import type { KubeObject, NamedObject } from "./object.js";
import { autoscaler, disruptionBudget } from "./scaling.js";
import { serviceAccount } from "./service-account.js";
import { services } from "./services.js";
import { volumeClaims } from "./storage.js";
import { workload } from "./workload.js";

export type { KubeObject, NamedObject } from "./object.js";
export { namespace } from "./namespace.js";

/**
 * Every Kubernetes object of one service in one environment, each with its file name. Shared by
 * the Kubernetes emitter (plain manifests) and the Helm emitter (the same objects, templated).
 */
export function buildKubeObjects(m: Model): NamedObject[] {
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
    ...one("horizontalpodautoscaler.yaml", autoscaler(m)),
    ...one("networkpolicy.yaml", networkPolicy(m)),
    ...exposure(m),
    ...migrationHookResources(m),
    ...one("job-migrate.yaml", migrationJob(m)),
    ...cronJobs(m),
  ];
}
