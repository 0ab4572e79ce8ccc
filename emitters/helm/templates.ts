import { buildKubeObjects, type KubeObject, type NamedObject } from "../../src/kube/index.js";
import { HOOK_WAVE_ANNOTATION } from "../../src/kube/jobs.js";
import type { Model } from "../../src/model/model.js";
import { toYaml, type YamlValue } from "../../src/output/yaml.js";
import { block, inline, placeholder, rangeItem, rewritePlaceholders, when, type Rewrite } from "./placeholders.js";

const IMAGE = '"{{ .Values.image.repository }}{{ with .Values.image.tag }}:{{ . }}{{ end }}{{ with .Values.image.digest }}@{{ . }}{{ end }}"';

/**
 * The chart's templates: the Kubernetes emitter's objects, with the operator's knobs templated.
 * The HPA and the fixed replica count are always present, each guarded by `autoscaling.enabled`,
 * so an operator can switch autoscaling at install time.
 */
export function chartTemplates(m: Model): Array<{ file: string; text: string }> {
  // Objects with an autoscaler, so both the HPA and (guarded) replicas exist in the templates.
  const scaled: Model = { ...m, autoscaling: m.autoscalingWhenEnabled };
  const objects = buildKubeObjects(scaled);
  // The pods' own ConfigMaps (the migration hook's copies are not the server's configuration).
  const configTemplates = objects.filter((o) => o.object.kind === "ConfigMap" && !isHook(o.object)).map((o) => o.file);
  return objects.map((named) => ({ file: named.file, text: template(m, named, configTemplates) }));
}

function template(m: Model, { file, object }: NamedObject, configTemplates: string[]): string {
  // The objects come fresh from buildKubeObjects above, so they are edited in place.
  const copy = object as KubeObject & Record<string, any>;
  const rewrites: Record<string, Rewrite> = {
    image: inline(IMAGE),
    resources: block(".Values.resources"),
    replicas: when("not .Values.autoscaling.enabled", inline("{{ .Values.replicas }}")),
    "min-replicas": inline("{{ .Values.autoscaling.minReplicas }}"),
    // Installed where the release is (`helm install -n …`); NOTES.txt warns when that is not the manifest's namespace.
    namespace: inline("{{ .Release.Namespace }}"),
    "max-replicas": inline("{{ .Values.autoscaling.maxReplicas }}"),
    hosts: block(".Values.expose.hosts"),
    // Helm digests the rendered ConfigMaps, so `--set env.X=…` rolls the pods like a manifest change does.
    "config-hash": inline(`{{ print ${configTemplates.map((t) => `(include (print $.Template.BasePath "/${t}") .)`).join(" ")} | sha256sum | trunc 16 | quote }}`),
    "env-data": (indent, key) => `${indent}${key}:\n{{- range $name, $value := .Values.env }}\n${indent}  {{ $name }}: {{ $value | quote }}\n{{- end }}`,
    "secret-env": (indent, key) =>
      `{{- with .Values.secrets }}\n${indent}${key}:\n{{- range $name, $ref := . }}\n${indent}- name: {{ $name }}\n${indent}  valueFrom:\n${indent}    secretKeyRef:\n${indent}      name: {{ $ref.secret }}\n${indent}      key: {{ $ref.key }}\n{{- end }}\n{{- end }}`,
  };
  let guard: string | undefined;
  const pods: Array<Record<string, any>> = [];
  // A job with its own image or size keeps it: the chart's image and resources knobs are the service's.
  const own = ownJobSettings(m, object);
  if (copy.metadata.namespace !== undefined) copy.metadata.namespace = placeholder("namespace");
  if (isHook(object)) {
    // Helm runs the migration and what it reads before install and upgrade, by weight (the plain manifests
    // use Argo CD PreSync hooks ordered by sync wave). Removed once the migration succeeded.
    guard = ".Values.migrations.enabled";
    const wave = copy.metadata.annotations?.[HOOK_WAVE_ANNOTATION] ?? "0";
    copy.metadata.annotations = {
      ...Object.fromEntries(Object.entries(copy.metadata.annotations ?? {}).filter(([k]) => !k.startsWith("argocd.argoproj.io/"))),
      "helm.sh/hook": "pre-install,pre-upgrade",
      ...(wave !== "0" ? { "helm.sh/hook-weight": wave } : {}),
      "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
    };
  }
  switch (object.kind) {
    case "Deployment":
    case "Rollout":
      copy.spec.replicas = placeholder("replicas");
      copy.spec = reorder(copy.spec, "replicas");
      if (copy.spec.template.metadata.annotations?.["berth.dev/config-hash"]) copy.spec.template.metadata.annotations["berth.dev/config-hash"] = placeholder("config-hash");
      pods.push(copy.spec.template.spec);
      break;
    case "Job":
      pods.push(copy.spec.template.spec);
      break;
    case "CronJob":
      pods.push(copy.spec.jobTemplate.spec.template.spec);
      break;
    case "HorizontalPodAutoscaler":
      guard = ".Values.autoscaling.enabled";
      copy.spec.minReplicas = placeholder("min-replicas");
      copy.spec.maxReplicas = placeholder("max-replicas");
      break;
    case "ConfigMap":
      if (file === "configmap-env.yaml" || file === "configmap-migrate-env.yaml") copy.data = placeholder("env-data");
      break;
    case "HTTPRoute":
      copy.spec.hostnames = placeholder("hosts");
      break;
    case "Ingress":
      if (copy.spec.tls) copy.spec.tls[0].hosts = placeholder("hosts");
      copy.spec.rules = [{ ...copy.spec.rules[0], host: placeholder("host") }];
      break;
  }
  for (const pod of pods) {
    const container = pod.containers[0];
    if (!own.image) container.image = placeholder("image");
    if (!own.resources) container.resources = placeholder("resources");
    container.env = placeholder("secret-env");
  }
  let text = toYaml(copy as unknown as YamlValue).trimEnd();
  if (object.kind === "Ingress") text = rangeItem(text, "host", ".Values.expose.hosts", "{{ . | quote }}");
  text = rewritePlaceholders(text, rewrites);
  return guard ? `{{- if ${guard} }}\n${text}\n{{- end }}\n` : `${text}\n`;
}

/** Whether a Job or CronJob runs in an image or with a size of its own (scheduled_jobs[].image/resources, database.migrations.image/resources). */
function ownJobSettings(m: Model, object: KubeObject): { image: boolean; resources: boolean } {
  const name = (object.metadata as { name: string }).name;
  if (object.kind === "Job" && name === m.names.migrationJob) {
    const migrations = m.database?.migrations;
    return { image: !!migrations?.image, resources: !!migrations?.resources };
  }
  if (object.kind === "CronJob") {
    const job = m.scheduledJobs.find((j) => m.names.cronJobs[j.name] === name);
    return { image: !!job?.image, resources: !!job?.resources };
  }
  return { image: false, resources: false };
}

/** An Argo CD PreSync hook of the plain manifests (the migration Job and what it reads). */
function isHook(object: KubeObject): boolean {
  return (object.metadata as { annotations?: Record<string, string> }).annotations?.["argocd.argoproj.io/hook"] === "PreSync";
}

/** The same object with `key` moved to the front (so a guarded line sits where Kubernetes output has it). */
function reorder(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: value, ...rest } = record;
  return { [key]: value, ...rest };
}
