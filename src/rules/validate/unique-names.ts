import type { DataPath } from "../../diagnostics/diagnostic.js";
import { validationRule, type ValidationContext } from "../validation-rule.js";

/** Named entries must be unique: a repeat would silently shadow the first in every output. */
export const uniqueNames = validationRule({
  id: "unique-names",
  check(ctx) {
    const { spec } = ctx;
    unique(ctx, "ports", spec.ports, (p) => p.name, "port name");
    unique(ctx, "ports", spec.ports, (p) => `${p.port}/${p.protocol ?? "TCP"}`, "port number", "port");
    unique(ctx, "volumes", spec.volumes, (v) => v.name, "volume name");
    unique(ctx, "config_files", spec.config_files, (f) => f.path, "config file path", "path");
    unique(ctx, "scheduled_jobs", spec.scheduled_jobs, (j) => j.name, "scheduled job name");
    unique(ctx, "queues", spec.queues, (q) => q.name, "queue name");
    unique(ctx, "circuit_breakers", spec.circuit_breakers, (c) => c.name, "circuit breaker name");
    unique(ctx, ["monitoring", "alerts", "custom"], spec.monitoring?.alerts?.custom, (a) => a.name, "alert name");
    unique(ctx, ["backup", "extra_schedules"], spec.backup?.extra_schedules, (s) => s.name, "schedule name");
    const mounts = [
      ...(spec.volumes ?? []).map((v, i) => ({ path: v.mount, at: ["volumes", i, "mount"] as DataPath })),
      ...(spec.config_files ?? []).map((f, i) => ({ path: f.path, at: ["config_files", i, "path"] as DataPath })),
      ...(spec.security?.writable_paths ?? []).map((p, i) => ({ path: p, at: ["security", "writable_paths", i] as DataPath })),
    ];
    const seen = new Set<string>();
    for (const mount of mounts) {
      if (seen.has(mount.path)) ctx.report("DUPLICATE_NAME", mount.at, { mount: mount.path });
      seen.add(mount.path);
    }
  },
});

function unique<T>(ctx: ValidationContext, at: string | string[], items: T[] | undefined, key: (item: T) => string, what: string, field = "name"): void {
  const seen = new Set<string>();
  const base = Array.isArray(at) ? at : [at];
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.report("DUPLICATE_NAME", [...base, i, field], { what, name: k.replace(/\/TCP$/, "") });
    seen.add(k);
  });
}
