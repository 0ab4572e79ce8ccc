import { spawnSync } from "node:child_process";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { kubernetesEmitter } from "../../../emitters/kubernetes/index.js";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { planCompile } from "../../../src/compile.js";
import type { Model } from "../../../src/model/model.js";
import { loadManifest } from "../../../src/pipeline.js";
import { requireTool, tempDir } from "../../support/tools.js";

const root = new URL("../../..", import.meta.url).pathname;
const examples = readdirSync(join(root, "examples")).sort();
const out = tempDir("berth-helm-");
/** One chart per example (`<out>/<service>/helm/<service>`), and every environment's Model and kubernetes/ folder. */
const charts: Array<{ name: string; dir: string; models: Model[] }> = [];
/** Every environment of every example: the chart, the values file, and the folder the chart must reproduce. */
const environments: Array<{ name: string; chart: string; model: Model; kubernetes: string }> = [];

beforeAll(async () => {
  for (const name of examples) {
    const file = `examples/${name}/service.yaml`;
    const loaded = await loadManifest(file, readFileSync(join(root, file)));
    const plan = planCompile([{ source: file, models: loaded.models }], [kubernetesEmitter, helmEmitter], {});
    if (!plan.ok) throw new Error(plan.error);
    for (const f of plan.plan.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    const service = loaded.models[0]!.name;
    const dir = join(out, service, "helm", service);
    charts.push({ name, dir, models: loaded.models });
    for (const model of loaded.models) environments.push({ name: `${name} (${model.environment.name})`, chart: dir, model, kubernetes: join(out, service, model.environment.name, "kubernetes") });
  }
}, 60_000);

function helm(...args: string[]): { ok: boolean; output: string } {
  const run = spawnSync(requireTool("helm")!, args, { encoding: "utf8", timeout: 60_000 });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

type Obj = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; [k: string]: unknown };

function documents(text: string): Obj[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Obj).filter(Boolean);
}

/** An environment's objects as `helm template <service> <chart> -n <namespace> -f values-<env>.yaml` renders them. */
function template(env: { chart: string; model: Model }, ...extra: string[]): Obj[] {
  const result = helm("template", env.model.name, env.chart, "-n", env.model.namespace, "-f", join(env.chart, `values-${env.model.environment.name}.yaml`), ...extra);
  expect(result.ok, result.output).toBe(true);
  return documents(result.output);
}

/**
 * Objects by kind/name, comparable across the two outputs: hooks are Argo CD's in kubernetes/ and
 * Helm's in the chart (their annotations aside, the objects are the same), and the pod template's
 * config digest is computed by Helm from the rendered ConfigMaps.
 */
function byName(objects: Obj[]): Map<string, Obj> {
  const map = new Map<string, Obj>();
  for (const o of objects) {
    const copy = structuredClone(o) as Obj & { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } };
    const hookless = Object.entries(copy.metadata.annotations ?? {}).filter(([k]) => !k.startsWith("argocd.argoproj.io/") && !k.startsWith("helm.sh/"));
    if (hookless.length) copy.metadata.annotations = Object.fromEntries(hookless);
    else delete copy.metadata.annotations;
    const annotations = copy.spec?.template?.metadata?.annotations;
    if (annotations) {
      delete annotations["berth.dev/config-hash"];
      if (!Object.keys(annotations).length) delete copy.spec!.template!.metadata!.annotations;
    }
    map.set(`${o.kind}/${o.metadata.name}`, copy);
  }
  return map;
}

/** The objects of `<out>/<service>/<env>/kubernetes/`, parsed (the Namespace aside: Helm installs into an existing one). */
function kubernetesFolder(dir: string): Obj[] {
  return readdirSync(dir)
    .filter((f) => f !== "kustomization.yaml" && f !== "namespace.yaml")
    .flatMap((f) => documents(readFileSync(join(dir, f), "utf8")));
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
  it("is one chart per service with a values file per environment", () => {
    for (const chart of charts) {
      const files = readdirSync(chart.dir).sort();
      expect(files, chart.name).toEqual(["Chart.yaml", "templates", ...chart.models.map((m) => `values-${m.environment.name}.yaml`), "values.schema.json", "values.yaml"].sort());
    }
    expect(charts.some((c) => c.models.length > 1), "an example with several environments").toBe(true);
  }, 10_000);

  it("passes helm lint --strict for every example, with every environment's values", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    for (const env of environments) {
      const result = helm("lint", "--strict", env.chart, "-f", join(env.chart, `values-${env.model.environment.name}.yaml`));
      expect(result.ok, `${env.name}: ${result.output}`).toBe(true);
    }
  }, 180_000);

  it("renders with values-<env>.yaml exactly the objects of that environment's kubernetes/ folder, for every example and environment", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    for (const env of environments) {
      const expected = byName(kubernetesFolder(env.kubernetes));
      const actual = byName(template(env));
      expect([...actual.keys()].sort(), env.name).toEqual([...expected.keys()].sort());
      for (const [key, object] of expected) expect(actual.get(key), `${env.name} ${key}`).toEqual(object);
    }
  }, 240_000);

  it("keys what differs between environments on .Values.environment: an unknown environment fails at install", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    // notifications-envs: autoscaling metrics differ between its environments.
    const chart = charts.find((c) => c.models[0]!.name === "notifications")!;
    const hpa = readFileSync(join(chart.dir, "templates/horizontalpodautoscaler.yaml"), "utf8");
    expect(hpa).toContain('{{- if has $.Values.environment (list "development" "staging") }}');
    const result = helm("template", chart.models[0]!.name, chart.dir, "--set", "environment=qa");
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/environment.*(must be one of|value must be one of)/s);
  }, 60_000);

  it("runs the migration as a pre-install/pre-upgrade hook", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const env = environments.find((e) => e.model.database?.migrations.mode === "job")!;
    const job = template(env).find((o) => o.kind === "Job")!;
    expect(job.metadata.annotations).toMatchObject({ "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded" });
    expect(template(env, "--set", "migrations.enabled=false").some((o) => o.kind === "Job")).toBe(false);
  }, 60_000);

  it("creates what the migration hook reads as hooks of lower weight (a first install has nothing else yet)", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const env = environments.find((e) => e.model.database?.migrations.mode === "job" && e.model.env.length)!;
    const objects = template(env) as Array<Obj & { spec?: any }>;
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

  it("installs into the release's namespace (-n other)", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    for (const env of environments) {
      const result = helm("template", env.model.name, env.chart, "-n", "other", "-f", join(env.chart, `values-${env.model.environment.name}.yaml`));
      expect(result.ok, result.output).toBe(true);
      const objects = documents(result.output);
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) expect(o.metadata.namespace, `${env.name} ${o.kind}/${o.metadata.name}`).toBe("other");
    }
  }, 180_000);

  it("refuses another release name, saying why it is pinned to the service's", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    for (const chart of charts) {
      const service = chart.models[0]!.name;
      const result = helm("template", "myrel", chart.dir);
      expect(result.ok, chart.name).toBe(false);
      expect(result.output).toContain(`the release must be named ${service}: berth names the objects after the service`);
    }
  }, 120_000);

  it("changes only what an override names (the image also relabels the version)", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const env = environments.find((e) => e.name.startsWith("minimal-web"))!;
    const base = byName(template(env));
    const diff = (...set: string[]) => {
      const changed = byName(template(env, ...set.flatMap((s) => ["--set", s])));
      return [...base.keys()].flatMap((k) => differences(base.get(k), changed.get(k)).map((p) => `${k}${p}`));
    };
    expect(diff("replicas=5")).toEqual(["Deployment/hello-web.spec.replicas"]);
    expect(diff("image.tag=2.0.0").sort()).toEqual(
      ["Deployment/hello-web.metadata.labels.app.kubernetes.io/version", "Deployment/hello-web.spec.template.metadata.labels.app.kubernetes.io/version", "Deployment/hello-web.spec.template.spec.containers[0].image"].sort(),
    );
    expect(diff("resources.limits.memory=1Gi")).toEqual(["Deployment/hello-web.spec.template.spec.containers[0].resources.limits.memory"]);
    const scaled = byName(template(env, "--set", "autoscaling.enabled=true"));
    expect(scaled.has("HorizontalPodAutoscaler/hello-web")).toBe(true);
    expect((scaled.get("Deployment/hello-web") as unknown as { spec: Record<string, unknown> }).spec.replicas).toBeUndefined();
  }, 60_000);

  it("rejects a bad value through values.schema.json", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const env = environments.find((e) => e.name.startsWith("minimal-web"))!;
    for (const bad of ["replicas=abc", "replicas=0", "resources.limits.memory=lots", "image.digest=latest"]) {
      const result = helm("template", env.model.name, env.chart, "--set", bad);
      expect(result.ok, bad).toBe(false);
      expect(result.output, bad).toMatch(/values don't meet the specifications of the schema|schema/i);
    }
  }, 60_000);
});
