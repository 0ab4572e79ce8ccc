import { validationRule } from "../validation-rule.js";

/** Fields that come as alternatives: exactly one of each pair, and dependants only with their owner. */
export const oneOfFields = validationRule({
  id: "one-of-fields",
  check({ spec, report }) {
    (spec.config_files ?? []).forEach((file, i) => {
      if ((file.content === undefined) === (file.secret === undefined)) {
        report("CONFIG_FILE_SOURCE", ["config_files", i], { path: file.path });
      }
    });
    const disruption = spec.disruption;
    if (disruption?.min_available !== undefined && disruption.max_unavailable !== undefined) {
      report("DISRUPTION_BOTH", ["disruption", "max_unavailable"], {}, { target: "key" });
    }
    const limit = spec.http?.rate_limit;
    if (limit?.key === "header" && !limit.header) {
      report("RATE_LIMIT_HEADER", ["http", "rate_limit", "key"], {});
    }
    if (limit?.header && (limit.key ?? "ip") !== "header") {
      report("FIELD_NOT_APPLICABLE", ["http", "rate_limit", "header"], { reason: "rate-limit-header", field: "http.rate_limit.header" }, { target: "key" });
    }
    const cache = spec.cache;
    if (cache?.backend === "redis" && !cache.url) report("CACHE_URL", ["cache"], { reason: "redis-url" }, { target: "key" });
    if (cache?.backend === "memory" && cache.url) report("FIELD_NOT_APPLICABLE", ["cache", "url"], { reason: "memory-cache", field: "cache.url" }, { target: "key" });
    if (spec.auth?.session_store === "redis" && cache?.backend !== "redis") {
      report("CACHE_URL", ["auth", "session_store"], { reason: "sessions" });
    }
    if (spec.auth?.session_store === "database" && !spec.database) {
      report("DATABASE_INCOMPLETE", ["auth", "session_store"], { reason: "sessions" });
    }
    (spec.scheduled_jobs ?? []).forEach((job, i) => {
      if (job.command && job.lock !== undefined && job.lock !== "none") {
        report("FIELD_NOT_APPLICABLE", ["scheduled_jobs", i, "lock"], { reason: "cronjob-lock", field: `scheduled_jobs[${i}].lock`, job: job.name }, { target: "key" });
      }
      if (!job.command) {
        for (const field of ["image", "resources", "backoff_limit", "concurrency_policy", "history"] as const) {
          if (job[field] !== undefined) report("FIELD_NOT_APPLICABLE", ["scheduled_jobs", i, field], { reason: "in-app-job", field: `scheduled_jobs[${i}].${field}`, job: job.name }, { target: "key" });
        }
      }
    });
    for (const list of ["allow_from", "egress"] as const) {
      (spec.network?.[list] ?? []).forEach((peer, i) => {
        const named = peer.service !== undefined || peer.namespace !== undefined;
        if (named === (peer.cidr !== undefined)) {
          report("INVALID_PEER", ["network", list, i], { both: named });
        }
      });
    }
    const tls = spec.expose?.tls;
    if (tls && (tls.secret === undefined) === (tls.issuer === undefined)) {
      report("FIELD_NOT_APPLICABLE", ["expose", "tls"], { reason: "tls-one-of", field: "expose.tls" }, { target: "key" });
    }
  },
});
