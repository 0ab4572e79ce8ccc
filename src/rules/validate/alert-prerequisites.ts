import { hasAnalysis } from "../../kube/rollout-strategy.js";
import type { Model } from "../../model/model.js";
import { RATE_WINDOW_SECONDS, SCRAPES_PER_RATE_WINDOW } from "../../promql/scope.js";
import { formatDuration } from "../../model/units.js";
import { validationRule } from "../validation-rule.js";

/** gRPC status codes, by the names gRPC's Prometheus interceptors write in `grpc_code` and by number (OpenTelemetry's `rpc_grpc_status_code`). */
const GRPC_CODES = [
  "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted",
  "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated",
];

/**
 * Whether the failing-status pattern can match a gRPC status at all, when the status label is a gRPC
 * one: the default `5..` (HTTP 5xx) matches none of them, so every query built on it reads 0 failures.
 */
function grpcStatusesUnmatched(names: Model["monitoring"]["metricNames"]): boolean {
  if (!/grpc/i.test(names.statusLabel)) return false;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${names.errorStatuses})$`);
  } catch {
    return false; // RE2 syntax JavaScript does not read: not ours to judge
  }
  return ![...GRPC_CODES, ...GRPC_CODES.map((_, i) => String(i))].some((c) => re.test(c));
}

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : items[0]!);

/** Alerts that watch something the manifest does not have would never fire. */
export const alertPrerequisites = validationRule({
  id: "alert-prerequisites",
  check({ model, spec, report }) {
    const alerts = spec.monitoring?.alerts;
    if (!alerts) return;
    const on = (a: { enabled?: boolean } | undefined) => a !== undefined && a.enabled !== false;
    const needs = (key: keyof typeof alerts, ok: boolean, what: string) => {
      if (on(alerts[key] as { enabled?: boolean } | undefined) && !ok) {
        report("FIELD_NOT_APPLICABLE", ["monitoring", "alerts", key], { reason: "alert-needs", field: key, needs: what }, { target: "key" });
      }
    };
    const scraped = spec.monitoring?.metrics !== undefined;
    needs("error_rate", scraped, "`monitoring.metrics` (the request counter is scraped from it)");
    needs("latency", scraped, "`monitoring.metrics` (the latency histogram is scraped from it)");
    needs("connector_errors", scraped, "`monitoring.metrics`");
    needs("goroutine_leak", scraped, "`monitoring.metrics`");
    needs("backup_failure", spec.backup !== undefined && spec.backup.enabled !== false, "an enabled `backup` block");
    // berth knows the lag metric of CloudNativePG clusters only; an external database's is not in the manifest.
    needs("replication_lag", spec.database?.engine === "postgres" && spec.database.managed_by === "cloudnative-pg", "a PostgreSQL `database` with `managed_by: cloudnative-pg`");
    needs("disk_usage", (spec.volumes ?? []).some((v) => v.persistent !== false), "a persistent volume");
    needs("certificate_expiry", spec.expose?.tls !== undefined, "`expose.tls`");
    // The failed-request ratio (error-rate alert, availability SLO, rollout analysis) on a gRPC status label with a pattern no gRPC status matches: it stays 0 whatever fails.
    const uses = [
      on(alerts.error_rate) ? "the error_rate alert" : undefined,
      spec.monitoring?.slo?.availability !== undefined ? "the availability SLO" : undefined,
      hasAnalysis(model) ? "the rollout analysis (auto_revert)" : undefined,
    ].filter((u): u is string => u !== undefined);
    const names = model.monitoring.metricNames;
    if (scraped && uses.length && grpcStatusesUnmatched(names)) {
      report(
        "FIELD_NOT_APPLICABLE",
        spec.monitoring?.metric_names?.error_statuses !== undefined ? ["monitoring", "metric_names", "error_statuses"] : ["monitoring", "metric_names", "status_label"],
        { reason: "error-statuses-grpc", field: "monitoring.metric_names.error_statuses", statuses: names.errorStatuses, label: names.statusLabel, needs: listed(uses) },
        { severity: "warning" },
      );
    }
    // Rates over 5m of a series scraped less often than every 75s: too few samples, so the alerts read nothing (or flap).
    const interval = model.monitoring.metrics?.intervalSeconds;
    const rated = [
      on(alerts.error_rate) ? "the error_rate alert" : undefined,
      on(alerts.latency) ? "the latency alert" : undefined,
      on(alerts.connector_errors) ? "the connector_errors alert" : undefined,
      spec.monitoring?.slo !== undefined ? "the SLOs' 5m window" : undefined,
    ].filter((u): u is string => u !== undefined);
    if (interval !== undefined && interval * SCRAPES_PER_RATE_WINDOW > RATE_WINDOW_SECONDS && rated.length) {
      report(
        "FIELD_NOT_APPLICABLE",
        ["monitoring", "metrics", "interval"],
        { reason: "scrape-interval-too-long", field: "monitoring.metrics.interval", needs: listed(rated), interval: formatDuration(interval), window: formatDuration(RATE_WINDOW_SECONDS), most: formatDuration(RATE_WINDOW_SECONDS / SCRAPES_PER_RATE_WINDOW) },
        { severity: "warning" },
      );
    }
    if (spec.monitoring?.slo && !scraped) {
      report("FIELD_NOT_APPLICABLE", ["monitoring", "slo"], { reason: "slo-needs-metrics", field: "monitoring.slo" }, { target: "key" });
    }
  },
});
