/**
 * SLOs as recording rules and multi-window, multi-burn-rate alerts (Google SRE workbook, ch. 5).
 *
 * Each objective records its error ratio over 5m, 30m, 1h, 2h, 6h, 1d and 3d as
 * `slo:sli_error:ratio_rate<window>{service, slo}`. The alerts spend the same share of the error
 * budget as the workbook's 30-day table, whatever the SLO window: a burn rate is
 * `budget share × SLO window / long window` (30d: 2% in 1h = 14.4×, 5% in 6h = 6×, 10% in 1d = 3×,
 * 10% in 3d = 1×; 28d: 13.44×, 5.6×, 2.8×, 0.933×). Page (critical in production) when both the long
 * and the short window burn faster than the page rates, ticket (warning) likewise for the ticket rates;
 * the environment's tier rewrites both severities (`monitoring.slo.severities` on the Model).
 */
import type { Model, SloObjective } from "../../src/model/model.js";
import { atWindow } from "../../src/promql/scope.js";
import { DEFAULT_FOR_SECONDS } from "./defaults.js";
import { num, promDuration } from "./promql.js";
import { alertingRule, type AlertingRule, type RecordingRule, type Rule } from "./rules.js";

const H = 3600;
export const SLO_WINDOWS = [300, 1800, H, 2 * H, 6 * H, 24 * H, 72 * H] as const;

/** Pairs of (long, short) windows with the budget share each may spend; `level` picks the environment's severity. */
export const BURN_ALERTS = [
  { suffix: "Fast", level: "page", kind: "slo_page", pairs: [{ share: 0.02, long: H, short: 300 }, { share: 0.05, long: 6 * H, short: 1800 }] },
  { suffix: "Slow", level: "ticket", kind: "slo_ticket", pairs: [{ share: 0.1, long: 24 * H, short: 2 * H }, { share: 0.1, long: 72 * H, short: 6 * H }] },
] as const;

/** The objectives' indicators, from the Model (built-in and custom alike). */
export function objectives(m: Model): SloObjective[] {
  return m.monitoring.slo?.objectives ?? [];
}

/** An objective's error ratio over a window. */
export function errorRatio(o: SloObjective, windowSeconds: number): string {
  return atWindow(o.errorRatio, promDuration(windowSeconds));
}

export const recordName = (windowSeconds: number) => `slo:sli_error:ratio_rate${promDuration(windowSeconds)}`;

/** The burn rate that spends `share` of the budget in `long` seconds of a `window`-second SLO. */
export function burnRate(share: number, windowSeconds: number, longSeconds: number): number {
  return Number(((share * windowSeconds) / longSeconds).toPrecision(6));
}

/** The error budget of an objective: 1 - target, without float noise. */
export function errorBudget(o: SloObjective): number {
  return Number((1 - o.target).toPrecision(12));
}

export function sloRules(m: Model): Rule[] {
  const slo = m.monitoring.slo;
  if (!slo) return [];
  const list = objectives(m);
  const records: RecordingRule[] = list.flatMap((o) =>
    SLO_WINDOWS.map((w) => ({ record: recordName(w), expr: errorRatio(o, w), labels: { service: m.name, slo: o.slo } })),
  );
  const alerts: AlertingRule[] = list.flatMap((o) => BURN_ALERTS.map((b) => burnAlert(m, o, b, slo.windowSeconds)));
  if (list.some((o) => o.absent.length)) alerts.push(absentAlert(m, list));
  return [...records, ...alerts];
}

function burnAlert(m: Model, o: SloObjective, b: (typeof BURN_ALERTS)[number], windowSeconds: number): AlertingRule {
  const budget = errorBudget(o);
  const match = `{service="${m.name}",slo="${o.slo}"}`;
  const conditions = b.pairs.map((p) => {
    const limit = `(${num(burnRate(p.share, windowSeconds, p.long))} * ${num(budget)})`;
    return `(\n  ${recordName(p.long)}${match} > ${limit}\nand\n  ${recordName(p.short)}${match} > ${limit}\n)`;
  });
  const rates = b.pairs.map((p) => `${num(burnRate(p.share, windowSeconds, p.long))}× over ${promDuration(p.long)}/${promDuration(p.short)}`).join(", ");
  return alertingRule(m, {
    suffix: `${o.stem}ErrorBudgetBurn${b.suffix}`,
    severity: m.monitoring.slo!.severities[b.level],
    expr: conditions.join("\nor\n") + "\n",
    forSeconds: DEFAULT_FOR_SECONDS[b.kind]!,
    labels: { slo: o.slo },
    summary: `${m.name}: the ${o.slo} SLO (${num(o.target * 100)}% over ${promDuration(windowSeconds)}) burns its error budget ${b.suffix === "Fast" ? "fast" : "steadily"}.`,
    description: `${m.name}'s ${o.slo} error ratio is {{ $value | humanizePercentage }}, above the burn-rate limits (${rates}) for a ${num(budget * 100)}% error budget.`,
  });
}

/** The built-in objectives' metrics missing (a custom SLI's metrics are the user's: its queries are taken as written). */
function absentAlert(m: Model, list: SloObjective[]): AlertingRule {
  const series = [...new Set(list.flatMap((o) => o.absent))];
  return alertingRule(m, {
    suffix: "SLOMetricsAbsent",
    severity: m.monitoring.slo!.severities.absent,
    expr: series.map((s) => `absent(${s})`).join(" or "),
    forSeconds: DEFAULT_FOR_SECONDS.slo_absent!,
    summary: `${m.name}: the metrics its SLOs are computed from are missing.`,
    description: `Prometheus has no ${series.map((s) => s.replace(/\{.*$/, "")).join(" or ")} series for ${m.name}: the SLO alerts cannot fire (scraping broken, or the metric renamed).`,
  });
}
