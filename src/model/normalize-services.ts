import { DEFAULTS } from "./defaults.js";
import type { Model, Port, ServicePlan } from "./model.js";
import type { ObjectNames } from "./names.js";
import { sortedRecord } from "./order.js";
import type { ResolvedSpec } from "./spec.js";

/** From anywhere: what a NodePort, or a LoadBalancer without source ranges (or whose traffic arrives from node addresses), admits. */
const ANYWHERE = ["0.0.0.0/0"];

/**
 * The Services in front of the server pods and what they make reachable from outside the cluster:
 * the main Service (every port, of `service.type`) and one Service per type that `ports[].publish`
 * asks for, with just those ports. (The blue-green preview, a ClusterIP copy of the main Service,
 * follows the strategy, which `compile --strategy` may override: src/kube/services.ts adds it.)
 */
export function normalizeServices(spec: ResolvedSpec, podPorts: Port[], names: ObjectNames): Model["serviceExposure"] {
  const settings = spec.service ?? {};
  const lb = settings.load_balancer ?? {};
  const type = settings.type ?? DEFAULTS.serviceSettings.type;
  const loadBalancer = {
    sourceRanges: [...(lb.source_ranges ?? [])],
    annotations: sortedRecord(lb.annotations),
    externalTrafficPolicy: lb.external_traffic_policy ?? DEFAULTS.serviceSettings.load_balancer.external_traffic_policy,
    ...(lb.class ? { class: lb.class } : {}),
  };
  const servicePort = (p: Port, published = false): ServicePlan["ports"][number] => ({
    name: p.name,
    port: published && p.publish ? p.publish.port : p.port,
    targetPort: p.name,
    protocol: p.protocol,
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    ...(published && p.publish?.nodePort !== undefined ? { nodePort: p.publish.nodePort } : {}),
  });
  const services: ServicePlan[] = [];
  if (podPorts.length) {
    services.push({ name: names.service, file: "service.yaml", type, headless: settings.headless ?? DEFAULTS.serviceSettings.headless, ports: podPorts.map((p) => servicePort(p)) });
  }
  for (const publishType of ["LoadBalancer", "NodePort"] as const) {
    const ports = podPorts.filter((p) => p.publish?.type === publishType);
    if (!ports.length) continue;
    services.push({
      name: names.publishedServices[publishType],
      file: `service-${publishType.toLowerCase()}.yaml`,
      type: publishType,
      headless: false,
      ports: ports.map((p) => servicePort(p, true)),
    });
  }
  // Client addresses reach the pods only through a LoadBalancer with externalTrafficPolicy Local; otherwise from node addresses.
  const from = (serviceType: ServicePlan["type"]) =>
    serviceType === "LoadBalancer" && loadBalancer.externalTrafficPolicy === "Local" && loadBalancer.sourceRanges.length ? loadBalancer.sourceRanges : ANYWHERE;
  const reachable = new Map<string, { port: number; protocol: Port["protocol"]; from: string[] }>();
  for (const service of services.filter((s) => s.type !== "ClusterIP")) {
    for (const sp of service.ports) {
      const p = podPorts.find((x) => x.name === sp.targetPort)!;
      const key = `${p.port}/${p.protocol}`;
      const sources = [...new Set([...(reachable.get(key)?.from ?? []), ...from(service.type)])].sort();
      reachable.set(key, { port: p.port, protocol: p.protocol, from: sources.includes("0.0.0.0/0") ? ANYWHERE : sources });
    }
  }
  return { services, loadBalancer, reachable: [...reachable.values()].sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : 1)) };
}
