import { validationRule } from "../validation-rule.js";

/** Fields that come as alternatives: exactly one of each pair, and dependants only with their owner. */
export const oneOfFields = validationRule({
  id: "one-of-fields",
  check({ spec, report }) {
    (spec.config_files ?? []).forEach((file, i) => {
      if ((file.content === undefined) === (file.secret === undefined)) {
        report("CONFIG_FILE_SOURCE", ["config_files", i], `config file ${file.path} needs exactly one of content or secret`);
      }
    });
    const disruption = spec.disruption;
    if (disruption?.min_available !== undefined && disruption.max_unavailable !== undefined) {
      report("DISRUPTION_BOTH", ["disruption", "max_unavailable"], "disruption gives both min_available and max_unavailable", { target: "key" });
    }
    const limit = spec.http?.rate_limit;
    if (limit?.key === "header" && !limit.header) {
      report("RATE_LIMIT_HEADER", ["http", "rate_limit", "key"], "rate_limit.key is header but no header is named");
    }
    if (limit?.header && (limit.key ?? "ip") !== "header") {
      report("FIELD_NOT_APPLICABLE", ["http", "rate_limit", "header"], "rate_limit.header is used only with key: header", { target: "key" });
    }
    const cache = spec.cache;
    if (cache?.backend === "redis" && !cache.url) report("CACHE_URL", ["cache"], "a redis cache needs `url`", { target: "key" });
    if (cache?.backend === "memory" && cache.url) report("FIELD_NOT_APPLICABLE", ["cache", "url"], "cache.url has no effect with a memory cache", { target: "key" });
    if (spec.auth?.session_store === "redis" && cache?.backend !== "redis") {
      report("CACHE_URL", ["auth", "session_store"], "sessions in redis need the redis cache (`cache: { backend: redis, url: … }`)");
    }
    if (spec.auth?.session_store === "database" && !spec.database) {
      report("DATABASE_INCOMPLETE", ["auth", "session_store"], "sessions in the database need a `database` block");
    }
    (spec.scheduled_jobs ?? []).forEach((job, i) => {
      if (job.command && job.lock !== undefined && job.lock !== "none") {
        report("FIELD_NOT_APPLICABLE", ["scheduled_jobs", i, "lock"], `job ${job.name} runs as a CronJob (it has a command), so \`lock\` has no effect`, {
          target: "key",
          hint: "A CronJob runs once per schedule by itself; remove `lock`, or drop `command` to run the job in the application.",
        });
      }
    });
    for (const list of ["allow_from", "egress"] as const) {
      (spec.network?.[list] ?? []).forEach((peer, i) => {
        const named = peer.service !== undefined || peer.namespace !== undefined;
        if (named === (peer.cidr !== undefined)) {
          report("INVALID_PEER", ["network", list, i], named ? "a peer is either a service/namespace or a cidr, not both" : "a peer needs a service, a namespace or a cidr");
        }
      });
    }
    const tls = spec.expose?.tls;
    if (tls && (tls.secret === undefined) === (tls.issuer === undefined)) {
      report("FIELD_NOT_APPLICABLE", ["expose", "tls"], "expose.tls needs exactly one of secret or issuer", { target: "key" });
    }
  },
});
