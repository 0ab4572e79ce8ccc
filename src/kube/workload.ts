import type { Model } from "../model/model.js";
import type { YamlValue } from "../output/yaml.js";
import { configHash } from "./config-maps.js";
import { polarisExemptions } from "./exemptions.js";
import { metadata, podTemplateMetadata, selectorLabels } from "./names.js";
import type { KubeObject } from "./object.js";
import { podSpec } from "./pod-spec.js";
import { rolloutStrategy } from "./rollout-strategy.js";

/**
 * The long-running workload: a Deployment for rolling updates (Recreate for SQLite: see Deploy.update), an
 * Argo Rollouts `Rollout` for blue-green and canary. When an autoscaler owns the replica count, `replicas` is left out so the
 * two never fight over it.
 */
export function workload(m: Model): KubeObject {
  const names = m.names;
  const rollout = m.deploy.strategy !== "rolling";
  const hash = configHash(m);
  const template = {
    metadata: podTemplateMetadata(m, "server", m.name, hash ? { "berth.dev/config-hash": hash } : {}),
    spec: podSpec(m, { server: true }),
  };
  const spec: Record<string, YamlValue> = {
    ...(m.autoscaling ? {} : { replicas: m.replicas }),
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: Math.ceil(m.deploy.healthTimeoutSeconds),
    ...(rollout && m.deploy.autoRevert ? { progressDeadlineAbort: true } : {}),
    selector: { matchLabels: selectorLabels(m) },
    template,
    strategy: rollout ? rolloutStrategy(m) : rollingUpdate(m),
  };
  const kind = rollout ? "Rollout" : "Deployment";
  const meta = metadata(m, kind, names.workload, { annotations: polarisExemptions(m), versioned: true });
  return rollout ? { apiVersion: "argoproj.io/v1alpha1", kind, metadata: meta, spec } : { apiVersion: "apps/v1", kind, metadata: meta, spec };
}

function rollingUpdate(m: Model): Record<string, YamlValue> {
  if (m.deploy.update === "Recreate") return { type: "Recreate" };
  return { type: "RollingUpdate", rollingUpdate: { maxUnavailable: m.deploy.maxUnavailable, maxSurge: m.deploy.maxSurge } };
}
