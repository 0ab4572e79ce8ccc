import { APPLY_FIRST_LABEL, LABELS } from "../../model/conventions.js";
import type { DataPath } from "../../diagnostics/diagnostic.js";
import { validationRule } from "../validation-rule.js";

const RESERVED = new Set<string>(Object.values(LABELS));
/** berth's own prefix: the labels it sets itself and the annotations it reads back (the pods' config digest). */
const BERTH_PREFIX = "berth.dev/";

/**
 * The manifest's own labels may not replace a label berth sets: the workload's selector matches
 * on the name and instance labels, and a pod template whose labels no longer match its selector
 * is rejected by the API server. The pod's and per-kind labels (newer fields) keep all of
 * `berth.dev/` for berth (`berth.dev/apply-first` orders the plain manifests), and their
 * annotations the same prefix (`berth.dev/config-hash` rolls the pods on a configuration change).
 */
export const reservedLabels = validationRule({
  id: "reserved-labels",
  check({ spec, report }) {
    for (const key of Object.keys(spec.labels ?? {})) {
      if (RESERVED.has(key)) report("RESERVED_LABEL", ["labels", key], { label: key, field: "labels" }, { target: "key" });
    }
    const scoped: Array<{ field: string; path: DataPath; labels?: Record<string, string>; annotations?: Record<string, string> }> = [
      { field: "pod_labels", path: ["pod_labels"], labels: spec.pod_labels },
      { field: "pod_annotations", path: ["pod_annotations"], annotations: spec.pod_annotations },
      ...Object.entries(spec.object_metadata ?? {}).flatMap(([kind, meta]) => [
        { field: `object_metadata.${kind}.labels`, path: ["object_metadata", kind, "labels"], labels: meta?.labels },
        { field: `object_metadata.${kind}.annotations`, path: ["object_metadata", kind, "annotations"], annotations: meta?.annotations },
      ]),
    ];
    for (const { field, path, labels, annotations } of scoped) {
      for (const key of Object.keys(labels ?? {})) {
        if (RESERVED.has(key) || key.startsWith(BERTH_PREFIX) || key === APPLY_FIRST_LABEL) report("RESERVED_LABEL", [...path, key], { label: key, field }, { target: "key" });
      }
      for (const key of Object.keys(annotations ?? {})) {
        if (key.startsWith(BERTH_PREFIX)) report("RESERVED_ANNOTATION", [...path, key], { annotation: key, field }, { target: "key" });
      }
    }
  },
});
