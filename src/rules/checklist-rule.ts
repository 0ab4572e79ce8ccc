import type { Params } from "../diagnostics/catalogue/index.js";
import type { Model } from "../model/model.js";
import type { Area, Finding, Rule, RuleContext } from "./rule.js";
import type { Severity } from "../diagnostics/diagnostic.js";
import { appEnforcedWhy, isUnverified, unverifiedAdvice, unverifiedFindings, unverifiedMessage, type AppEnforced } from "./app-enforced.js";

/**
 * A checklist rule as its file writes it: one object with its catalogue text beside its check.
 * `check` returns facts; `message` words one finding from its facts (shown by lint and in the
 * checklist report), so a rule's wording is one function, not strings spread through its logic.
 */
export interface ChecklistRuleSpec<P extends Params = Params> {
  id: string;
  area: Area;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  message(params: P): string;
  /** A hint the finding's facts call for, instead of `fix` (e.g. "declare the limit" when it is missing). */
  advice?(params: P): string | undefined;
  /**
   * Findings ([] when the service complies; undefined when the rule does not apply). A finding may
   * be milder than the rule (`severity`): information the rule needs but is missing is a warning.
   */
  check(m: Model, ctx: RuleContext): Array<{ path: Finding["path"]; params: P; severity?: Severity }> | undefined;
  /**
   * The rule judges a setting the application enforces itself: when that setting does not reach
   * the application (`app_settings`), the verdict is "unverified" (src/rules/app-enforced.ts).
   */
  appEnforced?: AppEnforced;
  /** Findings that do not depend on what the application is told, kept beside an unverified one. */
  keepWhenUnverified?(params: P): boolean;
}

/** A production-readiness rule: judged by `lint` and the checklist report, waivable, its fix the hint of every finding. */
export function checklistRule<P extends Params>(spec: ChecklistRuleSpec<P>): Rule {
  const { title, why, fix, message, advice, check, appEnforced, keepWhenUnverified, ...rest } = spec;
  return {
    ...rest,
    stage: "checklist",
    checklist: { title, why: appEnforced ? appEnforcedWhy(why, appEnforced) : why, fix },
    message: (params: Params) => (isUnverified(params) ? unverifiedMessage(params) : message(params as P)),
    ...(advice || appEnforced
      ? { advice: (params: Params) => (isUnverified(params) ? unverifiedAdvice(params) : advice?.(params as P)) }
      : {}),
    check: (m, ctx) => {
      const findings = check(m, ctx);
      if (!findings || !appEnforced) return findings;
      const unverified = unverifiedFindings(m, appEnforced, spec.severity);
      if (!unverified.length) return findings;
      return [...findings.filter((f) => keepWhenUnverified?.(f.params) ?? false), ...unverified];
    },
  };
}
