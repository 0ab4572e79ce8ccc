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
      const dependency = d.kind === "database" ? `the ${model.database!.engine} database` : "the redis cache";
      report("DEPENDENCY_UNREACHABLE", d.path, { dependency, port: d.port, database: d.kind === "database" }, { target: "key" });
    }
    if (spec.database?.port !== undefined && spec.database.engine === "sqlite") {
      report("FIELD_NOT_APPLICABLE", ["database", "port"], { reason: "not-with-sqlite", field: "database.port" }, { target: "key" });
    }
    // berth opens the CloudNativePG cluster's pods on PostgreSQL's 5432 (where its instances and pooler listen): the port is read nowhere.
    if (spec.database?.port !== undefined && model.database?.managedBy === "cloudnative-pg" && model.database.cluster) {
      report("FIELD_NOT_APPLICABLE", ["database", "port"], { reason: "cnpg-port", field: "database.port" }, { severity: "warning", target: "key" });
    }
    if (spec.cache?.port !== undefined && spec.cache.backend !== "redis") {
      report("FIELD_NOT_APPLICABLE", ["cache", "port"], { reason: "memory-cache", field: "cache.port" }, { target: "key" });
    }
  },
});
