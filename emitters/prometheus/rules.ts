/** Prometheus rule types and the one builder every alert goes through (labels, annotations, runbook link). */
import type { Alert, Model } from "../../src/model/model.js";
import { pascalCase, promDuration } from "./promql.js";

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  name: string;
  rules: Rule[];
}

export interface AlertDraft {
  /** The name after the service's PascalCase prefix, e.g. `HighErrorRate`. */
  suffix: string;
  severity: Alert["severity"];
  expr: string;
  forSeconds: number;
  summary: string;
  description: string;
  /** Extra rule labels (e.g. `slo`), besides severity, environment, team, service and `monitoring.labels`. */
  labels?: Record<string, string>;
}

/** The full alert name: `<ServicePascalCase><suffix>`. */
export function alertName(m: Model, suffix: string): string {
  return pascalCase(m.name) + suffix;
}

/** `<runbook_base_url>/<alertname-lowercase>`, when a base URL is set. */
export function runbookUrl(m: Model, alert: string): string | undefined {
  return m.monitoring.runbookBaseUrl ? `${m.monitoring.runbookBaseUrl}/${alert.toLowerCase()}` : undefined;
}

/**
 * An alerting rule with berth's labels (the Model's `alertLabels`: the manifest's `monitoring.labels`,
 * then environment, team and service, which they cannot override; then severity), sorted by key, and
 * annotations summary, description, runbook_url. Every alert goes through here, so each carries them.
 */
export function alertingRule(m: Model, draft: AlertDraft): AlertingRule {
  const alert = alertName(m, draft.suffix);
  return finishAlert(m, { alert, expr: draft.expr, forSeconds: draft.forSeconds, severity: draft.severity, summary: draft.summary, description: draft.description, labels: draft.labels });
}

export function finishAlert(
  m: Model,
  a: { alert: string; expr: string; forSeconds?: number; severity: Alert["severity"]; summary?: string; description?: string; labels?: Record<string, string> },
): AlertingRule {
  const labels = sortKeys({ ...m.monitoring.alertLabels, ...a.labels, severity: a.severity });
  const runbook = runbookUrl(m, a.alert);
  const annotations: Record<string, string> = {};
  if (a.summary) annotations.summary = a.summary;
  if (a.description) annotations.description = a.description;
  if (runbook) annotations.runbook_url = runbook;
  return {
    alert: a.alert,
    expr: a.expr,
    ...(a.forSeconds ? { for: promDuration(a.forSeconds) } : {}),
    labels,
    annotations,
  };
}

export function sortKeys(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

/** The number parameter `key` of an alert (normalization has applied the defaults). */
export function param(alert: Alert, key: string): number {
  const value = alert.params[key];
  if (typeof value !== "number") throw new Error(`alert ${alert.kind}: parameter ${key} is not a number (${String(value)})`);
  return value;
}
