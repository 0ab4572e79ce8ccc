import type { Model, ServicePlan } from "../model/model.js";
import { metadata, selectorLabels } from "./names.js";
import type { KubeObject, NamedObject } from "./object.js";

/**
 * The Services in front of the pods (src/model/normalize-services.ts plans them): the main one, one
 * per publishing type (`ports[].publish`), and for blue-green the preview Service the new version is
 * tested behind (Argo Rollouts points each at the right ReplicaSet).
 */
export function services(m: Model): NamedObject[] {
  const plans = m.serviceExposure.services;
  const main = plans.find((s) => s.name === m.names.service);
  const all: ServicePlan[] = [...plans];
  if (main && m.deploy.strategy === "blue-green") {
    all.splice(1, 0, { ...main, name: m.names.previewService, file: "service-preview.yaml", type: "ClusterIP", headless: false });
  }
  return all.map((plan) => ({ file: plan.file, object: service(m, plan) }));
}

function service(m: Model, plan: ServicePlan): KubeObject {
  const lb = m.serviceExposure.loadBalancer;
  const isLb = plan.type === "LoadBalancer";
  const meta = metadata(m, "Service", plan.name, isLb ? { annotations: lb.annotations } : {});
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta,
    spec: {
      type: plan.type,
      ...(plan.headless ? { clusterIP: "None" } : {}),
      selector: selectorLabels(m),
      ports: plan.ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.targetPort,
        protocol: p.protocol,
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
        ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
      })),
      ...(plan.type !== "ClusterIP" ? { externalTrafficPolicy: lb.externalTrafficPolicy } : {}),
      ...(isLb && lb.sourceRanges.length ? { loadBalancerSourceRanges: lb.sourceRanges } : {}),
      ...(isLb && lb.class ? { loadBalancerClass: lb.class } : {}),
    },
  };
}
