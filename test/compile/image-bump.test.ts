/**
 * Minimal churn (issue 17): an image bump in the multi-environment example changes the objects
 * that run the image (workloads, jobs) and the chart's values files, nothing else: not Chart.yaml
 * (its version is fixed), not a template (the version label follows the image value).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMITTERS } from "../../emitters/index.js";
import { planCompile } from "../../src/compile.js";
import { loadManifest } from "../../src/pipeline.js";
import { REPO_ROOT } from "../support/tools.js";

async function compile(text: string): Promise<Map<string, string>> {
  const loaded = await loadManifest("service.yaml", new TextEncoder().encode(text));
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const planned = planCompile([{ source: "service.yaml", models: loaded.models }], EMITTERS, {});
  if (!planned.ok) throw new Error(planned.error);
  return new Map(planned.plan.files.map((f) => [f.path, f.content]));
}

describe("an image bump", () => {
  it("changes only what runs the image and the chart's values", async () => {
    const text = readFileSync(join(REPO_ROOT, "examples/notifications-envs/service.yaml"), "utf8");
    expect(text).toContain("notifications:3.8.1");
    const before = await compile(text);
    const after = await compile(text.replace("notifications:3.8.1", "notifications:3.8.2"));
    // Paths inside the service's folder: `<env>/kubernetes/…` or `helm/<chart>/…`.
    const changed = [...after].filter(([path, content]) => before.get(path) !== content).map(([path]) => path.split("/").slice(1).join("/"));
    expect([...before.keys()].sort()).toEqual([...after.keys()].sort());
    const allowed = /^([a-z0-9-]+\/kubernetes\/(deployment|rollout|job-migrate|cronjob-[a-z0-9-]+)\.yaml|helm\/notifications\/values(-[a-z0-9-]+)?\.yaml)$/;
    expect(changed.filter((path) => !allowed.test(path))).toEqual([]);
    // Only production runs 3.8.1 (the other environments pin 3.9.0-rc.2): its workloads and its values file, nothing of theirs.
    expect(changed.sort()).toEqual(["helm/notifications/values-production.yaml", "production/kubernetes/cronjob-daily-digest.yaml", "production/kubernetes/deployment.yaml"]);
  });
});
