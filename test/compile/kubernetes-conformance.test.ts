import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { kubernetesEmitter } from "../../emitters/kubernetes/index.js";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { planCompile } from "../../src/compile.js";
import type { Strategy } from "../../src/model/spec.js";
import { loadManifest } from "../../src/pipeline.js";
import { crdFor, kubeconform, validateAgainstCrd } from "../support/crd-schemas.js";
import { k8sSchemaSource } from "../support/k8s-json-schemas.js";
import { validateBuiltIn } from "../support/k8s-models.js";
import { kubeLinter } from "../support/kube-linter.js";
import { kustomizeBuild, requireKustomize } from "../support/kustomize.js";
import { requireTool, sharedDir, tempDir } from "../support/tools.js";

const root = new URL("../../", import.meta.url).pathname;
const examples = readdirSync(join(root, "examples")).sort();

/**
 * Every example, as written and under each deploy strategy (`--strategy`), compiled into a temp
 * folder: the real consumers then judge every object berth can emit.
 */
const outDir = tempDir("berth-conformance-");
const kubernetesDirs: string[] = [];
const objects: Array<{ file: string; object: Record<string, unknown> }> = [];

// Compiling every example four ways takes a few seconds on a busy machine.
beforeAll(async () => {
  for (const strategy of [undefined, "rolling", "blue-green", "canary"] as Array<Strategy | undefined>) {
    for (const name of examples) {
      const file = `examples/${name}/service.yaml`;
      // As `berth compile --strategy` does: the override applied before validation.
      const loaded = await loadManifest(file, readFileSync(join(root, file)), strategy ? { strategy } : {});
      // A manifest whose patches target its Deployment cannot be delivered by a Rollout: a located error, not objects.
      if (loaded.diagnostics.some((d) => d.code === "PATCH_TARGET")) continue;
      expect(loaded.diagnostics.filter((d) => d.severity === "error"), `${name} ${strategy ?? "as written"}`).toEqual([]);
      const plan = planCompile([{ source: file, models: loaded.models }], [kubernetesEmitter], { emit: ["kubernetes"] });
      if (!plan.ok) throw new Error(plan.error);
      const base = join(outDir, strategy ?? "as-written");
      for (const f of plan.plan.files) {
        const path = join(base, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
        if (f.path.endsWith("/kustomization.yaml")) kubernetesDirs.push(dirname(path));
        else objects.push({ file: path, object: parse(f.content) });
      }
    }
  }
}, 60_000);

describe("generated Kubernetes objects are accepted by their consumers", () => {
  it("built-in kinds validate with kubernetes-models; custom resources against their CRD schemas", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const problems: string[] = [];
    for (const { file, object } of objects) {
      const errors = crdFor(object as { apiVersion: string; kind: string }) ? validateAgainstCrd(object) : validateBuiltIn(object);
      for (const e of errors) problems.push(`${file.slice(outDir.length + 1)}: ${e}`);
    }
    expect(problems).toEqual([]);
    expect(new Set(objects.map((o) => o.object.kind))).toEqual(
      new Set(["Namespace", "ServiceAccount", "ConfigMap", "PersistentVolumeClaim", "Deployment", "Rollout", "AnalysisTemplate", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "HTTPRoute", "Ingress", "Job", "CronJob"]),
    );
  }, 120_000);

  it("kubeconform -strict accepts every file (custom resources with the shared CRDs)", (ctx) => {
    if (!requireTool("kubeconform") || !k8sSchemaSource() || !sharedDir()) return ctx.skip();
    // Every kind has a schema now (../shared carries the Gateway API CRDs too): nothing is skipped.
    const result = kubeconform([outDir]);
    expect(result.output).toMatch(/Summary: \d+ resources found .* - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(result.ok, result.output).toBe(true);
  }, 120_000);

  it("kubectl kustomize builds every kubernetes/ folder", (ctx) => {
    if (!requireKustomize()) return ctx.skip();
    for (const dir of kubernetesDirs) {
      const result = kustomizeBuild(dir);
      expect(result.ok, `${dir}\n${result.output}`).toBe(true);
    }
  }, 120_000);

  it("kube-linter finds nothing in any example", (ctx) => {
    if (!requireTool("kube-linter")) return ctx.skip();
    for (const dir of kubernetesDirs) {
      const result = kubeLinter(dir);
      expect(result.ok, `${dir}\n${result.output}`).toBe(true);
    }
  }, 120_000);
});
