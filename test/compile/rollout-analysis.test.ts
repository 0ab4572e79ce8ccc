// Argo Rollouts rejects a blue-green Rollout whose pre-promotion analysis has a metric without a count
// ("runs indefinitely"): the controller never creates a pod (found on a real control plane; test/e2e).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analysisTemplate } from "../../src/kube/analysis-template.js";
import { loadManifest } from "../../src/pipeline.js";
import { REPO_ROOT } from "../support/tools.js";

async function model(example: string) {
  const file = `examples/${example}/service.yaml`;
  const loaded = await loadManifest(file, readFileSync(join(REPO_ROOT, file)));
  return loaded.models[0]!;
}

describe("the error-rate analysis", () => {
  it("ends before a blue-green switch: every pre-promotion metric has a count", async () => {
    const m = await model("checkout-blue-green");
    const metrics = (analysisTemplate(m) as any).spec.metrics as Array<{ count?: number; interval: string }>;
    expect(metrics.length).toBeGreaterThan(0);
    for (const metric of metrics) expect(metric.count).toBeGreaterThan(0);
  });

  it("runs in the background for the whole canary (no count)", async () => {
    const m = await model("payments-canary");
    const metrics = (analysisTemplate(m) as any).spec.metrics as Array<{ count?: number }>;
    for (const metric of metrics) expect(metric.count).toBeUndefined();
  });
});
