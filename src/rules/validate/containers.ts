import type { DataPath } from "../../diagnostics/diagnostic.js";
import type { ContainerSpec, SidecarSpec } from "../../model/spec.js";
import { validationRule } from "../validation-rule.js";
import { notTcp } from "./port-references.js";

const PROBES = ["liveness", "readiness", "startup"] as const;

/**
 * Sidecars and init containers: one name per container of the pod (the service's own is its name),
 * one name and one number per port across every container (the Service and the NetworkPolicy see
 * them all), probes on the container's own ports with one handler each, mounts of declared volumes.
 */
export const containers = validationRule({
  id: "containers",
  check({ spec, report }) {
    const all: Array<{ c: SidecarSpec | ContainerSpec; at: DataPath; field: string }> = [
      ...(spec.sidecars ?? []).map((c, i) => ({ c, at: ["sidecars", i] as DataPath, field: "sidecars" })),
      ...(spec.init_containers ?? []).map((c, i) => ({ c, at: ["init_containers", i] as DataPath, field: "init_containers" })),
    ];
    if (!all.length) return;
    const names = new Set([spec.name as string | undefined].filter((n): n is string => !!n));
    const portNames = new Set((spec.ports ?? []).map((p) => p.name));
    const portNumbers = new Set((spec.ports ?? []).map((p) => `${p.port}/${p.protocol ?? "TCP"}`));
    const volumes = (spec.volumes ?? []).map((v) => v.name);
    for (const { c, at, field } of all) {
      if (names.has(c.name)) report("DUPLICATE_NAME", [...at, "name"], { what: "container name", name: c.name });
      names.add(c.name);
      const sidecar = c as SidecarSpec;
      (sidecar.ports ?? []).forEach((p, i) => {
        if (portNames.has(p.name)) report("DUPLICATE_NAME", [...at, "ports", i, "name"], { what: "port name", name: p.name });
        const number = `${p.port}/${p.protocol ?? "TCP"}`;
        if (portNumbers.has(number)) report("DUPLICATE_NAME", [...at, "ports", i, "port"], { what: "port number", name: number.replace(/\/TCP$/, "") });
        portNames.add(p.name);
        portNumbers.add(number);
      });
      const own = sidecar.ports ?? [];
      const declared = own.map((p) => p.name).join(", ") || "none declared";
      for (const kind of PROBES) {
        const probe = sidecar.health?.[kind];
        if (!probe) continue;
        const where = `${field}[${c.name}].health.${kind}`;
        const handlers = (["path", "tcp", "grpc", "exec"] as const).filter((h) => probe[h] !== undefined && probe[h] !== false);
        if (handlers.length !== 1) report("PROBE_HANDLER", [...at, "health", kind], { where, handlers: handlers.join(" and ") }, { target: "key" });
        if (probe.exec) continue;
        if (probe.port !== undefined) {
          const ref = probe.port;
          if (!own.some((p) => (typeof ref === "number" ? p.port === ref : p.name === ref))) {
            report("UNKNOWN_PORT", [...at, "health", kind, "port"], { where, port: JSON.stringify(ref), declared, probe: true });
          } else if (notTcp(own, ref)) {
            report("PORT_PROTOCOL", [...at, "health", kind, "port"], { where, port: JSON.stringify(ref), protocol: notTcp(own, ref)!, use: "probe" });
          }
        } else if (!own.length) {
          report("UNKNOWN_PORT", [...at, "health", kind], { where, declared }, { target: "key" });
        } else if (notTcp(own, own[0]!.name)) {
          // A sidecar's probes default to its first port.
          report("PORT_PROTOCOL", [...at, "health", kind], { where, port: JSON.stringify(own[0]!.name), protocol: notTcp(own, own[0]!.name)!, use: "probe" }, { target: "key" });
        }
      }
      for (const volume of Object.keys(c.mounts ?? {})) {
        if (!volumes.includes(volume)) {
          report("UNKNOWN_VOLUME", [...at, "mounts", volume], { where: `${field}[${c.name}].mounts`, volume, declared: volumes.join(", ") || "none declared" }, { target: "key" });
        }
      }
    }
  },
});
