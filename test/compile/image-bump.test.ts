/**
 * Minimal churn (issue 17): an image bump in the three-environment example changes the objects
 * that run the image (workloads, jobs) and the chart's values and metadata, nothing else.
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
    const changed = [...after].filter(([path, content]) => before.get(path) !== content).map(([path]) => path.split("/").slice(2).join("/"));
    expect(changed.length).toBeGreaterThan(0);
    const allowed = /^(kubernetes\/(deployment|rollout|job-migrate|cronjob-[a-z0-9-]+)\.yaml|helm\/[^/]+\/(values\.yaml|Chart\.yaml|templates\/(deployment|rollout|job-migrate|cronjob-[a-z0-9-]+)\.yaml))$/;
    expect(changed.filter((path) => !allowed.test(path))).toEqual([]);
  });
});
