import type { Model } from "../model/model.js";
import type { Area, Finding, Rule, RuleContext } from "./rule.js";
import type { Severity } from "../diagnostics/diagnostic.js";

/** A checklist rule as its file writes it: one object with its catalogue text beside its check. */
export interface ChecklistRuleSpec {
  id: string;
  area: Area;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  check(m: Model, ctx: RuleContext): Array<Omit<Finding, "hint">> | undefined;
}

/** A production-readiness rule: judged by `lint` and the checklist report, waivable, its fix the hint of every finding. */
export function checklistRule(spec: ChecklistRuleSpec): Rule {
  const { title, why, fix, check, ...rest } = spec;
  return {
    ...rest,
    stage: "checklist",
    checklist: { title, why, fix },
    check: (m, ctx) => check(m, ctx)?.map((f) => ({ ...f, hint: fix })),
  };
}
