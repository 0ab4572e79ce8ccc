// A patch on a knob field keeps its value in the Helm chart: the templates hold the patched value, not the
// knob (whose default is berth's unpatched value), so `helm template` with default values renders what the
// kubernetes/ folder holds. Read from the chart's object templates, so no helm binary is needed.
import { describe, expect, it } from "vitest";
import { objectTemplates } from "../../emitters/helm/object-templates.js";
import { BASE_YAML, load } from "../helpers.js";

async function templates(extra: string) {
  const loaded = await load(`${BASE_YAML}${extra}`);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return objectTemplates(loaded.models[0]!);
}

const hpa = (ts: Awaited<ReturnType<typeof templates>>) => ts.find((t) => t.file === "horizontalpodautoscaler.yaml")!.object as any;

describe("a patch on the autoscaler's bounds in the Helm chart", () => {
  const autoscaling = "autoscaling: { min_replicas: 3, max_replicas: 6, cpu_target: 70% }\n";

  it("keeps the patched maxReplicas; the unpatched minReplicas still follows its knob", async () => {
    const ts = await templates(`${autoscaling}patches:\n  - target: { kind: HorizontalPodAutoscaler }\n    merge_patch: { spec: { maxReplicas: 10 } }\n`);
    expect(hpa(ts).spec.maxReplicas).toBe(10);
    expect(hpa(ts).spec.minReplicas).toBe("@@berth:min-replicas@@");
  });

  it("without a patch both bounds are knobs", async () => {
    const ts = await templates(autoscaling);
    expect(hpa(ts).spec).toMatchObject({ minReplicas: "@@berth:min-replicas@@", maxReplicas: "@@berth:max-replicas@@" });
  });
});
