import { checklistRule } from "../checklist-rule.js";

export const autoRevert = checklistRule<{ reason: "off" } | { reason: "no-metrics"; strategy: string }>({
  id: "auto-revert",
  area: "deploy",
  severity: "warning",
  title: "A failed deploy reverts by itself",
  why: "Without automatic revert, a bad version keeps serving until someone notices and acts.",
  fix: "Keep `deploy.auto_revert: true` (and, for blue-green or canary, declare metrics so the error-rate analysis can run).",
  message: (p) => (p.reason === "off" ? "auto_revert is off" : `${p.strategy} reverts only on the health timeout: no metrics for an error-rate analysis`),
  check: (m) => {
    if (!m.deploy.autoRevert) return [{ path: ["deploy", "auto_revert"], params: { reason: "off" } }];
    if (m.deploy.strategy !== "rolling" && !m.monitoring.metrics) {
      return [{ path: ["deploy", "strategy"], params: { reason: "no-metrics", strategy: m.deploy.strategy } }];
    }
    return [];
  },
});
