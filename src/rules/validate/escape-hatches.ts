import { escapeHatchResult } from "../../kube/index.js";
import { validationRule } from "../validation-rule.js";

/**
 * `patches` and `extra_objects` applied to this environment's objects, exactly as the emitters
 * apply them: a patch that targets nothing (or several objects), an operation that fails, a result
 * or an extra object the API server would reject, and an extra object that takes the name of one
 * berth generates are errors at the entry that causes them.
 */
export const escapeHatches = validationRule({
  id: "escape-hatches",
  check({ model, report }) {
    const hatches = model.escapeHatches;
    if (!hatches.patches.length && !hatches.extraObjects.length) return;
    for (const problem of escapeHatchResult(model).problems) {
      const target = problem.code === "KUBE_OBJECT_INVALID" && problem.params.by === "patch" ? "key" : problem.code === "PATCH_TARGET" ? "key" : "value";
      report(problem.code, problem.path, problem.params, { target });
    }
  },
});
