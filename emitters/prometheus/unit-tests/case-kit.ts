/**
 * Building blocks of the shipped promtool unit tests: input series notation, expected alerts and
 * recorded values, and the test file itself.
 *
 * Alerts are asserted through the `ALERTS` series (`promql_expr_test`), not `alert_rule_test`: that
 * checks the alert's full label set and its state (pending before `for` elapses, then firing) while
 * leaving annotations to the rules file, so a reworded description never breaks a user's CI and a
 * changed threshold always does.
 */
import { str } from "../promql.js";

export interface RuleLike {
  alert?: string;
  record?: string;
  for?: string;
  labels?: Record<string, string>;
}

export type AlertState = "pending" | "firing";

export interface Case {
  name: string;
  /** The alert the case is about ("" for a recording-rule case). */
  alert: string;
  series: Array<{ series: string; values: string }>;
  /** Eval times in minutes, each with the label sets of the alerts expected then (and their state, firing unless said). */
  evals: Array<{ at: number; alerts: Array<Record<string, string>>; state?: AlertState }>;
  /** Recording-rule expectations: a selector of the recorded series, its labels and value at a time. */
  records?: Array<{ at: number; expr: string; samples: Array<{ labels: Record<string, string>; value: number }> }>;
}

export type Expected = (alert: string, labels: Record<string, string>) => Record<string, string>;

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${str(v)}`)
    .join(",");

export const series = (metric: string, labels: Record<string, string>, values: string) => ({
  series: `${metric}{${labelText(labels)}}`,
  values,
});
/** A counter growing by `perMinute` every minute for `minutes`. */
export const counter = (perMinute: number, minutes: number) => `0+${perMinute}x${minutes}`;
export const gauge = (value: number, minutes: number) => `${value}+0x${minutes}`;
export const minutes = (seconds: number) => Math.ceil(seconds / 60);

/** The labels an alert fires with: its rule's (the one whose own labels agree with `labels`), plus `labels`. */
export function expectedFrom(rules: RuleLike[]): Expected {
  return (alert, labels) => {
    const rule = rules.find((r) => r.alert === alert && Object.entries(r.labels ?? {}).every(([k, v]) => labels[k] === undefined || labels[k] === v));
    if (!rule) throw new Error(`prometheus tests: no rule ${alert} matching ${JSON.stringify(labels)}`);
    return { ...rule.labels, ...labels };
  };
}

/** `ALERTS{alertname="X",alertstate="firing",…}`, labels sorted as Prometheus prints them. */
function alertsSeries(alert: string, state: AlertState, labels: Record<string, string>): string {
  const all: Record<string, string> = { ...labels, alertname: alert, alertstate: state };
  const sorted = Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]!]));
  return `ALERTS{${labelText(sorted)}}`;
}

/** The promtool test file for the cases, against `ruleFile` (a path relative to the test file). */
export function promtoolTests(ruleFile: string, cases: Case[]): unknown {
  return {
    rule_files: [ruleFile],
    evaluation_interval: "1m",
    tests: cases.map((c) => ({
      name: c.name,
      interval: "1m",
      input_series: c.series,
      promql_expr_test: [
        ...c.evals.map((e) => ({
          expr: `ALERTS{alertname=${str(c.alert)}}`,
          eval_time: `${e.at}m`,
          exp_samples: e.alerts.map((labels) => ({ labels: alertsSeries(c.alert, e.state ?? "firing", labels), value: 1 })),
        })),
        ...(c.records ?? []).map((r) => ({
          expr: r.expr,
          eval_time: `${r.at}m`,
          exp_samples: r.samples.map((s) => ({ labels: `${r.expr.replace(/\{.*$/, "")}{${labelText(s.labels)}}`, value: s.value })),
        })),
      ],
    })),
  };
}
