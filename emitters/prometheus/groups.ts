/**
 * The service's rule groups: `<service>.rules` (one alert per declared kind, in the model's kind
 * order, then custom alerts by name) and `<service>.slo` (recording rules before the alerts that read them).
 */
import type { Alert, Model } from "../../src/model/model.js";
import { connectorErrorsAlert, errorRateAlert, goroutineLeakAlert, latencyAlert } from "./app-alerts.js";
import { backupAlerts, replicationLagAlert } from "./data-alerts.js";
import { certificateExpiryAlert, diskUsageAlert, podAvailabilityAlert, restartsAlert } from "./platform-alerts.js";
import { finishAlert, type AlertingRule, type RuleGroup } from "./rules.js";
import { sloRules } from "./slo.js";

type Build = (m: Model, a: Alert) => AlertingRule | AlertingRule[] | undefined;

const BUILDERS: Record<string, Build> = {
  error_rate: errorRateAlert,
  latency: latencyAlert,
  restarts: restartsAlert,
  certificate_expiry: certificateExpiryAlert,
  disk_usage: diskUsageAlert,
  replication_lag: replicationLagAlert,
  backup_failure: backupAlerts,
  connector_errors: connectorErrorsAlert,
  goroutine_leak: goroutineLeakAlert,
  pod_availability: podAvailabilityAlert,
};

export function alertRules(m: Model): AlertingRule[] {
  const out: AlertingRule[] = [];
  for (const a of m.monitoring.alerts) {
    const build = BUILDERS[a.kind];
    if (!build) throw new Error(`prometheus: no rule for alert kind ${a.kind}`);
    const built = build(m, a);
    if (built) out.push(...(Array.isArray(built) ? built : [built]));
  }
  for (const c of m.monitoring.customAlerts) {
    out.push(finishAlert(m, { alert: c.name, expr: c.expr, forSeconds: c.forSeconds, severity: c.severity, summary: c.summary, description: c.description }));
  }
  return out;
}

export function ruleGroups(m: Model): RuleGroup[] {
  const groups: RuleGroup[] = [];
  const alerts = alertRules(m);
  if (alerts.length) groups.push({ name: `${m.name}.rules`, rules: alerts });
  const slo = sloRules(m);
  if (slo.length) groups.push({ name: `${m.name}.slo`, rules: slo });
  return groups;
}
