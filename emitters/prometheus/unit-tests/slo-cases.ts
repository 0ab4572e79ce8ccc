/**
 * promtool cases for the SLOs. Built-in objectives (availability, latency) are driven by request
 * traffic end to end: their recorded error ratios must equal the share of bad requests fed in (an
 * exact power-of-two share, so the expected value is exact in floating point), and both burn-rate
 * alerts fire, wait for their `for`, and stay silent just below the page and the ticket rates. A
 * custom SLI's queries are the user's: its cases feed the recorded error ratios directly, which
 * proves the burn-rate thresholds; the absent-metric alert fires without series and not while scraped.
 */
import type { Model, SloObjective } from "../../../src/model/model.js";
import { DEFAULT_FOR_SECONDS } from "../defaults.js";
import { pascalCase } from "../promql.js";
import { BURN_ALERTS, SLO_WINDOWS, burnRate, errorBudget, recordName } from "../slo.js";
import { counter, gauge, minutes, series, type Case, type Expected } from "./case-kit.js";

/** The bad share the recording cases feed: 1/2 (bad and good series of equal rate), exact in floating point. */
const RECORDED_SHARE = 0.5;

export function sloCases(m: Model, expected: Expected): Case[] {
  const slo = m.monitoring.slo;
  if (!slo) return [];
  const P = pascalCase(m.name);
  const names = m.monitoring.metricNames;
  const app = { namespace: m.namespace, service: m.name };
  const len = 70;
  const out: Case[] = [];
  const minRate = (b: (typeof BURN_ALERTS)[number]) => Math.min(...b.pairs.map((p) => burnRate(p.share, slo.windowSeconds, p.long)));
  const maxRate = (b: (typeof BURN_ALERTS)[number]) => Math.max(...b.pairs.map((p) => burnRate(p.share, slo.windowSeconds, p.long)));
  const [page, ticket] = BURN_ALERTS;
  const N = 100000;
  /** Input series with `e` of the events bad, for an objective. */
  const traffic = (o: SloObjective, e: number): Case["series"] => {
    const bad = Math.round(e * N);
    if (o.source === "availability") {
      return [
        series(names.requests, { ...app, pod: "a", [names.statusLabel]: "200" }, counter(N - bad, len)),
        series(names.requests, { ...app, pod: "a", [names.statusLabel]: "500" }, counter(bad, len)),
      ];
    }
    if (o.source === "latency") {
      const le = String(slo.latency!.thresholdSeconds);
      return [
        series(`${names.latency}_bucket`, { ...app, pod: "a", le }, counter(N - bad, len)),
        series(`${names.latency}_bucket`, { ...app, pod: "a", le: "+Inf" }, counter(N, len)),
        series(`${names.latency}_count`, { ...app, pod: "a" }, counter(N, len)),
      ];
    }
    // A custom SLI: the recorded error ratio of every window, as the recording rules would write it.
    return SLO_WINDOWS.map((w) => series(recordName(w), { service: m.name, slo: o.slo }, gauge(e, len)));
  };
  for (const o of slo.objectives) {
    const budget = errorBudget(o);
    const fast = `${P}${o.stem}ErrorBudgetBurnFast`;
    const slow = `${P}${o.stem}ErrorBudgetBurnSlow`;
    const labels = o.source === "custom" ? { slo: o.slo } : { ...app, slo: o.slo };
    // Fed recordings hold from the start; traffic's rates from the second sample on (a minute later).
    const pendingAt = o.source === "custom" ? 1 : 2;
    // Just above the highest rate of each severity, just below the lowest: a burn rate moved either way is caught.
    const burning = traffic(o, Math.min(0.9, maxRate(page) * budget * 1.1));
    const ticketing = traffic(o, maxRate(ticket) * budget * 1.1);
    const belowPage = traffic(o, minRate(page) * budget * 0.95);
    const belowTicket = traffic(o, minRate(ticket) * budget * 0.9);
    out.push(
      { name: `${fast} pending before for, then fires`, alert: fast, series: burning, evals: [{ at: pendingAt, alerts: [expected(fast, labels)], state: "pending" }, { at: 30, alerts: [expected(fast, labels)] }] },
      { name: `${fast} silent below the page rates`, alert: fast, series: belowPage, evals: [{ at: 30, alerts: [] }, { at: 60, alerts: [] }] },
      { name: `${fast} silent just above the ticket rates`, alert: fast, series: ticketing, evals: [{ at: 60, alerts: [] }] },
      { name: `${slow} pending before for, then fires below the page rates`, alert: slow, series: ticketing, evals: [{ at: 10, alerts: [expected(slow, labels)], state: "pending" }, { at: 30, alerts: [expected(slow, labels)] }] },
      { name: `${slow} silent below the ticket rates`, alert: slow, series: belowTicket, evals: [{ at: 60, alerts: [] }] },
      { name: `${fast} silent below the ticket rates`, alert: fast, series: belowTicket, evals: [{ at: 60, alerts: [] }] },
    );
    if (o.source !== "custom") {
      out.push({
        name: `${o.slo} SLO records the share of bad events over every window`,
        alert: fast,
        series: traffic(o, RECORDED_SHARE),
        evals: [],
        records: SLO_WINDOWS.map((w) => ({ at: 10, expr: `${recordName(w)}{service="${m.name}",slo="${o.slo}"}`, samples: [{ labels: { ...app, slo: o.slo }, value: RECORDED_SHARE }] })),
      });
    }
  }
  const measured = slo.objectives.filter((o) => o.absent.length);
  if (measured.length) {
    const absent = `${P}SLOMetricsAbsent`;
    const present = measured.flatMap((o) => traffic(o, 0));
    const forMin = minutes(DEFAULT_FOR_SECONDS.slo_absent!);
    out.push(
      {
        name: `${absent} pending before for, then fires`,
        alert: absent,
        series: [series("unrelated_metric", { namespace: m.namespace }, gauge(1, 60))],
        evals: [{ at: forMin - 1, alerts: [expected(absent, app)], state: "pending" }, { at: forMin + 5, alerts: [expected(absent, app)] }],
      },
      { name: `${absent} silent while scraped`, alert: absent, series: present, evals: [{ at: forMin + 5, alerts: [] }] },
    );
  }
  return out;
}
