import type { Code, ParamsOf } from "../diagnostics/catalogue/index.js";
import type { DataPath, Severity } from "../diagnostics/diagnostic.js";
import type { LocateTarget } from "../diagnostics/locate.js";
import type { Model } from "../model/model.js";
import type { Area, Finding, Rule, RuleContext } from "./rule.js";

/** What a validation rule's body sees: the Model, the written view, and a way to report. */
export interface ValidationContext extends RuleContext {
  readonly model: Model;
  report<C extends Code>(code: C, path: DataPath, params: ParamsOf<C>, options?: { severity?: Severity; target?: LocateTarget; redact?: boolean }): void;
}

export interface ValidationRuleSpec {
  id: string;
  area?: Area;
  severity?: Severity;
  scope?: "manifest" | "environment";
  checklist?: Rule["checklist"];
  check(ctx: ValidationContext): void;
}

/** A rule of meaning the schema cannot express, written as a body that reports what it finds: a catalogue code and its facts. */
export function validationRule(spec: ValidationRuleSpec): Rule {
  return {
    id: spec.id,
    area: spec.area ?? "manifest",
    severity: spec.severity ?? "error",
    stage: "validate",
    ...(spec.scope ? { scope: spec.scope } : {}),
    ...(spec.checklist ? { checklist: spec.checklist } : {}),
    check(model, ctx) {
      const findings: Finding[] = [];
      spec.check({
        ...ctx,
        model,
        report: (code, path, params, options = {}) => findings.push({ code, path, params, ...options }),
      });
      return findings;
    },
  };
}
