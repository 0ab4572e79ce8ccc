import type { NodeRequirementSpec } from "../../model/spec.js";
import { validationRule } from "../validation-rule.js";

/** Node requirements carry the values their operator takes (Kubernetes refuses the pod otherwise); weights belong to preferences (node and pod terms alike). */
export const affinityRequirements = validationRule({
  id: "affinity-requirements",
  check({ spec, report }) {
    for (const list of ["node_required", "node_preferred"] as const) {
      (spec.affinity?.[list] ?? []).forEach((r: NodeRequirementSpec, i) => {
        const at = ["affinity", list, i];
        const where = `affinity.${list}[${i}]`;
        const operator = r.operator ?? "In";
        const values = r.values ?? [];
        if ((operator === "In" || operator === "NotIn") && !values.length) report("AFFINITY_VALUES", at, { where, operator, expects: "values" }, { target: "key" });
        if ((operator === "Exists" || operator === "DoesNotExist") && r.values !== undefined) report("AFFINITY_VALUES", [...at, "values"], { where, operator, expects: "none" }, { target: "key" });
        if ((operator === "Gt" || operator === "Lt") && (values.length !== 1 || !/^-?[0-9]+$/.test(values[0]!))) report("AFFINITY_VALUES", at, { where, operator, expects: "one-integer" }, { target: "key" });
        if (list === "node_required" && r.weight !== undefined) {
          report("FIELD_NOT_APPLICABLE", [...at, "weight"], { reason: "required-weight", field: `${where}.weight` }, { target: "key" });
        }
      });
    }
    (spec.affinity?.pods ?? []).forEach((t, i) => {
      if (t.required === true && t.weight !== undefined) {
        report("FIELD_NOT_APPLICABLE", ["affinity", "pods", i, "weight"], { reason: "required-term-weight", field: `affinity.pods[${i}].weight` }, { target: "key" });
      }
    });
  },
});
