import { validationRule } from "../validation-rule.js";

/**
 * Service types: a headless Service is a ClusterIP one; load-balancer settings need a LoadBalancer
 * Service to apply to; each published Service port and each node port is taken once.
 */
export const serviceTypes = validationRule({
  id: "service-types",
  check({ spec, report }) {
    const type = spec.service?.type ?? "ClusterIP";
    if (spec.service?.headless && type !== "ClusterIP") {
      report("FIELD_NOT_APPLICABLE", ["service", "headless"], { reason: "headless-cluster-ip", field: "service.headless", serviceType: type }, { target: "key" });
    }
    const ports = spec.ports ?? [];
    const lbPublished = ports.some((p) => p.publish?.type === "LoadBalancer");
    if (spec.service?.load_balancer && type !== "LoadBalancer" && !lbPublished) {
      report("FIELD_NOT_APPLICABLE", ["service", "load_balancer"], { reason: "no-load-balancer", field: "service.load_balancer" }, { target: "key" });
    }
    const servicePorts = new Set<string>();
    const nodePorts = new Set<number>();
    ports.forEach((p, i) => {
      if (!p.publish) return;
      const key = `${p.publish.type}:${p.publish.port ?? p.port}/${p.protocol ?? "TCP"}`;
      if (servicePorts.has(key)) report("DUPLICATE_NAME", ["ports", i, "publish"], { what: `${p.publish.type} port`, name: String(p.publish.port ?? p.port) }, { target: "key" });
      servicePorts.add(key);
      const nodePort = p.publish.node_port;
      if (nodePort !== undefined) {
        if (nodePorts.has(nodePort)) report("DUPLICATE_NAME", ["ports", i, "publish", "node_port"], { what: "node port", name: String(nodePort) });
        nodePorts.add(nodePort);
      }
    });
  },
});
