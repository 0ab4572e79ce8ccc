import { spawnSync } from "node:child_process";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { planCompile } from "../../../src/compile.js";
import { buildKubeObjects } from "../../../src/kube/index.js";
import type { Model } from "../../../src/model/model.js";
import { loadManifest } from "../../../src/pipeline.js";
import { requireTool, tempDir } from "../../support/tools.js";

const root = new URL("../../..", import.meta.url).pathname;
const examples = readdirSync(join(root, "examples")).sort();
const out = tempDir("berth-helm-");
const charts: Array<{ name: string; dir: string; model: Model }> = [];

beforeAll(async () => {
  for (const name of examples) {
    const file = `examples/${name}/service.yaml`;
    const loaded = await loadManifest(file, readFileSync(join(root, file)));
    const plan = planCompile([{ source: file, models: loaded.models }], [helmEmitter], { emit: ["helm"] });
    if (!plan.ok) throw new Error(plan.error);
    for (const f of plan.plan.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    for (const model of loaded.models) charts.push({ name, dir: join(out, model.name, model.environment.name, "helm", model.name), model });
  }
}, 60_000);

function helm(...args: string[]): { ok: boolean; output: string } {
  const run = spawnSync(requireTool("helm")!, args, { encoding: "utf8", timeout: 60_000 });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; [k: string]: unknown };

/** Rendered objects by kind/name, hooks aside, without the config digest (Helm computes its own). */
function rendered(chart: { dir: string; model: Model }, ...set: string[]): Map<string, Obj> {
  const result = helm("template", "release", chart.dir, "-n", chart.model.namespace, ...set.flatMap((s) => ["--set", s]));
  expect(result.ok, result.output).toBe(true);
  const objects = parseAllDocuments(result.output).map((d) => d.toJS() as Obj).filter(Boolean);
  return byName(objects.filter((o) => !o.metadata.annotations?.["helm.sh/hook"]));
}

function byName(objects: Obj[]): Map<string, Obj> {
  const map = new Map<string, Obj>();
  for (const o of objects) {
    const copy = structuredClone(o) as Obj & { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } };
    const annotations = copy.spec?.template?.metadata?.annotations;
    if (annotations) {
      delete annotations["berth.dev/config-hash"];
      if (!Object.keys(annotations).length) delete copy.spec!.template!.metadata!.annotations;
    }
    map.set(`${o.kind}/${o.metadata.name}`, copy);
  }
  return map;
}

/** Paths (a.b[0].c) where two values differ. */
function differences(a: unknown, b: unknown, path = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`));
  }
  return [path];
}

describe("the Helm chart", () => {
  it("passes helm lint --strict for every example and environment", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    for (const chart of charts) {
      const result = helm("lint", "--strict", chart.dir);
      expect(result.ok, `${chart.name}: ${result.output}`).toBe(true);
    }
  }, 120_000);

  it("renders, with default values, the same objects as the Kubernetes emitter (hooks aside)", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    for (const chart of charts) {
      const expected = byName(buildKubeObjects(chart.model).map((o) => o.object as unknown as Obj).filter((o) => !o.metadata.annotations?.["argocd.argoproj.io/hook"]));
      const actual = rendered(chart);
      expect([...actual.keys()].sort(), chart.name).toEqual([...expected.keys()].sort());
      for (const [key, object] of expected) expect(actual.get(key), `${chart.name} ${key}`).toEqual(object);
    }
  }, 120_000);

  it("runs the migration as a pre-install/pre-upgrade hook", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const chart = charts.find((c) => c.model.database?.migrations.mode === "job")!;
    const result = helm("template", "release", chart.dir);
    const job = parseAllDocuments(result.output).map((d) => d.toJS() as Obj).find((o) => o?.kind === "Job")!;
    expect(job.metadata.annotations).toMatchObject({ "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded" });
    const off = helm("template", "release", chart.dir, "--set", "migrations.enabled=false");
    expect(off.output).not.toContain("kind: Job");
  }, 60_000);

  it("creates what the migration hook reads as hooks of lower weight (a first install has nothing else yet)", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const chart = charts.find((c) => c.model.database?.migrations.mode === "job" && c.model.env.length)!;
    const result = helm("template", "release", chart.dir, "-n", chart.model.namespace);
    expect(result.ok, result.output).toBe(true);
    const objects = parseAllDocuments(result.output).map((d) => d.toJS() as Obj & { spec?: any }).filter(Boolean);
    const hooks = objects.filter((o) => o.metadata.annotations?.["helm.sh/hook"]);
    const weight = (o: Obj) => Number(o.metadata.annotations?.["helm.sh/hook-weight"] ?? 0);
    const job = hooks.find((o) => o.kind === "Job")!;
    const pod = job.spec.template.spec;
    const sa = hooks.find((o) => o.kind === "ServiceAccount" && o.metadata.name === pod.serviceAccountName);
    const cm = hooks.find((o) => o.kind === "ConfigMap" && o.metadata.name === pod.containers[0].envFrom[0].configMapRef.name);
    expect(sa, "the Job's ServiceAccount is a hook").toBeDefined();
    expect(cm, "the Job's env ConfigMap is a hook").toBeDefined();
    expect(weight(sa!)).toBeLessThan(weight(job));
    expect(weight(cm!)).toBeLessThan(weight(job));
    for (const o of [sa!, cm!]) expect(o.metadata.annotations?.["helm.sh/hook"]).toBe("pre-install,pre-upgrade");
  }, 60_000);

  it("installs into the release's namespace", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    for (const chart of charts) {
      const result = helm("template", "myrel", chart.dir, "-n", "elsewhere");
      expect(result.ok, result.output).toBe(true);
      const objects = parseAllDocuments(result.output).map((d) => d.toJS() as Obj & { metadata: { namespace?: string } }).filter(Boolean);
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) expect(o.metadata.namespace, `${chart.name} ${o.kind}/${o.metadata.name}`).toBe("elsewhere");
    }
  }, 120_000);

  it("changes only what an override names", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const chart = charts.find((c) => c.name === "minimal-web")!;
    const base = rendered(chart);
    const diff = (...set: string[]) => {
      const changed = rendered(chart, ...set);
      return [...base.keys()].flatMap((k) => differences(base.get(k), changed.get(k)).map((p) => `${k}${p}`));
    };
    expect(diff("replicas=5")).toEqual(["Deployment/hello-web.spec.replicas"]);
    expect(diff("image.tag=2.0.0")).toEqual(["Deployment/hello-web.spec.template.spec.containers[0].image"]);
    expect(diff("resources.limits.memory=1Gi")).toEqual(["Deployment/hello-web.spec.template.spec.containers[0].resources.limits.memory"]);
    const scaled = rendered(chart, "autoscaling.enabled=true");
    expect(scaled.has("HorizontalPodAutoscaler/hello-web")).toBe(true);
    expect((scaled.get("Deployment/hello-web") as unknown as { spec: Record<string, unknown> }).spec.replicas).toBeUndefined();
  }, 60_000);

  it("rejects a bad value through values.schema.json", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const chart = charts.find((c) => c.name === "minimal-web")!;
    for (const bad of ["replicas=abc", "replicas=0", "resources.limits.memory=lots", "image.digest=latest"]) {
      const result = helm("template", "release", chart.dir, "--set", bad);
      expect(result.ok, bad).toBe(false);
      expect(result.output, bad).toMatch(/values don't meet the specifications of the schema|schema/i);
    }
  }, 60_000);
});
