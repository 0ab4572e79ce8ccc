import { validationRule } from "../validation-rule.js";

/**
 * A database or redis cache the NetworkPolicy gives no way to reach: the service would start and fail on
 * every connection (the policy denies all egress but DNS and what `network.egress` lists). Located at the
 * dependency; the hint says how to open it (an egress peer with its port, or `open_egress`).
 */
export const dependencyEgress = validationRule({
  id: "dependency-egress",
  scope: "environment",
  check({ model, spec, report }) {
    for (const d of model.network.dependencies) {
      if (d.reachedBy !== "none") continue;
      const what = d.kind === "database" ? `the ${model.database!.engine} database` : "the redis cache";
      report(d.kind === "database" ? "DATABASE_INCOMPLETE" : "CACHE_URL", d.path, `the NetworkPolicy allows no egress to ${what} (port ${d.port}): every connection to it would be dropped`, {
        target: "key",
        hint: `Declare where it is in \`network.egress\`, e.g. \`{ cidr: 10.0.0.0/24, ports: [${d.port}] }\` (or an in-cluster \`{ service, namespace, ports: [${d.port}] }\`)${d.kind === "database" ? ", use `managed_by: cloudnative-pg`" : ""}, or set \`network.open_egress: true\`.`,
      });
    }
    if (spec.database?.port !== undefined && spec.database.engine === "sqlite") {
      report("FIELD_NOT_APPLICABLE", ["database", "port"], "database.port has no effect on SQLite (a local file)", { target: "key" });
    }
    if (spec.cache?.port !== undefined && spec.cache.backend !== "redis") {
      report("FIELD_NOT_APPLICABLE", ["cache", "port"], "cache.port has no effect on a memory cache", { target: "key" });
    }
  },
});
