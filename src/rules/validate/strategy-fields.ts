import { hasAnalysis } from "../../kube/rollout-strategy.js";
import type { DeploySpec } from "../../model/spec.js";
import { validationRule } from "../validation-rule.js";

/** Which deploy fields each strategy reads. */
const USED_BY: Partial<Record<keyof DeploySpec, ReadonlyArray<string>>> = {
  max_unavailable: ["rolling"],
  max_surge: ["rolling", "canary"],
  canary_percent: ["canary"],
  standby: ["blue-green"],
  promotion: ["blue-green", "canary"],
  observe: ["blue-green", "canary"],
};

/**
 * A deploy field the chosen strategy ignores is a mistake worth a warning (it may be meant for another
 * environment). The strategy is the Model's: `compile --strategy` overrides the written one.
 */
export const strategyFields = validationRule({
  id: "strategy-fields",
  check({ model, spec, report }) {
    const deploy = spec.deploy ?? {};
    const strategy = model.deploy.strategy;
    for (const [field, strategies] of Object.entries(USED_BY)) {
      if (deploy[field as keyof DeploySpec] !== undefined && !strategies!.includes(strategy)) {
        report("FIELD_NOT_APPLICABLE", ["deploy", field], { reason: "strategy", field: `deploy.${field}`, strategy, usedBy: strategies!.join(", ") }, { severity: "warning", target: "key" });
      }
    }
    // A blue-green Rollout names its active and preview Services; without a port berth builds neither.
    if (strategy === "blue-green" && !model.ports.length) report("STRATEGY_NEEDS_SERVICE", ["deploy", "strategy"], { strategy });
    if (deploy.observe !== undefined && (deploy.promotion ?? "manual") === "manual" && strategy !== "rolling") {
      report("FIELD_NOT_APPLICABLE", ["deploy", "observe"], { reason: "observe-auto-only", field: "deploy.observe" }, { severity: "warning", target: "key" });
    }
    // Only Argo Rollouts' analysis queries Prometheus at this address: without one (rolling, no auto_revert, no metrics) nothing reads it.
    if (spec.monitoring?.prometheus_address !== undefined && !hasAnalysis(model)) {
      report("FIELD_NOT_APPLICABLE", ["monitoring", "prometheus_address"], { reason: "analysis-only", field: "monitoring.prometheus_address" }, { severity: "warning", target: "key" });
    }
  },
});
