import { checklistRule } from "../checklist-rule.js";

type AutoRevertParams = { reason: "off" } | { reason: "no-metrics"; strategy: string } | { reason: "rolling" };

/**
 * True on the path the service is deployed by. Argo Rollouts (blue-green, canary) aborts a failed
 * rollout in the cluster, whoever applied it. A rolling Deployment only stops progressing: it is
 * rolled back by `helm upgrade --atomic` alone; applied with `kubectl apply -k` or by GitOps, the
 * failed version stays. So a rolling deploy is a warning a Helm user can waive with that reason.
 */
export const autoRevert = checklistRule<AutoRevertParams>({
  id: "auto-revert",
  area: "deploy",
  severity: "warning",
  title: "A failed deploy reverts by itself",
  why: "Without automatic revert, a bad version keeps serving until someone notices and acts. Argo Rollouts (blue-green, canary) aborts a failed rollout in the cluster; a rolling Deployment is rolled back only by `helm upgrade --atomic`, never when applied with kubectl or GitOps.",
  fix: "Keep `deploy.auto_revert: true` and use `strategy: canary` or `blue-green` with metrics declared (the error-rate analysis), or deploy only with `helm upgrade --atomic` and waive this rule saying so.",
  message: (p) =>
    p.reason === "off"
      ? "auto_revert is off"
      : p.reason === "rolling"
        ? "a rolling Deployment is reverted only by `helm upgrade --atomic`: applied with kubectl or GitOps, a failed rollout stays"
        : `${p.strategy} reverts only on the health timeout: no metrics for an error-rate analysis`,
  check: (m) => {
    if (!m.deploy.autoRevert) return [{ path: ["deploy", "auto_revert"], params: { reason: "off" } }];
    if (m.deploy.strategy === "rolling") return [{ path: ["deploy"], params: { reason: "rolling" } }];
    if (!m.monitoring.metrics) return [{ path: ["deploy", "strategy"], params: { reason: "no-metrics", strategy: m.deploy.strategy } }];
    return [];
  },
});
