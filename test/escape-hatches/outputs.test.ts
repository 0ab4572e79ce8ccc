// Escape hatches through every output, judged by the real consumers: the kubernetes/ folder (kubeconform
// -strict with the CRDs, kubernetes-models, `kubectl kustomize`), and the Helm chart (`helm lint --strict`,
// `helm template` with default values rendering the same patched and extra objects, knob fields a patch
// changed included).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { helmEmitter } from "../../emitters/helm/index.js";
import { kubernetesEmitter } from "../../emitters/kubernetes/index.js";
import { planCompile } from "../../src/compile.js";
import { buildKubeObjects } from "../../src/kube/index.js";
import type { Model } from "../../src/model/model.js";
import { loadManifest } from "../../src/pipeline.js";
import { crdFor, kubeconform, validateAgainstCrd } from "../support/crd-schemas.js";
import { validateBuiltIn } from "../support/k8s-models.js";
import { kustomizeBuild, requireKustomize } from "../support/kustomize.js";
import { requireTool, sharedDir, tempDir } from "../support/tools.js";

const FIXTURE = "test/escape-hatches/fixtures/service.yaml";
const root = new URL("../../", import.meta.url).pathname;
const out = tempDir("berth-escape-");
let model: Model;
const files = new Map<string, string>();
const envDir = () => join(out, "forge", "production");

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; [k: string]: any };

beforeAll(async () => {
  const loaded = await loadManifest(FIXTURE, readFileSync(join(root, FIXTURE)));
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  model = loaded.models[0]!;
  const plan = planCompile([{ source: FIXTURE, models: loaded.models }], [kubernetesEmitter, helmEmitter], { emit: ["kubernetes", "helm"] });
  if (!plan.ok) throw new Error(plan.error);
  for (const f of plan.plan.files) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
    files.set(f.path.slice("forge/production/".length), f.content);
  }
}, 60_000);

const kube = (file: string) => parse(files.get(`kubernetes/${file}`)!) as Obj;

describe("escape hatches in the kubernetes/ folder", () => {
  it("holds the patched objects and the extra ones, each listed in kustomization.yaml", () => {
    const deployment = kube("deployment.yaml");
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe("ghcr.io/acme/forge:1.21.1");
    expect(container.resources.limits.memory).toBe("768Mi");
    expect(deployment.spec.replicas).toBe(3);
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(["DATABASE_URL", "FORGE_NODE"]);
    expect(kube("configmap-env.yaml").data).toMatchObject({ FORGE_MODE: "prod", FORGE_EXTRA: "on" });
    expect(kube("extra-podmonitor-forge-pods.yaml").spec.podMetricsEndpoints).toEqual([{ interval: "30s", port: "metrics" }]);
    const kustomization = parse(files.get("kubernetes/kustomization.yaml")!) as { resources: string[] };
    expect(kustomization.resources.slice(-4)).toEqual(["extra-configmap-forge-templates.yaml", "extra-role-forge-reader.yaml", "extra-rolebinding-forge-reader.yaml", "extra-podmonitor-forge-pods.yaml"]);
  }, 10_000);

  it("every object validates with kubernetes-models or its CRD", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const problems: string[] = [];
    for (const [path, content] of files) {
      if (!path.startsWith("kubernetes/") || path.endsWith("kustomization.yaml")) continue;
      const object = parse(content) as Obj;
      for (const e of crdFor(object) ? validateAgainstCrd(object) : validateBuiltIn(object)) problems.push(`${path}: ${e}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it("passes kubeconform -strict (built-in schemas and the CRDs)", (ctx) => {
    if (!requireTool("kubeconform") || !sharedDir()) return ctx.skip();
    const result = kubeconform([join(envDir(), "kubernetes")]);
    expect(result.ok, result.output).toBe(true);
  }, 120_000);

  it("kubectl kustomize builds the folder, extra objects included", (ctx) => {
    if (!requireKustomize()) return ctx.skip();
    const result = kustomizeBuild(join(envDir(), "kubernetes"));
    expect(result.ok, result.output).toBe(true);
    const kinds = parseAllDocuments(result.output).map((d) => `${(d.toJS() as Obj).kind}/${(d.toJS() as Obj).metadata.name}`);
    expect(kinds).toEqual(expect.arrayContaining(["ConfigMap/forge-templates", "Role/forge-reader", "RoleBinding/forge-reader", "PodMonitor/forge-pods", "Deployment/forge"]));
  }, 120_000);
});

describe("escape hatches in the Helm chart", () => {
  // One chart per service, beside the environment folders, with a values file per environment.
  const chart = () => join(out, "forge", "helm", "forge");
  function helm(...args: string[]): { ok: boolean; output: string } {
    const run = spawnSync(requireTool("helm")!, args, { encoding: "utf8", timeout: 60_000 });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  }
  /** Objects by Kind/name, without the config digest (Helm computes its own from the rendered ConfigMaps). */
  function byName(objects: Obj[]): Map<string, Obj> {
    const map = new Map<string, Obj>();
    for (const o of objects) {
      const copy = structuredClone(o);
      const annotations = copy.spec?.template?.metadata?.annotations;
      if (annotations) {
        delete annotations["berth.dev/config-hash"];
        if (!Object.keys(annotations).length) delete copy.spec.template.metadata.annotations;
      }
      map.set(`${o.kind}/${o.metadata.name}`, copy);
    }
    return map;
  }
  const rendered = (...set: string[]) => {
    const result = helm("template", model.name, chart(), "-n", model.namespace, "-f", join(chart(), "values-production.yaml"), ...set.flatMap((s) => ["--set", s]));
    expect(result.ok, result.output).toBe(true);
    return byName(parseAllDocuments(result.output).map((d) => d.toJS() as Obj).filter(Boolean));
  };

  it("passes helm lint --strict", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const result = helm("lint", "--strict", chart(), "-f", join(chart(), "values-production.yaml"));
    expect(result.ok, result.output).toBe(true);
  }, 60_000);

  it("renders, with default values, the same patched and extra objects as the kubernetes/ folder (braces in an extra object kept literal)", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const expected = byName(buildKubeObjects(model).map((o) => o.object as unknown as Obj));
    const actual = rendered();
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, object] of expected) expect(actual.get(key), key).toEqual(object);
    expect(actual.get("ConfigMap/forge-templates")!.data["mail.tmpl"]).toBe("Hello {{ .User }}, welcome to {{ .Site }}");
  }, 60_000);

  it("a knob field a patch changed is fixed in the chart; the other knobs still work", (ctx) => {
    if (!requireTool("helm")) return ctx.skip();
    const base = rendered();
    const changed = rendered("image.tag=9.9.9", "replicas=7", "resources.limits.cpu=2", "env.FORGE_MODE=dev", "autoscaling.enabled=true");
    const container = (m: Map<string, Obj>) => m.get("Deployment/forge")!.spec.template.spec.containers[0];
    // Patched: the image, the resources, the replica count, the container's env list and the env ConfigMap.
    expect(container(changed).image).toBe(container(base).image);
    expect(container(changed).resources).toEqual(container(base).resources);
    expect(changed.get("Deployment/forge")!.spec.replicas).toBe(3);
    expect(changed.get("ConfigMap/forge-env")!.data).toEqual(base.get("ConfigMap/forge-env")!.data);
    // Not patched: autoscaling still switches the HPA on.
    expect(base.has("HorizontalPodAutoscaler/forge")).toBe(false);
    expect(changed.has("HorizontalPodAutoscaler/forge")).toBe(true);
  }, 60_000);
});

describe("escape hatches in HCL", () => {
  it("the HCL twin compiles to the same kubernetes/ and helm/ files, key case and braces kept", async () => {
    const compile = async (file: string) => {
      const loaded = await loadManifest(file, readFileSync(join(root, file)));
      expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const plan = planCompile([{ source: file, models: loaded.models }], [kubernetesEmitter, helmEmitter], { emit: ["kubernetes", "helm"] });
      if (!plan.ok) throw new Error(plan.error);
      // The header names the source file: the one line twins may differ in.
      return new Map(plan.plan.files.map((f) => [f.path, f.content.split(file).join("<source>")]));
    };
    const yaml = await compile(FIXTURE);
    const hcl = await compile(FIXTURE.replace(/\.yaml$/, ".hcl"));
    expect([...hcl.keys()]).toEqual([...yaml.keys()]);
    for (const [path, content] of yaml) expect(hcl.get(path), path).toBe(content);
  }, 30_000);
});
