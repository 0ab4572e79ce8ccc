import type { Model } from "../../src/model/model.js";
import { toYaml, type YamlValue } from "../../src/output/yaml.js";

/** The knobs an operator sets at install time, with the manifest's choices as defaults. */
export function defaultValues(m: Model) {
  return {
    image: { repository: m.image.repository, tag: m.image.tag ?? "", digest: m.image.digest ?? "" },
    replicas: m.replicas,
    resources: {
      requests: { cpu: m.resources.requests.cpu.text, memory: m.resources.requests.memory.text },
      limits: { cpu: m.resources.limits.cpu.text, memory: m.resources.limits.memory.text },
    },
    env: Object.fromEntries(m.env.map((e) => [e.name, e.value])),
    secrets: Object.fromEntries(m.secretEnv.map((s) => [s.name, { secret: s.secret, key: s.key }])),
    autoscaling: {
      enabled: m.autoscaling !== undefined,
      minReplicas: m.autoscalingWhenEnabled.minReplicas,
      maxReplicas: m.autoscalingWhenEnabled.maxReplicas,
    },
    ...(m.expose ? { expose: { hosts: m.expose.hosts } } : {}),
    ...(m.database?.migrations.mode === "job" && m.database.migrations.command ? { migrations: { enabled: true } } : {}),
  };
}

export type Values = ReturnType<typeof defaultValues>;

/** What each top-level knob is for: the comments of values.yaml. */
const COMMENTS: Record<string, string> = {
  image: "Container image. Set `tag` (or `digest`, which wins) to deploy another version: --set image.tag=2.2.0",
  replicas: "Pods when autoscaling is off.",
  resources: "CPU and memory each pod requests (scheduling) and may not exceed (limits).",
  env: "Plain configuration, rendered into a ConfigMap (a change rolls the pods). Never credentials.",
  secrets: "Environment variables filled from Kubernetes Secrets: variable -> { secret, key }.",
  autoscaling: "Horizontal autoscaling on CPU (or the manifest's targets); when enabled it owns the replica count.",
  expose: "Host names the route or ingress serves.",
  migrations: "Run the migration Job before install and upgrade (a Helm hook). Turn off to skip it once.",
};

/** values.yaml: each knob with the comment that says what it does. */
export function valuesYaml(values: Values, header: string): string {
  const sections = Object.entries(values).map(([key, value]) => `# ${COMMENTS[key]}\n${toYaml({ [key]: value as YamlValue })}`);
  return header + sections.join("\n");
}
