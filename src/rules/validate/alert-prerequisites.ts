import { validationRule } from "../validation-rule.js";

/** Alerts that watch something the manifest does not have would never fire. */
export const alertPrerequisites = validationRule({
  id: "alert-prerequisites",
  check({ spec, report }) {
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
    if (spec.monitoring?.slo && !scraped) {
      report("FIELD_NOT_APPLICABLE", ["monitoring", "slo"], { reason: "slo-needs-metrics", field: "monitoring.slo" }, { target: "key" });
    }
  },
});
