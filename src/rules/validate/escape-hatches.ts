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
  check({ model, spec, report }) {
    const hatches = model.escapeHatches;
    if (!hatches.patches.length && !hatches.extraObjects.length) return;
    (spec.patches ?? []).forEach((patch, i) => {
      const target = patch.target.name === undefined ? patch.target.kind : `${patch.target.kind}/${patch.target.name}`;
      if (!patch.json_patch && patch.merge_patch === undefined) report("PATCH_FAILED", ["patches", i], { target, op: "", pointer: "", reason: "empty" }, { target: "key" });
      // RFC 6902 ignores members an operation does not define; a written key without effect is an error here.
      (patch.json_patch ?? []).forEach((op, j) => {
        const unused = [...(["remove", "move", "copy"].includes(op.op) && "value" in op ? ["value"] : []), ...(!["move", "copy"].includes(op.op) && op.from !== undefined ? ["from"] : [])];
        for (const field of unused) report("FIELD_NOT_APPLICABLE", ["patches", i, "json_patch", j, field], { reason: "patch-operation", field: `patches[${i}].json_patch[${j}].${field}`, op: op.op }, { target: "key" });
      });
    });
    for (const problem of escapeHatchResult(model).problems) {
      // A patch is blamed at its entry; an extra object's bad key at the key, anything else at the value.
      const badKey = problem.code === "KUBE_OBJECT_INVALID" && KEY_FAULTS.has(problem.params.reason);
      const target = (problem.code === "KUBE_OBJECT_INVALID" && problem.params.by === "patch") || problem.code === "PATCH_TARGET" || badKey ? "key" : "value";
      report(problem.code, problem.path, problem.params, { target });
    }
  },
});

/** Faults about a key itself (a label's, an annotation's, a ConfigMap's), not about its value. */
const KEY_FAULTS: ReadonlySet<string> = new Set(["label-key", "annotation-key", "data-key"]);
