import { validationRule } from "../validation-rule.js";

const WINDOW = "{{.window}}";

/**
 * A custom SLI counts good (or bad) events against all events, each a rate over the window the
 * burn-rate alert evaluates: one of `good`/`bad`, and `{{.window}}` in every query (without it the
 * fast and slow windows would compute the same ratio and the multi-window alert would mean nothing).
 */
export const sloQueries = validationRule({
  id: "slo-queries",
  area: "observability",
  check({ spec, report }) {
    (spec.monitoring?.slo?.custom ?? []).forEach((sli, i) => {
      if ((sli.good === undefined) === (sli.bad === undefined)) {
        report("SLI_QUERIES", ["monitoring", "slo", "custom", i], { slo: sli.name, reason: "good-or-bad" }, { target: "key" });
      }
      for (const field of ["good", "bad", "total"] as const) {
        const query = sli[field];
        if (query !== undefined && !query.includes(WINDOW)) report("SLI_QUERIES", ["monitoring", "slo", "custom", i, field], { slo: sli.name, reason: "no-window", query: field });
      }
    });
  },
});
