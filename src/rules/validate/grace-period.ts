import { patchedValues } from "../../kube/escaped-containers.js";
import { podSpecsOf } from "../../kube/object-checks.js";
import { validationRule } from "../validation-rule.js";

/**
 * Kubernetes kills a pod at the end of its grace period: it must outlast the drain delay plus the
 * application's own shutdown. A derived grace period always does; an explicit one that does not is
 * an error (compile stops), and the checklist lists the item as met.
 */
export const gracePeriod = validationRule({
  id: "grace-period",
  area: "reliability",
  checklist: {
    title: "Pods get time to shut down gracefully",
    why: "Kubernetes kills a pod at the end of its grace period; it must outlast the drain delay plus the application's own shutdown.",
    fix: "Let berth derive `shutdown.grace_period`, or make it longer than `timeout` + `drain`.",
  },
  // Reads the Model only, so the checklist report can judge it from a Model alone.
  check({ model, report }) {
    const { gracePeriodSeconds, timeoutSeconds, drainSeconds } = model.shutdown;
    const needed = timeoutSeconds + drainSeconds;
    if (gracePeriodSeconds <= needed) report("GRACE_PERIOD_TOO_SHORT", ["shutdown", "grace_period"], { graceSeconds: gracePeriodSeconds, neededSeconds: needed });
    // The grace period a patch left on the workload's pods (unset, Kubernetes gives 30s).
    const patched = patchedValues(model, ["Deployment", "Rollout"], (o) => podSpecsOf(o)[0]?.spec.terminationGracePeriodSeconds ?? null);
    for (const p of patched) {
      const grace = typeof p.value === "number" ? p.value : 30;
      if (grace <= needed) report("GRACE_PERIOD_TOO_SHORT", p.path, { graceSeconds: grace, neededSeconds: needed, object: p.id });
    }
  },
});
