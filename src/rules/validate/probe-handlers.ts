import { validationRule } from "../validation-rule.js";

const PROBES = ["liveness", "readiness", "startup"] as const;

/** Each probe checks one way, and only readiness may require several successes (Kubernetes' rule). */
export const probeHandlers = validationRule({
  id: "probe-handlers",
  check({ model, spec, report }) {
    for (const kind of PROBES) {
      const probe = spec.health?.[kind];
      if (!probe) continue;
      const handlers = (["path", "tcp", "grpc", "exec"] as const).filter((h) => probe[h] !== undefined && probe[h] !== false);
      if (handlers.length !== 1) {
        report("PROBE_HANDLER", ["health", kind], { where: `health.${kind}`, handlers: handlers.join(" and ") }, { target: "key" });
      }
      if (probe.scheme !== undefined && probe.path === undefined) {
        report("FIELD_NOT_APPLICABLE", ["health", kind, "scheme"], { reason: "http-probe-only", field: `health.${kind}.scheme` }, { target: "key" });
      }
      if (probe.exec && probe.port !== undefined) {
        report("FIELD_NOT_APPLICABLE", ["health", kind, "port"], { reason: "exec-probe-port", field: `health.${kind}.port` }, { target: "key" });
      }
      const timings = { period: model.health[kind]?.periodSeconds, timeout: model.health[kind]?.timeoutSeconds, initial_delay: model.health[kind]?.initialDelaySeconds };
      for (const field of ["period", "timeout", "initial_delay"] as const) {
        const text = probe[field];
        const seconds = timings[field];
        if (text === undefined || seconds === undefined) continue;
        if (!Number.isInteger(seconds) || (field !== "initial_delay" && seconds < 1)) {
          report("OUT_OF_RANGE", ["health", kind, field], { where: `health.${kind}.${field}`, written: text, wholeSeconds: field === "initial_delay" ? "any" : "at-least-1" });
        }
      }
      if (kind !== "readiness" && (probe.success_threshold ?? 1) !== 1) {
        report("FIELD_NOT_APPLICABLE", ["health", kind, "success_threshold"], { reason: "success-threshold", field: `health.${kind}.success_threshold` });
      }
    }
  },
});
