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
    if (gracePeriodSeconds > needed) return;
    report("GRACE_PERIOD_TOO_SHORT", ["shutdown", "grace_period"], { graceSeconds: gracePeriodSeconds, neededSeconds: needed });
  },
});
