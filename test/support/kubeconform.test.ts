import { describe, expect, it, vi } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { kubeconform, kubeconformArgs } from "./crd-schemas.js";
import * as fx from "./fixtures.js";
import { builtinSchemaDir, k8sSchemaSource } from "./k8s-json-schemas.js";
import { requireTool, sharedDir } from "./tools.js";

// Runs kubeconform: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** kubeconform needs the binary, the offline Kubernetes schemas and the shared CRDs. */
function ready(): boolean {
  return Boolean(requireTool("kubeconform") && k8sSchemaSource() && sharedDir());
}

describe("builtinSchemaDir (offline Kubernetes schemas)", () => {
  it("writes standalone schemas under kubeconform's file names", (ctx) => {
    if (!k8sSchemaSource()) return ctx.skip();
    const dir = builtinSchemaDir();
    for (const f of [
      "deployment-apps-v1.json",
      "service-v1.json",
      "serviceaccount-v1.json",
      "configmap-v1.json",
      "poddisruptionbudget-policy-v1.json",
      "horizontalpodautoscaler-autoscaling-v2.json",
      "networkpolicy-networking-v1.json",
      "ingress-networking-v1.json",
      "job-batch-v1.json",
      "cronjob-batch-v1.json",
      "persistentvolumeclaim-v1.json",
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const text = readFileSync(join(dir, "deployment-apps-v1.json"), "utf8");
    expect(text).not.toContain("_definitions.json"); // no reference leaves the file
    expect(JSON.parse(text).$defs["io.k8s.api.core.v1.Container"].additionalProperties).toBe(false);
  });
});

describe("kubeconform -strict", () => {
  it("accepts the hardened service, custom resources included", (ctx) => {
    if (!ready()) return ctx.skip();
    const { dir } = fx.writeKustomizeDir([
      ...fx.hardenedService(),
      fx.veleroSchedule(),
      fx.veleroBackupStorageLocation(),
      fx.cnpgScheduledBackup(),
      fx.prometheusRule(),
      fx.serviceMonitor(),
    ]);
    const result = kubeconform([dir]);
    expect(result.output).toMatch(/Summary: 14 resources found in 14 files - Valid: 14, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(result.ok).toBe(true);
  });

  it("accepts the other built-in kinds berth emits (Ingress, Job, CronJob, PVC)", (ctx) => {
    if (!ready()) return ctx.skip();
    const { files } = fx.writeKustomizeDir([fx.ingress(), fx.migrationJob(), fx.cronJob(), fx.persistentVolumeClaim()]);
    const result = kubeconform(files);
    expect(result.output).toMatch(/Valid: 4, Invalid: 0, Errors: 0/);
    expect(result.ok).toBe(true);
  });

  it("rejects a typo'd field in a built-in kind and in a custom resource", (ctx) => {
    if (!ready()) return ctx.skip();
    const { files } = fx.writeKustomizeDir([
      fx.changed(fx.deployment(), (d: any) => {
        d.spec.template.spec.containers[0].imagePullPolice = "Always";
      }),
      fx.changed(fx.rollout(), (r: any) => {
        r.spec.strategy.canary.steps[0] = { setWeigth: 10 };
      }),
      fx.changed(fx.service(), (s: any) => {
        s.metadata.lables = s.metadata.labels;
      }),
      fx.changed(fx.serviceMonitor(), (s: any) => {
        s.metadata.annotation = {};
      }),
    ]);
    const result = kubeconform(files);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Service orders-api is invalid: .*at '\/metadata'.*lables/);
    expect(result.output).toMatch(/ServiceMonitor orders-api is invalid: .*at '\/metadata'.*annotation/);
    expect(result.output).toMatch(/Deployment orders-api is invalid: .*\/spec\/template\/spec\/containers\/0.*imagePullPolice/);
    expect(result.output).toMatch(/Rollout orders-api is invalid: .*\/spec\/strategy\/canary\/steps\/0.*setWeigth/);
    expect(result.output).toMatch(/Invalid: 4/);
  });

  it("rejects wrong types (built-in and int-or-string in a CRD)", (ctx) => {
    if (!ready()) return ctx.skip();
    const { files } = fx.writeKustomizeDir([
      fx.changed(fx.horizontalPodAutoscaler(), (h: any) => {
        h.spec.minReplicas = "3";
      }),
      fx.changed(fx.rollout(), (r: any) => {
        r.spec.strategy.canary.steps[1].pause.duration = true;
      }),
    ]);
    const result = kubeconform(files);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/HorizontalPodAutoscaler orders-api is invalid: .*\/spec\/minReplicas/);
    expect(result.output).toMatch(/Rollout orders-api is invalid: .*\/spec\/strategy\/canary\/steps\/1\/pause\/duration/);
  });

  it("fails on a kind it has no schema for, unless told to skip it", (ctx) => {
    if (!ready()) return ctx.skip();
    // A kind no schema source knows (../shared now carries the Gateway API CRDs, so HTTPRoute is validated).
    const widget = { apiVersion: "example.berth.dev/v1", kind: "Widget", metadata: { name: "w", namespace: "orders-api" }, spec: {} };
    const { files } = fx.writeKustomizeDir([widget as unknown as ReturnType<typeof fx.httpRoute>]);
    const missing = kubeconform(files);
    expect(missing.ok).toBe(false);
    expect(missing.output).toMatch(/could not find schema for Widget/);
    const skipped = kubeconform(files, { skip: ["Widget"] });
    expect(skipped.ok).toBe(true);
    expect(skipped.output).toMatch(/Skipped: 1/);
  });

  it("passes the schema locations as templates kubeconform expands", (ctx) => {
    if (!ready()) return ctx.skip();
    const args = kubeconformArgs(["x.yaml"]);
    expect(args.slice(0, 2)).toEqual(["-strict", "-summary"]);
    expect(args.filter((a) => a.includes("{{"))).toEqual([
      expect.stringMatching(/\{\{ \.ResourceKind \}\}\{\{ \.KindSuffix \}\}\.json$/),
      expect.stringMatching(/\{\{ \.Group \}\}\/\{\{ \.ResourceKind \}\}_\{\{ \.ResourceAPIVersion \}\}\.json$/),
    ]);
  });
});
