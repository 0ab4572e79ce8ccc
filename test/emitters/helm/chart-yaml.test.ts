/** Chart.yaml and values.schema.json from the manifest: `helm lint --strict` accepts them whatever the owner looks like, and they say what each value is. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { chartYaml } from "../../../emitters/helm/chart.js";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { planCompile } from "../../../src/compile.js";
import { BASE_YAML, load } from "../../helpers.js";
import { requireTool } from "../../support/tools.js";
import { writePlan } from "./plan-on-disk.js";

async function maintainers(owner: string): Promise<unknown> {
  const [model] = (await load(`${BASE_YAML}owner: ${JSON.stringify(owner)}\n`)).models;
  return parse(chartYaml(model!, "")).maintainers;
}

describe("Chart.yaml maintainers", () => {
  it("gives the owner as email only when it is an address (owner is free text: a handle, a channel)", async () => {
    expect(await maintainers("payments-oncall@example.com")).toEqual([{ name: "payments", email: "payments-oncall@example.com" }]);
    expect(await maintainers("Payments on-call <payments-oncall@example.com>")).toEqual([{ name: "payments", email: "payments-oncall@example.com" }]);
    for (const owner of ["@payments-team", "#payments on Slack", "payments@localhost", "a@b@example.com"]) expect(await maintainers(owner), owner).toEqual([{ name: "payments" }]);
  }, 10_000);

  it("passes helm lint --strict with a handle as owner", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const loaded = await load(`${BASE_YAML}owner: "@payments-team"\n`);
    const out = writePlan(loaded.models, [helmEmitter], "berth-chart-yaml-");
    const chart = join(out, "orders-api/helm/orders-api");
    const run = spawnSync(helm, ["lint", "--strict", chart, "-f", join(chart, "values-production.yaml")], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  }, 60_000);
});

describe("values.schema.json descriptions", () => {
  it("describe the autoscaler's bounds as bounds, not as the fixed replica count", async () => {
    const loaded = await load(BASE_YAML);
    const planned = planCompile([{ source: "service.yaml", models: loaded.models }], [helmEmitter], {});
    if (!planned.ok) throw new Error(planned.error);
    const schema = JSON.parse(planned.plan.files.find((f) => f.path.endsWith("/values.schema.json"))!.content);
    const autoscaling = schema.properties.autoscaling.properties;
    expect(autoscaling.minReplicas.description).toBe("Fewest pods the autoscaler keeps.");
    expect(autoscaling.maxReplicas.description).toBe("Most pods the autoscaler runs.");
    expect(autoscaling.enabled.description).toMatch(/owns the replica count/);
    expect(schema.properties.replicas.description).toMatch(/^Number of pods/);
  }, 10_000);
});
