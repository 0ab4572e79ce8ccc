import type { Model } from "../model/model.js";
import { metadata } from "./names.js";
import type { KubeObject } from "./object.js";

/** The service's own identity, with no API token mounted unless the manifest asks for one. */
export function serviceAccount(m: Model): KubeObject {
  const annotations = m.security.serviceAccountAnnotations;
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: metadata(m, "ServiceAccount", m.names.serviceAccount, Object.keys(annotations).length ? { annotations } : {}),
    automountServiceAccountToken: m.security.serviceAccountToken,
  };
}
