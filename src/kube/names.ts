import { LABELS, MANAGED_BY } from "../model/conventions.js";
import type { Model } from "../model/model.js";
import type { ObjectKind } from "../model/spec.js";

/** Labels that select the service's pods. They never change for the life of the service. */
export function selectorLabels(m: Model): Record<string, string> {
  return { [LABELS.name]: m.name, [LABELS.instance]: m.name };
}

/** The label every pod of the service carries, servers and jobs alike (the network policy selects on it). */
export function serviceLabel(m: Model): Record<string, string> {
  return { [LABELS.name]: m.name };
}

/**
 * The recommended labels (app.kubernetes.io/*) plus berth's, then the manifest's own. `instance`
 * is the service's name, except on a job, whose instance is the job itself: a job's pods must
 * never match the service's selector (a Service would route traffic to them).
 *
 * The version label is only on what runs the image (`versioned`: workloads, jobs and their pods):
 * an image bump then changes those objects and nothing else, so the pull request that matters
 * most stays small to review.
 */
export function commonLabels(m: Model, component = "server", instance = m.name, versioned = false): Record<string, string> {
  const version = versioned ? versionLabel(m) : undefined;
  return {
    ...serviceLabel(m),
    [LABELS.instance]: instance,
    ...(version ? { [LABELS.version]: version } : {}),
    [LABELS.component]: component,
    ...(m.identity.partOf ? { [LABELS.partOf]: m.identity.partOf } : {}),
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.team]: m.identity.team,
    [LABELS.environment]: m.environment.name,
    ...m.identity.labels,
  };
}

/** The image's version as a label value (its tag, or the digest's first 12 characters), when it is a valid one. */
function versionLabel(m: Model): string | undefined {
  const version = m.image.tag ?? m.image.digest?.replace(/^sha256:/, "").slice(0, 12);
  return version && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(version) ? version : undefined;
}

/** Annotations on every object: who owns it and what it is, then the manifest's own. */
export function commonAnnotations(m: Model): Record<string, string> | undefined {
  const out: Record<string, string> = {
    ...(m.identity.owner ? { "berth.dev/owner": m.identity.owner } : {}),
    ...(m.identity.description ? { "berth.dev/description": m.identity.description } : {}),
    ...m.identity.annotations,
  };
  return Object.keys(out).length ? out : undefined;
}

/**
 * Standard metadata for a namespaced object of `kind`: berth's labels and annotations, the
 * manifest's (`labels`, `annotations`), berth's own for this object (`options.annotations`: hooks,
 * exemptions, …), then the manifest's for this kind (`object_metadata`), which win: the most
 * specific thing the user wrote. Reserved keys (berth's labels, `berth.dev/` annotations) are
 * rejected by validation, so none of them can be replaced here.
 */
export function metadata(
  m: Model,
  kind: ObjectKind,
  name: string,
  options: { component?: string; instance?: string; annotations?: Record<string, string>; versioned?: boolean } = {},
) {
  const forKind = m.identity.objectMetadata[kind];
  const annotations = { ...commonAnnotations(m), ...options.annotations, ...forKind?.annotations };
  return {
    name,
    namespace: m.namespace,
    labels: { ...commonLabels(m, options.component, options.instance, options.versioned === true), ...forKind?.labels },
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}

/**
 * The metadata of a pod template of the service's own containers (the workload, the migration Job,
 * the scheduled jobs): the object's labels plus `pod_labels`, and `pod_annotations` plus berth's
 * (the config digest). Selectors match only `selectorLabels`, never these.
 */
export function podTemplateMetadata(m: Model, component: string, instance: string, annotations: Record<string, string> = {}) {
  const all = { ...m.identity.podAnnotations, ...annotations };
  return {
    labels: { ...commonLabels(m, component, instance, true), ...m.identity.podLabels },
    ...(Object.keys(all).length ? { annotations: all } : {}),
  };
}
