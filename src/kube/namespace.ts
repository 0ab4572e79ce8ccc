import { APPLY_FIRST_LABEL, LABELS, MANAGED_BY } from "../model/conventions.js";
import type { Model } from "../model/model.js";
import type { KubeObject } from "./object.js";

/**
 * The service's Namespace, for the plain manifests (`kubectl apply -k` on a fresh cluster needs it first).
 * Not in the Helm chart: Helm installs into the release's namespace (`--create-namespace`). Only labels
 * every service sharing the namespace would agree on, so several services may declare the same one.
 */
export function namespace(m: Model): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: m.namespace, labels: { [LABELS.managedBy]: MANAGED_BY, [APPLY_FIRST_LABEL]: "true" } },
  };
}
