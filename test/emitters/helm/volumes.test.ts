/** The chart's persistent volume claims outlive the release: `helm uninstall` must not delete the data. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { kubernetesEmitter } from "../../../emitters/kubernetes/index.js";
import { BASE_YAML, load } from "../../helpers.js";
import { requireTool } from "../../support/tools.js";
import { writePlan } from "./plan-on-disk.js";

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> } };

describe("persistent volumes in the chart", () => {
  it("carry helm.sh/resource-policy: keep; the kubernetes/ claims are otherwise the same", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const loaded = await load(`${BASE_YAML}replicas: 1\nvolumes: [{ name: data, mount: /data, size: 1Gi }]\n`);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const out = writePlan(loaded.models, [kubernetesEmitter, helmEmitter], "berth-volumes-");
    const chart = join(out, "orders-api/helm/orders-api");
    const run = spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml")], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const claim = parseAllDocuments(run.stdout).map((d) => d.toJS() as Obj).find((o) => o?.kind === "PersistentVolumeClaim")!;
    expect(claim.metadata.annotations?.["helm.sh/resource-policy"]).toBe("keep");
    const plain = readFileSync(join(out, "orders-api/production/kubernetes/persistentvolumeclaim-data.yaml"), "utf8");
    expect(plain).toContain("kind: PersistentVolumeClaim");
    expect(plain).not.toContain("helm.sh/");
  }, 60_000);
});
