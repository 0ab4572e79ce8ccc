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
        const found = handlers.length ? `has ${handlers.join(" and ")}` : "says neither how nor what to probe";
        report("PROBE_HANDLER", ["health", kind], `health.${kind} ${found}`, { target: "key" });
      }
      if (probe.scheme !== undefined && probe.path === undefined) {
        report("FIELD_NOT_APPLICABLE", ["health", kind, "scheme"], `health.${kind}.scheme applies to HTTP probes (\`path\`) only`, { target: "key" });
      }
      if (probe.exec && probe.port !== undefined) {
        report("FIELD_NOT_APPLICABLE", ["health", kind, "port"], `health.${kind}.port has no effect on an exec probe`, { target: "key" });
      }
      const timings = { period: model.health[kind]?.periodSeconds, timeout: model.health[kind]?.timeoutSeconds, initial_delay: model.health[kind]?.initialDelaySeconds };
      for (const field of ["period", "timeout", "initial_delay"] as const) {
        const text = probe[field];
        const seconds = timings[field];
        if (text === undefined || seconds === undefined) continue;
        if (!Number.isInteger(seconds) || (field !== "initial_delay" && seconds < 1)) {
          report("OUT_OF_RANGE", ["health", kind, field], `health.${kind}.${field} is ${text}; Kubernetes probe timings are whole seconds${field === "initial_delay" ? "" : ", at least 1s"}`);
        }
      }
      if (kind !== "readiness" && (probe.success_threshold ?? 1) !== 1) {
        report("FIELD_NOT_APPLICABLE", ["health", kind, "success_threshold"], `health.${kind}.success_threshold must be 1 (Kubernetes allows more for readiness only)`, {
          hint: "Remove it, or move the requirement to the readiness probe.",
        });
      }
    }
  },
});
