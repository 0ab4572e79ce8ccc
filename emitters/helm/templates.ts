import { finalKubeObjects, generatedKubeObjects, type FinalObject, type KubeObject } from "../../src/kube/index.js";
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
  // The plain manifests' objects (escape hatches applied), plus the HPA an operator may switch on
  // (built from the autoscaling the knob turns on; a patch cannot target it, as the plain manifests have none).
  const objects: FinalObject[] = finalKubeObjects(m).map((o) => ({ ...o, object: structuredClone(o.object) }));
  if (!m.autoscaling) {
    const scaled: Model = { ...m, autoscaling: m.autoscalingWhenEnabled };
    const hpa = generatedKubeObjects(scaled).find((o) => o.object.kind === "HorizontalPodAutoscaler");
    if (hpa) objects.splice(objects.findIndex((o) => o.object.kind === "NetworkPolicy"), 0, { ...hpa, before: hpa.object, steps: [] });
  }
  // The pods' own ConfigMaps (the migration hook's copies are not the server's configuration).
  const configTemplates = objects.filter((o) => o.extra === undefined && o.object.kind === "ConfigMap" && !isHook(o.object)).map((o) => o.file);
  return objects.map((final) => ({ file: final.file, text: template(m, final, configTemplates) }));
}

/**
 * A field is templated only where the patches left it as berth built it: the knob's default renders
 * berth's value, so a field a patch changed keeps the patched value, fixed in the chart (helm
 * template with default values still renders the plain manifests' objects).
 */
const untouched = (final: FinalObject, read: (o: any) => unknown) => JSON.stringify(read(final.before)) === JSON.stringify(read(final.object));

/** Helm would read `{{` and `}}` in an object's text as template actions: print them literally. */
const literalBraces = (text: string) => text.replace(/\{\{|\}\}/g, (b) => `{{ "${b}" }}`);

function template(m: Model, final: FinalObject, configTemplates: string[]): string {
  const { file, object } = final;
  // The objects are copies made in chartTemplates, so they are edited in place.
  const copy = object as KubeObject & Record<string, any>;
  if (final.extra !== undefined) {
    // The manifest's own object: no knob reaches it; only the namespace follows the release, as for berth's objects.
    if (copy.metadata.namespace === m.namespace) copy.metadata.namespace = placeholder("namespace");
    return `${rewritePlaceholders(literalBraces(toYaml(copy as unknown as YamlValue).trimEnd()), { namespace: inline("{{ .Release.Namespace }}") })}\n`;
  }
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
  const podPaths: Array<(o: any) => any> = [];
  switch (object.kind) {
    case "Deployment":
    case "Rollout":
      if (untouched(final, (o) => o.spec.replicas)) {
        copy.spec.replicas = placeholder("replicas");
        copy.spec = reorder(copy.spec, "replicas");
      }
      if (copy.spec.template.metadata.annotations?.["berth.dev/config-hash"]) copy.spec.template.metadata.annotations["berth.dev/config-hash"] = placeholder("config-hash");
      podPaths.push((o) => o.spec.template.spec);
      break;
    case "Job":
      podPaths.push((o) => o.spec.template.spec);
      break;
    case "CronJob":
      podPaths.push((o) => o.spec.jobTemplate.spec.template.spec);
      break;
    case "HorizontalPodAutoscaler":
      guard = ".Values.autoscaling.enabled";
      copy.spec.minReplicas = placeholder("min-replicas");
      copy.spec.maxReplicas = placeholder("max-replicas");
      break;
    case "ConfigMap":
      if ((file === "configmap-env.yaml" || file === "configmap-migrate-env.yaml") && untouched(final, (o) => o.data)) copy.data = placeholder("env-data");
      break;
    case "HTTPRoute":
      if (untouched(final, (o) => o.spec.hostnames)) copy.spec.hostnames = placeholder("hosts");
      break;
    case "Ingress":
      if (untouched(final, (o) => [o.spec.tls, o.spec.rules])) {
        if (copy.spec.tls) copy.spec.tls[0].hosts = placeholder("hosts");
        copy.spec.rules = [{ ...copy.spec.rules[0], host: placeholder("host") }];
      }
      break;
  }
  for (const podOf of podPaths) {
    const container = podOf(copy).containers[0];
    const field = (key: string) => untouched(final, (o) => podOf(o).containers[0]?.[key]);
    if (!own.image && field("image")) container.image = placeholder("image");
    if (!own.resources && field("resources")) container.resources = placeholder("resources");
    if (field("env")) container.env = placeholder("secret-env");
  }
  let text = literalBraces(toYaml(copy as unknown as YamlValue).trimEnd());
  if (object.kind === "Ingress" && text.includes(placeholder("host"))) text = rangeItem(text, "host", ".Values.expose.hosts", "{{ . | quote }}");
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
