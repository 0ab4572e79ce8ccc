import type HandlebarsTypes from "handlebars";
import runtime from "handlebars/runtime.js";
import { renderRecovery } from "../../src/markdown/recovery.js";
import { modelChecklist } from "../../src/rules/evaluate.js";
import { generatedHeader, headerText } from "../../src/output/header.js";
import type { Emitter } from "../types.js";
import template from "../../src/generated/checklist-template.js";
import { reportJson, reportView } from "./report-view.js";

const Handlebars = runtime as unknown as typeof HandlebarsTypes;
let render: HandlebarsTypes.TemplateDelegate | undefined;

/**
 * The production-readiness report committed beside each environment's output: checklist.md for
 * reviewers (a summary line, pass/fail/waived per rule by area, attestations, waivers) and
 * checklist.json for tools. Waiver expiry is listed, never judged: the output must not depend on
 * the clock (`berth lint` judges it).
 */
export const checklistEmitter: Emitter = {
  name: "checklist",
  description: "production-readiness report (checklist.md and checklist.json)",
  roots: ["checklist.md", "checklist.json"],
  emit(model, ctx) {
    const report = modelChecklist(model);
    // checklist.md.hbs, precompiled by the build (only Handlebars' runtime loads here).
    render ??= Handlebars.template(template);
    // The recovery promise (what is backed up, how often, for how long, the RPO achieved) one heading level down.
    const plan = model.recovery;
    const recovery = plan ? renderRecovery(plan).replace(/^(#+) /gm, "#$1 ").trimEnd() : undefined;
    const markdown = render({ ...reportView(model, report, generatedHeader(ctx.source, "markdown").trimEnd()), recovery });
    return [
      { path: "checklist.md", content: markdown.replace(/\n{3,}/g, "\n\n").trimEnd() + "\n" },
      { path: "checklist.json", content: reportJson(report, headerText(ctx.source)) },
    ];
  },
};
