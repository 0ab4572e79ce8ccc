/** The chart's persistent volume claims outlive the release: `helm uninstall` must not delete the data. */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { kubernetesEmitter } from "../../../emitters/kubernetes/index.js";
import { planCompile } from "../../../src/compile.js";
import { BASE_YAML, load } from "../../helpers.js";
import { requireTool, tempDir } from "../../support/tools.js";

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> } };

describe("persistent volumes in the chart", () => {
  it("carry helm.sh/resource-policy: keep; the kubernetes/ claims are otherwise the same", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const loaded = await load(`${BASE_YAML}replicas: 1\nvolumes: [{ name: data, mount: /data, size: 1Gi }]\n`);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const planned = planCompile([{ source: "service.yaml", models: loaded.models }], [kubernetesEmitter, helmEmitter], {});
    if (!planned.ok) throw new Error(planned.error);
    const out = tempDir("berth-volumes-");
    for (const f of planned.plan.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    const chart = join(out, "orders-api/helm/orders-api");
    const run = spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml")], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const claim = parseAllDocuments(run.stdout).map((d) => d.toJS() as Obj).find((o) => o?.kind === "PersistentVolumeClaim")!;
    expect(claim.metadata.annotations?.["helm.sh/resource-policy"]).toBe("keep");
    const plain = planned.plan.files.find((f) => f.path === "orders-api/production/kubernetes/persistentvolumeclaim-data.yaml")!;
    expect(plain.content).not.toContain("helm.sh/");
  }, 60_000);
});
