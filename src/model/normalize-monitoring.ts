import { DEFAULTS } from "./defaults.js";
import type { Alert, Model, Severity } from "./model.js";
import type { AlertCommonSpec, AlertsSpec, ResolvedSpec, SeverityByTierSpec, Tier, Strategy } from "./spec.js";
import { byKey, sortedRecord } from "./order.js";
import { parseDuration, parseRatio } from "./units.js";
import { sloObjectives } from "./slo-objectives.js";

/** What normalization takes from outside the manifest: the repository's berth.config.yaml. */
export interface NormalizeOptions {
  /** berth.config.yaml's `monitoring.severity_by_tier`: between berth's defaults and the manifest's own. */
  severityByTier?: SeverityByTierSpec;
  /**
   * `--strategy`: every environment's `deploy.strategy`, replaced before anything is derived from it,
   * so the rules judge (and the emitters build) the service as it will be delivered.
   */
  strategy?: Strategy;
  /** berth.config.yaml's `checklist.severity`: overrides by rule id or code, under the manifest's own. */
  checklistSeverity?: Readonly<Record<string, string>>;
}

/** Who the monitoring is for: the service, its environment and tier, its team. */
export interface MonitoringContext {
  name: string;
  namespace: string;
  environment: string;
  tier: Tier;
  team: string;
}

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
  { kind: "pod_availability", severity: "critical" },
];

const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];

/** The tier's rewrite of declared severities: berth's defaults, then the config file's, then the manifest's, key by key. */
export function severityMap(tier: Tier, config: SeverityByTierSpec | undefined, manifest: SeverityByTierSpec | undefined): Record<Severity, Severity> {
  const defaults = DEFAULTS.monitoring.severity_by_tier as SeverityByTierSpec;
  const merged = { ...defaults[tier], ...config?.[tier], ...manifest?.[tier] };
  return Object.fromEntries(SEVERITIES.map((s) => [s, merged[s] ?? s])) as Record<Severity, Severity>;
}

/** Parameters that are durations or ratios in the manifest and numbers in the model. */
const DURATION_PARAMS = new Set(["window", "within"]);

export function normalizeMonitoring(spec: ResolvedSpec, ctx: MonitoringContext, options: NormalizeOptions = {}): MonitoringPart {
  const m = spec.monitoring ?? {};
  const names = { ...DEFAULTS.monitoring.metric_names, ...m.metric_names };
  const severities = severityMap(ctx.tier, options.severityByTier, m.severity_by_tier);
  const metricNames = {
    requests: names.requests,
    statusLabel: names.status_label,
    errorStatuses: names.error_statuses,
    latency: names.latency,
    connectorErrors: names.connector_errors,
    goroutines: names.goroutines,
  };
  const labels = sortedRecord(m.labels);
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
      severity: severities[declared.severity ?? severity],
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
      metricNames,
      ...(m.runbook_base_url ? { runbookBaseUrl: m.runbook_base_url.replace(/\/+$/, "") } : {}),
      labels,
      alertLabels: sortedRecord({ ...labels, environment: ctx.environment, team: ctx.team, service: ctx.name }),
      severityMap: severities,
      ruleLabels: sortedRecord(m.rule_labels),
      prometheusAddress: m.prometheus_address ?? DEFAULTS.monitoring.prometheus_address,
      prometheusNamespace: m.prometheus_namespace ?? DEFAULTS.monitoring.prometheus_namespace,
      alerts,
      customAlerts: (alertsSpec.custom ?? [])
        .filter((a) => a.enabled !== false)
        .map((a) => ({
          name: a.name,
          expr: a.expr,
          severity: severities[a.severity ?? "warning"],
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
              objectives: sloObjectives(slo, ctx, metricNames),
              severities: { page: severities.critical, ticket: severities.warning, absent: severities.warning },
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
