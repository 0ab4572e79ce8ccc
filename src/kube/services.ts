import type { Model } from "../model/model.js";
import { metadata, selectorLabels } from "./names.js";
import type { NamedObject } from "./object.js";

/**
 * The Service in front of the pods, and for blue-green the preview Service the new version is
 * tested behind (Argo Rollouts points each at the right ReplicaSet).
 */
export function services(m: Model): NamedObject[] {
  if (!m.podPorts.length) return [];
  const names = m.names;
  const service = (name: string, file: string): NamedObject => ({
    file,
    object: {
      apiVersion: "v1",
      kind: "Service",
      metadata: metadata(m, name),
      spec: {
        type: "ClusterIP",
        selector: selectorLabels(m),
        ports: m.podPorts.map((p) => ({
          name: p.name,
          port: p.port,
          targetPort: p.name,
          protocol: p.protocol,
          ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
        })),
      },
    },
  });
  const out = [service(names.service, "service.yaml")];
  if (m.deploy.strategy === "blue-green") out.push(service(names.previewService, "service-preview.yaml"));
  return out;
}
