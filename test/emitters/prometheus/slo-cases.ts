// promtool cases for the SLO alerts: both burn-rate alerts of each objective (firing, pending, silent just
// below the page and the ticket rates, scaled to the SLO window) and the absent-metric alert.
import type { Model } from "../../../src/model/model.js";
import { DEFAULT_FOR_SECONDS } from "../../../emitters/prometheus/defaults.js";
import { pascalCase } from "../../../emitters/prometheus/promql.js";
import { BURN_ALERTS, burnRate } from "../../../emitters/prometheus/slo.js";
import { counter, gauge, minutes, series, type Case, type Expected } from "./case-kit.js";

export function sloCases(m: Model, expected: Expected): Case[] {
  const slo = m.monitoring.slo;
  if (!slo) return [];
  const P = pascalCase(m.name);
  const names = m.monitoring.metricNames;
  const app = { namespace: m.namespace, service: m.name };
  const len = 70;
  const out: Case[] = [];
  const minRate = (b: (typeof BURN_ALERTS)[number]) => Math.min(...b.pairs.map((p) => burnRate(p.share, slo.windowSeconds, p.long)));
  const [page, ticket] = BURN_ALERTS;
  const objectives: Array<{ slo: "availability" | "latency"; target: number; traffic: (errorShare: number) => Case["series"] }> = [];
  if (slo.availability !== undefined) {
    objectives.push({
      slo: "availability",
      target: slo.availability,
      traffic: (e) => [
        series(names.requests, { ...app, pod: "a", [names.statusLabel]: "200" }, counter(100000 - Math.round(e * 100000), len)),
        series(names.requests, { ...app, pod: "a", [names.statusLabel]: "500" }, counter(Math.round(e * 100000), len)),
      ],
    });
  }
  if (slo.latency) {
    const le = String(slo.latency.thresholdSeconds);
    objectives.push({
      slo: "latency",
      target: slo.latency.objective,
      traffic: (e) => [
        series(`${names.latency}_bucket`, { ...app, pod: "a", le }, counter(100000 - Math.round(e * 100000), len)),
        series(`${names.latency}_bucket`, { ...app, pod: "a", le: "+Inf" }, counter(100000, len)),
        series(`${names.latency}_count`, { ...app, pod: "a" }, counter(100000, len)),
      ],
    });
  }
  for (const o of objectives) {
    const budget = 1 - o.target;
    const stem = o.slo === "availability" ? "Availability" : "Latency";
    const fast = `${P}${stem}ErrorBudgetBurnFast`;
    const slow = `${P}${stem}ErrorBudgetBurnSlow`;
    const labels = { ...app, slo: o.slo };
    const maxRate = Math.max(...page.pairs.map((p) => burnRate(p.share, slo.windowSeconds, p.long)));
    const burning = o.traffic(Math.min(0.9, maxRate * budget * 1.5));
    const belowPage = o.traffic(minRate(page) * budget * 0.95);
    const belowTicket = o.traffic(minRate(ticket) * budget * 0.9);
    out.push(
      { name: `${fast} pending before for, then fires`, alert: fast, series: burning, evals: [{ at: 2, alerts: [] }, { at: 30, alerts: [expected(fast, labels)] }] },
      { name: `${fast} silent below the page rates`, alert: fast, series: belowPage, evals: [{ at: 30, alerts: [] }, { at: 60, alerts: [] }] },
      { name: `${slow} pending before for, then fires below the page rates`, alert: slow, series: belowPage, evals: [{ at: 10, alerts: [] }, { at: 30, alerts: [expected(slow, labels)] }] },
      { name: `${slow} silent below the ticket rates`, alert: slow, series: belowTicket, evals: [{ at: 60, alerts: [] }] },
      { name: `${fast} silent below the ticket rates`, alert: fast, series: belowTicket, evals: [{ at: 60, alerts: [] }] },
    );
  }
  if (objectives.length) {
    const absent = `${P}SLOMetricsAbsent`;
    const present = objectives.flatMap((o) => o.traffic(0));
    const forMin = minutes(DEFAULT_FOR_SECONDS.slo_absent!);
    out.push(
      {
        name: `${absent} pending before for, then fires`,
        alert: absent,
        series: [series("unrelated_metric", { namespace: m.namespace }, gauge(1, 60))],
        evals: [{ at: forMin - 1, alerts: [] }, { at: forMin + 5, alerts: [expected(absent, app)] }],
      },
      { name: `${absent} silent while scraped`, alert: absent, series: present, evals: [{ at: forMin + 5, alerts: [] }] },
    );
  }
  return out;
}
