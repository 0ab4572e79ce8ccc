import { checklistRule } from "../checklist-rule.js";

/**
 * The cluster-scoped objects the workload needs and berth does not emit (their settings belong to the
 * platform): admission rejects every pod naming a PriorityClass the cluster lacks. Reported so nobody
 * learns it from a failed first install, until the manifest attests (`checklist.attestations`, item
 * `cluster-prerequisites`) that the platform provides it. The checklist and NOTES.txt list every prerequisite.
 */
export const clusterPrerequisites = checklistRule<{ kind: string; name: string }>({
  id: "cluster-prerequisites",
  area: "deploy",
  severity: "info",
  title: "What the cluster must provide is known before the first deploy",
  why: "A PriorityClass the cluster lacks makes admission reject every pod (`no PriorityClass with name … was found`); berth cannot emit it, its value is the platform's.",
  fix: "Have the platform team create it once (`kubectl get priorityclass NAME` must find it) and attest it (`checklist.attestations: [{ item: cluster-prerequisites, evidence: <link> }]`), or drop `priority_class`.",
  message: (p) => `${p.kind} ${p.name} must exist in the cluster before the first deploy (berth does not emit it)`,
  check: (m) =>
    m.checklist.attestations.some((a) => a.item === "cluster-prerequisites")
      ? []
      : m.prerequisites
      .filter((p) => p.kind === "PriorityClass")
      .map((p) => ({ path: p.path, params: { kind: p.kind, name: p.name } })),
});
