/**
 * The dashboard's PromQL, built from the same selectors as the alert rules (src/promql/scope.ts) and
 * the Model's facts: the service's request counter and latency histogram, its pods (kube-state-metrics,
 * the kubelet's cAdvisor), its SLO indicators and its Velero schedules. Ranges are fixed (`5m`, `1h`)
 * rather than Grafana's `$__rate_interval`, so every query is plain PromQL that promtool can check.
 */
import type { Model, SloObjective } from "../../src/model/model.js";
import { APP_BY, appMatchers, atWindow, errorRatioTemplate, podPattern } from "../../src/promql/scope.js";
import { num, promDuration, regexLiteral, selector } from "../../src/promql/text.js";

export const RATE = "5m";

/** Requests per second by status. */
export function traffic(m: Model): string {
  const names = m.monitoring.metricNames;
  return `sum by (${names.statusLabel}) (rate(${selector(names.requests, appMatchers(m))}[${RATE}]))`;
}

/** Failed over all requests (the error-rate alert's ratio). */
export function errorRatio(m: Model): string {
  return atWindow(errorRatioTemplate(m, m.monitoring.metricNames), RATE);
}

/** The request latency at `quantile`, from the histogram. */
export function latencyQuantile(m: Model, quantile: number): string {
  return `histogram_quantile(${num(quantile)}, sum by (le, ${APP_BY}) (rate(${selector(`${m.monitoring.metricNames.latency}_bucket`, appMatchers(m))}[${RATE}])))`;
}

/** The quantiles the latency panel plots: the usual ones and the latency alert's own. */
export function latencyQuantiles(m: Model): number[] {
  const alert = m.monitoring.alerts.find((a) => a.kind === "latency")?.params.quantile;
  return [...new Set([0.5, 0.9, 0.99, ...(typeof alert === "number" ? [alert] : [])])].sort((a, b) => a - b);
}

const podMatchers = (m: Model) =>
  [
    ["namespace", "=", m.namespace],
    ["pod", "=~", podPattern(m)],
  ] as const;

/** CPU cores used per pod (cAdvisor, through the kubelet). */
export function cpuUsage(m: Model): string {
  return `sum by (pod) (rate(${selector("container_cpu_usage_seconds_total", [...podMatchers(m), ["container", "!=", ""]])}[${RATE}]))`;
}

/** Working-set memory per pod (cAdvisor, through the kubelet). */
export function memoryUsage(m: Model): string {
  return `sum by (pod) (${selector("container_memory_working_set_bytes", [...podMatchers(m), ["container", "!=", ""]])})`;
}

/** Container restarts per pod over the last hour (kube-state-metrics). */
export function restarts(m: Model): string {
  return `sum by (pod) (increase(${selector("kube_pod_container_status_restarts_total", podMatchers(m))}[1h]))`;
}

/** Ready pods (kube-state-metrics), against the disruption budget's minimum. */
export function readyPods(m: Model): string {
  return `sum(${selector("kube_pod_status_ready", [...podMatchers(m), ["condition", "=", "true"]])})`;
}

/** How fast an objective spends its error budget over a window: its error ratio over the budget. */
export function burnRate(o: SloObjective, windowSeconds: number): string {
  return `(${atWindow(o.errorRatio, promDuration(windowSeconds))}) / ${num(budget(o))}`;
}

/** The share of the error budget left over the SLO window. */
export function budgetRemaining(o: SloObjective, windowSeconds: number): string {
  return `1 - (${atWindow(o.errorRatio, promDuration(windowSeconds))}) / ${num(budget(o))}`;
}

const budget = (o: SloObjective) => Number((1 - o.target).toPrecision(12));

/**
 * Seconds since each Velero schedule's last successful backup: the Velero Schedules there are (the
 * recovery plan's, the schedules covering `velero`), not a database-only schedule, which has none.
 */
export function backupAge(m: Model): string | undefined {
  const names = [...(m.recovery?.restore.veleroSchedules ?? [])].sort();
  if (!names.length) return undefined;
  return `time() - max by (schedule) (${selector("velero_backup_last_successful_timestamp", [["schedule", "=~", names.map(regexLiteral).join("|")]])})`;
}
