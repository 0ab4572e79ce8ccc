import { LABELS } from "../../model/conventions.js";
import { validationRule } from "../validation-rule.js";

const RESERVED = new Set<string>(Object.values(LABELS));

/**
 * The manifest's own labels may not replace a label berth sets: the workload's selector matches
 * on the name and instance labels, and a pod template whose labels no longer match its selector
 * is rejected by the API server.
 */
export const reservedLabels = validationRule({
  id: "reserved-labels",
  check({ spec, report }) {
    for (const key of Object.keys(spec.labels ?? {})) {
      if (RESERVED.has(key)) report("RESERVED_LABEL", ["labels", key], { label: key }, { target: "key" });
    }
  },
});
