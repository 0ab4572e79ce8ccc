import { autoscalerObject, finalKubeObjects, type FinalObject, type KubeObject } from "../../src/kube/index.js";
import { HOOK_WAVE_ANNOTATION } from "../../src/kube/jobs.js";
import { LABELS } from "../../src/model/conventions.js";
import type { Model } from "../../src/model/model.js";
import type { YamlValue } from "../../src/output/yaml.js";
import { placeholder } from "./placeholders.js";
import { cloneJson } from "../../src/clone-json.js";
import { sameJson } from "../../src/same-json.js";

/** One object of one environment, its knobs swapped for placeholders, and the knob that guards it (if any). */
export interface ObjectTemplate {
  file: string;
  object: YamlValue;
  /** A `$.Values` condition the whole object is rendered under (autoscaling, migrations). */
  guard?: string;
}

/**
 * One environment's objects as the chart templates them: the Kubernetes emitter's objects, with
 * the operator's knobs replaced by placeholders (rewrites.ts turns them into template expressions).
 * The HPA and the fixed replica count are always present, each guarded by `autoscaling.enabled`,
 * so an operator can switch autoscaling at install time.
 */
export function objectTemplates(m: Model): ObjectTemplate[] {
  return chartObjects(m).map((final) => template(m, final));
}

/** The pods' own ConfigMaps (the migration hook's copies are not the server's configuration): the config digest covers them. */
export function configTemplateFiles(m: Model): string[] {
  // Read only: the plain manifests' objects, not chartObjects' copies (the HPA it adds is no ConfigMap).
  return finalKubeObjects(m)
    .filter((o) => o.extra === undefined && o.object.kind === "ConfigMap" && !isHook(o.object))
    .map((o) => o.file);
}

/**
 * The plain manifests' objects (escape hatches applied), copied so templating can edit them, plus the
 * HPA an operator may switch on: built from the autoscaling the knob turns on (a patch cannot target
 * it, as the plain manifests have none), so both it and the (guarded) replicas exist in the templates.
 */
function chartObjects(m: Model): FinalObject[] {
  const objects: FinalObject[] = finalKubeObjects(m).map((o) => ({ ...o, object: cloneJson(o.object) }));
  if (!m.autoscaling) {
    const scaled: Model = { ...m, autoscaling: m.autoscalingWhenEnabled };
    const [hpa] = autoscalerObject(scaled);
    if (hpa) objects.splice(objects.findIndex((o) => o.object.kind === "NetworkPolicy"), 0, { ...hpa, before: hpa.object, steps: [] });
  }
  return objects;
}

/**
 * A field is templated only where the patches left it as berth built it: the knob's default renders
 * berth's value, so a field a patch changed keeps the patched value, fixed in the chart (helm
 * template with default values still renders the plain manifests' objects).
 */
const untouched = (final: FinalObject, read: (o: any) => unknown) => sameJson(read(final.before), read(final.object));

function template(m: Model, final: FinalObject): ObjectTemplate {
  const { file, object } = final;
  // The objects are copies made in chartObjects, so they are edited in place.
  const copy = object as KubeObject & Record<string, any>;
  if (final.extra !== undefined) {
    // The manifest's own object: no knob reaches it; only the namespace follows the release, as for berth's objects.
    if (copy.metadata.namespace === m.namespace) copy.metadata.namespace = placeholder("namespace");
    return { file, object: copy as unknown as YamlValue };
  }
  let guard: string | undefined;
  const podPaths: Array<(o: any) => any> = [];
  // A job with its own image or size keeps it: the chart's image and resources knobs are the service's.
  const own = ownJobSettings(m, object);
  // Installed where the release is (`helm install -n …`); NOTES.txt warns when that is not the manifest's namespace.
  if (copy.metadata.namespace !== undefined) copy.metadata.namespace = placeholder("namespace");
  versionFromImage(copy);
  if (isHook(object)) {
    // Helm runs the migration and what it reads before install and upgrade, by weight (the plain manifests
    // use Argo CD PreSync hooks ordered by sync wave). Removed once the migration succeeded.
    guard = "$.Values.migrations.enabled";
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
      guard = "$.Values.autoscaling.enabled";
      // Like every knob: a bound a patch changed keeps the patched value (the plain manifests' HPA).
      if (untouched(final, (o) => o.spec.minReplicas)) copy.spec.minReplicas = placeholder("min-replicas");
      if (untouched(final, (o) => o.spec.maxReplicas)) copy.spec.maxReplicas = placeholder("max-replicas");
      break;
    case "ConfigMap":
      if ((file === "configmap-env.yaml" || file === "configmap-migrate-env.yaml") && untouched(final, (o) => o.data)) copy.data = placeholder("env-data");
      break;
    case "HTTPRoute":
      if (untouched(final, (o) => o.spec.hostnames)) copy.spec.hostnames = placeholder("hosts");
      break;
    case "PersistentVolumeClaim":
      // `helm uninstall` (or a reinstall to repair a failed release) must not take the data with it: Helm
      // leaves the claim, with its release annotations, so a later install of the same release adopts it.
      copy.metadata.annotations = { ...copy.metadata.annotations, "helm.sh/resource-policy": "keep" };
      break;
    case "Ingress":
      if (untouched(final, (o) => [o.spec.tls, o.spec.rules])) {
        if (copy.spec.tls) copy.spec.tls[0].hosts = placeholder("hosts");
        copy.spec.rules = [{ ...copy.spec.rules[0], host: placeholder("host") }];
      }
      break;
  }
  // The server's sidecars (plain ones among the containers, native ones among the init containers) have image and size knobs too.
  // Like the service's container, only where no patch changed the field.
  if (object.kind === "Deployment" || object.kind === "Rollout") {
    const podOf = podPaths[0]!;
    const sidecarsOf = (o: any) => [...(podOf(o).containers ?? []), ...(podOf(o).initContainers ?? [])];
    for (const container of sidecarsOf(copy)) {
      if (!m.sidecars.some((c) => c.name === container.name)) continue;
      const field = (key: string) => untouched(final, (o) => sidecarsOf(o).find((c) => c.name === container.name)?.[key]);
      if (field("image")) container.image = placeholder(`sidecar-image-${container.name}`);
      if (field("resources")) container.resources = placeholder(`sidecar-resources-${container.name}`);
    }
  }
  for (const podOf of podPaths) {
    const container = podOf(copy).containers[0];
    const field = (key: string) => untouched(final, (o) => podOf(o).containers[0]?.[key]);
    if (!own.image && field("image")) container.image = placeholder("image");
    if (!own.resources && field("resources")) container.resources = placeholder("resources");
    if (field("env")) container.env = placeholder("secret-env");
  }
  return { file, object: copy as unknown as YamlValue, ...(guard ? { guard } : {}) };
}

/**
 * The version label (on what runs the image, and its pods) follows the image knob: `--set
 * image.tag=…` relabels what runs it, and the templates do not change when the image does, so an
 * image bump changes the values files only.
 */
function versionFromImage(node: unknown): void {
  if (Array.isArray(node)) for (const item of node) versionFromImage(item);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === "labels" && value && typeof value === "object" && LABELS.version in value) (value as Record<string, string>)[LABELS.version] = placeholder("version");
      else versionFromImage(value);
    }
  }
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
