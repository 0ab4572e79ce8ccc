import type { Model } from "../model/model.js";
import type { YamlValue } from "../output/yaml.js";
import { metadata, selectorLabels } from "./names.js";
import type { KubeObject } from "./object.js";

/** How many pods a voluntary disruption (drain, upgrade) may take at once. */
export function disruptionBudget(m: Model): KubeObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: metadata(m, "PodDisruptionBudget", m.names.disruptionBudget),
    spec: {
      ...(m.disruption.minAvailable !== undefined ? { minAvailable: m.disruption.minAvailable } : { maxUnavailable: m.disruption.maxUnavailable! }),
      selector: { matchLabels: selectorLabels(m) },
    },
  };
}

/** The autoscaler, when the manifest enables one; it then owns the replica count. */
export function autoscaler(m: Model): KubeObject | undefined {
  const a = m.autoscaling;
  if (!a) return undefined;
  const names = m.names;
  const rollout = m.deploy.strategy !== "rolling";
  const utilisation = (resource: string, target: number): YamlValue => ({
    type: "Resource",
    resource: { name: resource, target: { type: "Utilization", averageUtilization: Math.round(target * 100) } },
  });
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: metadata(m, "HorizontalPodAutoscaler", names.autoscaler),
    spec: {
      scaleTargetRef: rollout
        ? { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: names.workload }
        : { apiVersion: "apps/v1", kind: "Deployment", name: names.workload },
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics: [
        ...(a.cpuTarget !== undefined ? [utilisation("cpu", a.cpuTarget)] : []),
        ...(a.memoryTarget !== undefined ? [utilisation("memory", a.memoryTarget)] : []),
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: Math.ceil(a.scaleDownDelaySeconds) } },
    },
  };
}
