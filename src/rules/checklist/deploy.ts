import { checklistRule } from "../checklist-rule.js";

export const autoRevert = checklistRule({
  id: "auto-revert",
  area: "deploy",
  severity: "warning",
  title: "A failed deploy reverts by itself",
  why: "Without automatic revert, a bad version keeps serving until someone notices and acts.",
  fix: "Keep `deploy.auto_revert: true` (and, for blue-green or canary, declare metrics so the error-rate analysis can run).",
  check: (m) => {
    if (!m.deploy.autoRevert) return [{ path: ["deploy", "auto_revert"], message: "auto_revert is off" }];
    if (m.deploy.strategy !== "rolling" && !m.monitoring.metrics) {
      return [{ path: ["deploy", "strategy"], message: `${m.deploy.strategy} reverts only on the health timeout: no metrics for an error-rate analysis` }];
    }
    return [];
  },
});
