/** Alerts on the service's own metrics: 5xx ratio, latency quantile, connector errors, goroutines/threads. */
import type { Alert, Model } from "../../src/model/model.js";
import { DEFAULT_FOR_SECONDS, RATE_WINDOW_SECONDS } from "./defaults.js";
import { num, promDuration, selector } from "./promql.js";
import { alertingRule, param, type AlertingRule } from "./rules.js";
import { APP_BY, appMatchers } from "./scope.js";
import { atWindow, errorRatioTemplate } from "../../src/promql/scope.js";

const forOf = (a: Alert) => a.forSeconds ?? DEFAULT_FOR_SECONDS[a.kind]!;

/** Failed over all requests over a window, summed before dividing (src/promql/scope.ts). */
export function errorRatioExpr(m: Model, windowSeconds: number): string {
  return atWindow(errorRatioTemplate(m, m.monitoring.metricNames), promDuration(windowSeconds));
}

export function errorRateAlert(m: Model, a: Alert): AlertingRule {
  const above = param(a, "above");
  return alertingRule(m, {
    suffix: "HighErrorRate",
    severity: a.severity,
    expr: `${errorRatioExpr(m, RATE_WINDOW_SECONDS)} > ${num(above)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: more than ${num(above * 100)}% of requests fail with a 5xx.`,
    description: `{{ $value | humanizePercentage }} of ${m.name}'s requests answered with a 5xx over the last ${promDuration(RATE_WINDOW_SECONDS)} (threshold ${num(above * 100)}%).`,
  });
}

export function latencyAlert(m: Model, a: Alert): AlertingRule {
  const quantile = param(a, "quantile");
  const above = param(a, "above");
  const hist = m.monitoring.metricNames.latency;
  const w = promDuration(RATE_WINDOW_SECONDS);
  const p = `p${num(quantile * 100)}`;
  return alertingRule(m, {
    suffix: "HighLatency",
    severity: a.severity,
    expr: `histogram_quantile(${num(quantile)}, sum by (le, ${APP_BY}) (rate(${selector(`${hist}_bucket`, appMatchers(m))}[${w}]))) > ${num(above)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: ${p} latency above ${promDuration(above)}.`,
    description:
      `${m.name}'s ${p} request latency is {{ $value | humanizeDuration }} (threshold ${promDuration(above)}). ` +
      `The quantile is interpolated inside histogram buckets: the threshold is exact only when ${hist} has a bucket boundary le="${num(above)}".`,
  });
}

export function connectorErrorsAlert(m: Model, a: Alert): AlertingRule {
  const above = param(a, "above");
  const metric = m.monitoring.metricNames.connectorErrors;
  return alertingRule(m, {
    suffix: "ConnectorErrors",
    severity: a.severity,
    expr: `sum by (${APP_BY}) (rate(${selector(metric, appMatchers(m))}[${promDuration(RATE_WINDOW_SECONDS)}])) > ${num(above)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: errors talking to external dependencies.`,
    description: `${m.name} reports {{ $value | humanize }} connector errors per second (${metric}; threshold ${num(above)}/s).`,
  });
}

export function goroutineLeakAlert(m: Model, a: Alert): AlertingRule {
  const above = param(a, "above");
  const metric = m.monitoring.metricNames.goroutines;
  return alertingRule(m, {
    suffix: "GoroutineLeak",
    severity: a.severity,
    expr: `max by (${APP_BY}, pod) (${selector(metric, appMatchers(m))}) > ${num(above)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: goroutines or threads keep growing.`,
    description: `Pod {{ $labels.pod }} runs {{ $value | humanize }} goroutines/threads (${metric}; threshold ${num(above)}): likely a leak.`,
  });
}
