import type { Model, Resources } from "../../src/model/model.js";
import { toYaml, type YamlValue } from "../../src/output/yaml.js";

/** The knobs an operator sets at install time, with one environment's choices as values. */
export function environmentValues(m: Model) {
  return {
    environment: m.environment.name,
    image: { repository: m.image.repository, tag: m.image.tag ?? "", digest: m.image.digest ?? "" },
    replicas: m.replicas,
    resources: resourceValues(m.resources),
    // A knob only where the environment has plain configuration: without it there is no ConfigMap (nor
    // envFrom) for the value to reach, and `--set env.X=…` would render nothing; the schema then rejects it.
    ...(m.env.length ? { env: Object.fromEntries(m.env.map((e) => [e.name, e.value])) } : {}),
    secrets: Object.fromEntries(m.secretEnv.map((s) => [s.name, { secret: s.secret, key: s.key }])),
    autoscaling: {
      enabled: m.autoscaling !== undefined,
      minReplicas: m.autoscalingWhenEnabled.minReplicas,
      maxReplicas: m.autoscalingWhenEnabled.maxReplicas,
    },
    ...(m.sidecars.length
      ? { sidecars: Object.fromEntries(m.sidecars.map((c) => [c.name, { image: { repository: c.image.repository, tag: c.image.tag ?? "", digest: c.image.digest ?? "" }, resources: resourceValues(c.resources) }])) }
      : {}),
    ...(m.expose ? { expose: { hosts: m.expose.hosts } } : {}),
    ...(m.database?.migrations.mode === "job" && m.database.migrations.command ? { migrations: { enabled: true } } : {}),
  };
}

function resourceValues(r: Resources) {
  return {
    requests: { cpu: r.requests.cpu.text, memory: r.requests.memory.text },
    limits: { cpu: r.limits.cpu.text, memory: r.limits.memory.text },
  };
}

export type Values = Record<string, YamlValue>;

/** What each top-level knob is for: the comments of the values files. */
const COMMENTS: Record<string, string> = {
  environment: "Which environment's objects the templates render; each values-<env>.yaml sets its own (values.schema.json lists them).",
  image: "Container image. Set `tag` (or `digest`, which wins) to deploy another version: --set image.tag=2.2.0",
  replicas: "Pods when autoscaling is off.",
  resources: "CPU and memory each pod requests (scheduling) and may not exceed (limits).",
  env: "Plain configuration, rendered into a ConfigMap (a change rolls the pods). Never credentials.",
  secrets: "Environment variables filled from Kubernetes Secrets: variable -> { secret, key }.",
  autoscaling: "Horizontal autoscaling on CPU (or the manifest's targets); when enabled it owns the replica count.",
  sidecars: "The server's sidecars by name: each one's image and size, set like the service's own.",
  expose: "Host names the route or ingress serves.",
  migrations: "Run the migration Job before install and upgrade (a Helm hook). Turn off to skip it once.",
};

/** A values file: each knob with the comment that says what it does. */
export function valuesYaml(values: Values, header: string, intro?: string): string {
  const sections = Object.entries(values).map(([key, value]) => `# ${COMMENTS[key]}\n${toYaml({ [key]: value })}`);
  return header + (intro ? `${intro}\n` : "") + sections.join("\n");
}

/**
 * An environment's values as a file given with `-f` over values.yaml: Helm merges mappings key by
 * key, so every key values.yaml has and this environment has not is set to null (Helm's way to
 * remove a default). The file then says everything about its environment on its own.
 */
export function overDefaults(values: Values, defaults: Values): Values {
  const out: Values = { ...values };
  for (const [key, fallback] of Object.entries(defaults)) {
    const own = values[key];
    if (own === undefined) out[key] = null;
    else if (isMapping(own) && isMapping(fallback)) out[key] = overDefaults(own, fallback);
  }
  return out;
}

function isMapping(value: YamlValue | undefined): value is Record<string, YamlValue> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
