import { DEFAULTS } from "./defaults.js";
import type { Alert, Model } from "./model.js";
import type { AlertCommonSpec, AlertsSpec, ResolvedSpec } from "./spec.js";
import { byKey, sortedRecord } from "./order.js";
import { parseDuration, parseRatio } from "./units.js";

type MonitoringPart = Pick<Model, "monitoring" | "logging">;

/** Built-in alert kinds in the order they are emitted, with the default severity of each. */
const ALERT_KINDS: ReadonlyArray<{ kind: Exclude<keyof AlertsSpec, "custom">; severity: Alert["severity"] }> = [
  { kind: "error_rate", severity: "critical" },
  { kind: "latency", severity: "warning" },
  { kind: "restarts", severity: "warning" },
  { kind: "certificate_expiry", severity: "warning" },
  { kind: "disk_usage", severity: "warning" },
  { kind: "replication_lag", severity: "warning" },
  { kind: "backup_failure", severity: "critical" },
  { kind: "connector_errors", severity: "warning" },
  { kind: "goroutine_leak", severity: "warning" },
];

/** Parameters that are durations or ratios in the manifest and numbers in the model. */
const DURATION_PARAMS = new Set(["window", "within"]);

export function normalizeMonitoring(spec: ResolvedSpec): MonitoringPart {
  const m = spec.monitoring ?? {};
  const names = { ...DEFAULTS.monitoring.metric_names, ...m.metric_names };
  const alertsSpec = m.alerts ?? {};
  const alerts: Alert[] = [];
  for (const { kind, severity } of ALERT_KINDS) {
    const declared = alertsSpec[kind] as (AlertCommonSpec & Record<string, unknown>) | undefined;
    if (!declared || declared.enabled === false) continue;
    const withDefaults: Record<string, unknown> = { ...(DEFAULTS.alerts as Record<string, object>)[kind], ...declared };
    const params: Record<string, number | string> = {};
    for (const [key, value] of Object.entries(withDefaults).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (key === "enabled" || key === "severity" || key === "for") continue;
      params[key] = resolveParam(key, value as string | number);
    }
    alerts.push({
      kind,
      severity: declared.severity ?? severity,
      ...(declared.for ? { forSeconds: parseDuration(declared.for) } : {}),
      params,
    });
  }
  const slo = m.slo;
  return {
    monitoring: {
      ...(m.metrics
        ? {
            metrics: {
              port: m.metrics.port,
              path: m.metrics.path ?? DEFAULTS.monitoring.metrics.path,
              intervalSeconds: parseDuration(m.metrics.interval ?? DEFAULTS.monitoring.metrics.interval),
            },
          }
        : {}),
      metricNames: {
        requests: names.requests,
        statusLabel: names.status_label,
        errorStatuses: names.error_statuses,
        latency: names.latency,
        connectorErrors: names.connector_errors,
        goroutines: names.goroutines,
      },
      ...(m.runbook_base_url ? { runbookBaseUrl: m.runbook_base_url.replace(/\/+$/, "") } : {}),
      labels: sortedRecord(m.labels),
      ruleLabels: sortedRecord(m.rule_labels),
      prometheusAddress: m.prometheus_address ?? DEFAULTS.monitoring.prometheus_address,
      prometheusNamespace: m.prometheus_namespace ?? DEFAULTS.monitoring.prometheus_namespace,
      alerts,
      customAlerts: (alertsSpec.custom ?? [])
        .filter((a) => a.enabled !== false)
        .map((a) => ({
          name: a.name,
          expr: a.expr,
          severity: a.severity ?? "warning",
          ...(a.for ? { forSeconds: parseDuration(a.for) } : {}),
          ...(a.summary ? { summary: a.summary } : {}),
          ...(a.description ? { description: a.description } : {}),
        }))
        .sort(byKey((a) => a.name)),
      ...(slo
        ? {
            slo: {
              windowSeconds: parseDuration(slo.window ?? DEFAULTS.slo.window),
              ...(slo.availability ? { availability: parseRatio(slo.availability) } : {}),
              ...(slo.latency ? { latency: { objective: parseRatio(slo.latency.objective), thresholdSeconds: parseDuration(slo.latency.threshold) } } : {}),
            },
          }
        : {}),
    },
    logging: { format: spec.logging?.format ?? DEFAULTS.logging.format, level: spec.logging?.level ?? DEFAULTS.logging.level },
  };
}

function resolveParam(key: string, value: string | number): number | string {
  if (typeof value === "number") return value;
  if (value.endsWith("%")) return parseRatio(value);
  if (DURATION_PARAMS.has(key) || /^[0-9]+(ms|[wdhms])/.test(value)) return parseDuration(value);
  return value;
}
