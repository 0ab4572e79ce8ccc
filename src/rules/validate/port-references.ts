import { primaryPort } from "../../model/conventions.js";
import type { PortRef } from "../../model/spec.js";
import { validationRule } from "../validation-rule.js";

const PROBES = ["liveness", "readiness", "startup"] as const;

/** Probes and metrics name ports that exist; an omitted probe port must have an obvious default. */
export const portReferences = validationRule({
  id: "port-references",
  check({ spec, report }) {
    const ports = spec.ports ?? [];
    const known = (ref: PortRef) => ports.some((p) => (typeof ref === "number" ? p.port === ref : p.name === ref));
    const names = ports.map((p) => p.name).join(", ") || "none declared";
    for (const kind of PROBES) {
      const probe = spec.health?.[kind];
      if (!probe || probe.exec) continue;
      if (probe.port !== undefined) {
        if (!known(probe.port)) report("UNKNOWN_PORT", ["health", kind, "port"], { where: `health.${kind}`, port: JSON.stringify(probe.port), declared: names, probe: true });
        else if (notTcp(ports, probe.port)) report("PORT_PROTOCOL", ["health", kind, "port"], { where: `health.${kind}`, port: JSON.stringify(probe.port), protocol: notTcp(ports, probe.port)!, use: "probe" });
      } else if (primaryPort(spec) === undefined) {
        report("UNKNOWN_PORT", ["health", kind], { where: `health.${kind}`, declared: names }, { target: "key" });
      } else if (notTcp(ports, primaryPort(spec)!)) {
        report("PORT_PROTOCOL", ["health", kind], { where: `health.${kind}`, port: JSON.stringify(primaryPort(spec)), protocol: notTcp(ports, primaryPort(spec)!)!, use: "probe" }, { target: "key" });
      }
    }
    // Metrics may be served by a sidecar (an exporter): any port of the pod.
    const podPorts = [...ports, ...(spec.sidecars ?? []).flatMap((c) => c.ports ?? [])];
    const metrics = spec.monitoring?.metrics;
    if (metrics && !podPorts.some((p) => (typeof metrics.port === "number" ? p.port === metrics.port : p.name === metrics.port))) {
      report("UNKNOWN_PORT", ["monitoring", "metrics", "port"], { where: "monitoring.metrics.port", port: JSON.stringify(metrics.port), declared: podPorts.map((p) => p.name).join(", ") || "none declared" });
    } else if (metrics && notTcp(podPorts, metrics.port)) {
      report("PORT_PROTOCOL", ["monitoring", "metrics", "port"], { where: "monitoring.metrics.port", port: JSON.stringify(metrics.port), protocol: notTcp(podPorts, metrics.port)!, use: "scrape" });
    }
    // The edge (an Ingress or an HTTPRoute) speaks HTTP to the exposed port.
    const exposed = ports.findIndex((p) => p.expose);
    if (spec.expose && exposed >= 0 && (ports[exposed]!.protocol ?? "TCP") !== "TCP") {
      report("PORT_PROTOCOL", ["ports", exposed, "expose"], { where: "expose", port: JSON.stringify(ports[exposed]!.name), protocol: ports[exposed]!.protocol!, use: "route" });
    }
  },
});

/**
 * The protocol of the declared port `ref` names when none of its matches is TCP (a UDP or SCTP port),
 * else undefined. The kubelet probes and Prometheus scrapes over TCP only: against a UDP port every
 * probe fails (the pod restarts or never turns ready) and every scrape too.
 */
export function notTcp(ports: ReadonlyArray<{ name: string; port: number; protocol?: string }>, ref: PortRef): string | undefined {
  const matches = ports.filter((p) => (typeof ref === "number" ? p.port === ref : p.name === ref));
  if (!matches.length || matches.some((p) => (p.protocol ?? "TCP") === "TCP")) return undefined;
  return matches[0]!.protocol;
}
