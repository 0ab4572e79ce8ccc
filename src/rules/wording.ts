import type { Wording } from "../diagnostics/present.js";
import { wordingOf } from "../diagnostics/catalogue/index.js";
import { findRule } from "./registry.js";
import type { Finding, Rule } from "./rule.js";

/**
 * Words a checklist rule's finding: its code is the rule's id, and its message and hint are on
 * the rule (the finding in words, and the rule's fix). Other codes are worded by the catalogue.
 */
export const ruleWording: Wording = (problem) => {
  const rule = problem.rule !== undefined && problem.code === problem.rule ? findRule(problem.rule) : undefined;
  if (!rule?.message || !rule.checklist) return undefined;
  return { message: rule.message(problem.params), hint: rule.advice?.(problem.params) ?? rule.checklist.fix };
};

/** One finding of a rule in words (the checklist report's and JUnit's view of a rule's findings). */
export function describeFinding(rule: Rule, finding: Finding): string {
  if (finding.code) return wordingOf(finding.code, finding.params).message;
  if (!rule.message) throw new Error(`internal: checklist rule ${rule.id} has no message`);
  return rule.message(finding.params);
}
