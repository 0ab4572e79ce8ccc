// Building blocks of the promtool unit-test cases: input series notation, expected alerts, the test file.

export interface RuleLike {
  alert?: string;
  record?: string;
  for?: string;
  labels?: Record<string, string>;
}

export interface Case {
  name: string;
  alert: string;
  series: Array<{ series: string; values: string }>;
  /** Eval times in minutes, each with the label sets of the alerts expected to fire then. */
  evals: Array<{ at: number; alerts: Array<Record<string, string>> }>;
}

export type Expected = (alert: string, labels: Record<string, string>) => Record<string, string>;

export const series = (metric: string, labels: Record<string, string>, values: string) => ({
  series: `${metric}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}}`,
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
    if (!rule) throw new Error(`test setup: no rule ${alert} matching ${JSON.stringify(labels)}`);
    return { ...rule.labels, ...labels };
  };
}

/** The promtool test file for the cases, against `ruleFile`. */
export function promtoolTests(ruleFile: string, cases: Case[]): unknown {
  return {
    rule_files: [ruleFile],
    evaluation_interval: "1m",
    tests: cases.map((c) => ({
      name: c.name,
      interval: "1m",
      input_series: c.series,
      alert_rule_test: c.evals.map((e) => ({
        eval_time: `${e.at}m`,
        alertname: c.alert,
        exp_alerts: e.alerts.map((labels) => ({ exp_labels: labels })),
      })),
    })),
  };
}
