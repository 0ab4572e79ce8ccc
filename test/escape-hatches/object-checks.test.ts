// The compile-time object checks (src/kube/object-checks.ts) that patched and extra objects must pass: they
// hold for every object berth generates (else any patch on one would be refused), and each rule can fail.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedKubeObjects, namespace } from "../../src/kube/index.js";
import { objectFaults } from "../../src/kube/object-checks.js";
import { loadManifest } from "../../src/pipeline.js";

const root = new URL("../../", import.meta.url).pathname;

describe("object checks", () => {
  it("every object of every example passes them", async () => {
    const faults: string[] = [];
    for (const name of readdirSync(join(root, "examples")).sort()) {
      const file = `examples/${name}/service.yaml`;
      for (const model of (await loadManifest(file, readFileSync(join(root, file)))).models) {
        for (const o of [{ file: "namespace.yaml", object: namespace(model) }, ...generatedKubeObjects(model)]) {
          for (const f of objectFaults(o.object)) faults.push(`${name}/${model.environment.name}/${o.file}: ${f.pointer} ${f.reason}`);
        }
      }
    }
    expect(faults).toEqual([]);
  }, 30_000);

  it("each rule finds what it is about", () => {
    const pod = (containers: unknown) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers } });
    const reasons = (o: unknown) => objectFaults(o).map((f) => `${f.pointer} ${f.reason}`);
    expect(reasons([])).toEqual([" not-an-object"]);
    expect(reasons({ apiVersion: "", kind: "x", metadata: { name: "A_b", namespace: "x.y" } })).toEqual(["/apiVersion api-version", "/kind kind", "/metadata/name name", "/metadata/namespace namespace"]);
    expect(reasons({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { "a/b/c": "x", ok: "-bad" }, annotations: { "x.io/y": 1 } } })).toEqual([
      "/metadata/labels/a~1b~1c label-key",
      "/metadata/labels/ok label-value",
      "/metadata/annotations/x.io~1y annotation-value",
    ]);
    expect(reasons({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", annotations: { big: "x".repeat(256 * 1024) } } })).toEqual(["/metadata/annotations annotations-too-large"]);
    expect(reasons(pod([]))).toEqual(["/spec/containers no-containers"]);
    expect(reasons(pod([{ name: "a", image: "i" }, { name: "a" }, { image: "i" }]))).toEqual(["/spec/containers/1/name duplicate-container", "/spec/containers/1/image container-image", "/spec/containers/2/name container-name"]);
  }, 10_000);

  it("a workload's selector must select its own pod template (the API server refuses it otherwise)", () => {
    const deployment = (selector: unknown, labels: unknown) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { selector, template: { metadata: { labels }, spec: { containers: [{ name: "a", image: "i" }] } } },
    });
    const reasons = (o: unknown) => objectFaults(o).map((f) => `${f.pointer} ${f.reason}`);
    expect(reasons(deployment({ matchLabels: { app: "x" } }, { app: "x", tier: "web" }))).toEqual([]);
    expect(reasons(deployment({ matchLabels: { app: "x" } }, { app: "y" }))).toEqual(["/spec/selector selector-mismatch"]);
    expect(reasons(deployment({ matchLabels: { app: "x" } }, undefined))).toEqual(["/spec/selector selector-mismatch"]);
    expect(reasons(deployment({ matchExpressions: [{ key: "app", operator: "In", values: ["x", "z"] }, { key: "canary", operator: "DoesNotExist" }] }, { app: "z" }))).toEqual([]);
    expect(reasons(deployment({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["x"] }] }, { app: "x" }))).toEqual(["/spec/selector selector-mismatch"]);
  }, 10_000);

  it("a workload without a pod spec has no containers (found by the long fuzz run: a merge patch nulled it out)", () => {
    const reasons = (o: unknown) => objectFaults(o).map((f) => `${f.pointer} ${f.reason}`);
    const meta = { name: "w" };
    expect(reasons({ apiVersion: "apps/v1", kind: "Deployment", metadata: meta, spec: { template: {} } })).toEqual(["/spec/template/spec no-containers"]);
    expect(reasons({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: meta, spec: {} })).toEqual(["/spec/template/spec no-containers"]);
    expect(reasons({ apiVersion: "batch/v1", kind: "CronJob", metadata: meta, spec: { jobTemplate: { spec: { template: { spec: null } } } } })).toEqual(["/spec/jobTemplate/spec/template/spec no-containers"]);
    expect(reasons({ apiVersion: "v1", kind: "Pod", metadata: meta })).toEqual(["/spec no-containers"]);
    // An Argo Rollout may take its pods from a Deployment (workloadRef); other kinds have no pods to check.
    expect(reasons({ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: meta, spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "w" } } })).toEqual([]);
    expect(reasons({ apiVersion: "v1", kind: "Service", metadata: meta, spec: {} })).toEqual([]);
  }, 10_000);

  it("ConfigMap and Secret keys are what the API server accepts (found by the long fuzz run: an extra ConfigMap keyed `${[]}`)", () => {
    const reasons = (o: unknown) => objectFaults(o).map((f) => `${f.pointer} ${f.reason}`);
    const good = { "app.conf": "eA==", "-_.A9": "eQ==", [".hidden"]: "eg==", ["k".repeat(253)]: "dw==" };
    expect(reasons({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: good, binaryData: { "logo.png": "AA==" } })).toEqual([]);
    expect(reasons({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: good, stringData: { "app.conf": "again" } })).toEqual([]);
    expect(reasons({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { "${[]}": "x", ".": "x", "..x": "x", "a/b": "x", ["k".repeat(254)]: "x", "": "x", same: "x" }, binaryData: { same: "AA==" } })).toEqual([
      "/data/${[]} data-key",
      "/data/. data-key",
      "/data/..x data-key",
      "/data/a~1b data-key",
      `/data/${"k".repeat(254)} data-key`,
      "/data/ data-key",
      "/binaryData/same data-key",
    ]);
    expect(reasons({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { "has space": "x" } })).toEqual(["/stringData/has space data-key"]);
    // Other kinds' `data` is theirs to define.
    expect(reasons({ apiVersion: "example.com/v1", kind: "Thing", metadata: { name: "t" }, data: { "${[]}": "x" } })).toEqual([]);
  }, 10_000);
});
