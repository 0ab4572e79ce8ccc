/**
 * The SLO objectives of one environment, each with its indicator as a PromQL template: the built-in
 * availability (failed over all requests) and latency (requests slower than the threshold over all,
 * from the histogram) objectives, then the manifest's custom ones by name (`bad/total`, or
 * `1 - good/total`). The prometheus emitter records and alerts on them; the dashboard plots them.
 */
import type { Model, SloObjective } from "./model.js";
import type { CustomSliSpec, MonitoringSpec } from "./spec.js";
import { byKey } from "./order.js";
import { parseDuration, parseRatio } from "./units.js";
import { APP_BY, WINDOW, appMatchers, errorRatioTemplate, type ServiceScope } from "../promql/scope.js";
import { leMatcher, pascalCase, selector } from "../promql/text.js";

export function sloObjectives(slo: NonNullable<MonitoringSpec["slo"]>, scope: ServiceScope, names: Model["monitoring"]["metricNames"]): SloObjective[] {
  const out: SloObjective[] = [];
  if (slo.availability) {
    out.push({
      slo: "availability",
      stem: "Availability",
      source: "availability",
      target: parseRatio(slo.availability),
      errorRatio: errorRatioTemplate(scope, names),
      absent: [selector(names.requests, appMatchers(scope))],
    });
  }
  if (slo.latency) {
    const fast = selector(`${names.latency}_bucket`, [...appMatchers(scope), leMatcher(parseDuration(slo.latency.threshold))]);
    const all = selector(`${names.latency}_count`, appMatchers(scope));
    out.push({
      slo: "latency",
      stem: "Latency",
      source: "latency",
      target: parseRatio(slo.latency.objective),
      errorRatio: `1 - (sum by (${APP_BY}) (rate(${fast}[${WINDOW}])) / sum by (${APP_BY}) (rate(${all}[${WINDOW}])))`,
      absent: [all],
    });
  }
  for (const c of [...(slo.custom ?? [])].sort(byKey((c) => c.name))) out.push(customObjective(c));
  return out;
}

/**
 * A custom SLI: `(bad) / (total)`, or `1 - (good) / (total)`; the user's queries are taken as written.
 * With neither (or both) given, the slo-queries rule reports it; normalization still gives a value.
 */
function customObjective(c: CustomSliSpec): SloObjective {
  return {
    slo: c.name,
    stem: pascalCase(c.name),
    source: "custom",
    target: parseRatio(c.objective),
    errorRatio: c.bad !== undefined ? `(${c.bad.trim()}) / (${c.total.trim()})` : `1 - (${(c.good ?? c.total).trim()}) / (${c.total.trim()})`,
    absent: [],
  };
}
