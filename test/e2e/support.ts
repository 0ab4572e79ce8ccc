// Shared by the end-to-end tests: every example compiled once per test file (one environment each), the
// documented prerequisites installed on the cluster, and small readers of the objects the tests wait on.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EMITTERS } from "../../emitters/index.js";
import { planCompile } from "../../src/compile.js";
import type { Model } from "../../src/model/model.js";
import { loadManifest } from "../../src/pipeline.js";
import { getJson, kubectl, kubectlOk, type Cluster } from "../support/control-plane/cluster.js";
import { REPO_ROOT, sharedDir, tempDir } from "../support/tools.js";

/** Generous limits for one test against the local control plane (helm/kubectl calls carry short ones of their own). */
export const E2E_TIMEOUT = 240_000;

export interface CompiledExample {
  example: string;
  model: Model;
  /** <out>/<service>/<environment>: kubernetes/, backup/, prometheus/, checklist.md */
  dir: string;
  /** <out>/<service>/helm/<service>: the service's one chart, built from every environment. */
  chart: string;
  /** The chart's values file for the environment under test: every helm install and upgrade passes `-f` it. */
  values: string;
}

/** Every example, compiled with every emitter into a temp folder; one environment each under test (production if it has one). */
export async function compileExamples(prefix: string, extra: readonly string[] = []): Promise<CompiledExample[]> {
  const out = tempDir(prefix);
  const examples = readdirSync(join(REPO_ROOT, "examples")).sort();
  const compiled: CompiledExample[] = [];
  const files = [...examples.map((example) => ({ example, file: `examples/${example}/service.yaml`, path: join(REPO_ROOT, "examples", example, "service.yaml") })), ...extra.map((path) => ({ example: path, file: path, path }))];
  for (const { example, file, path } of files) {
    const loaded = await loadManifest(file, readFileSync(path));
    if (loaded.diagnostics.some((d) => d.severity === "error")) throw new Error(`${file}: ${JSON.stringify(loaded.diagnostics)}`);
    const model = loaded.models.find((m) => m.environment.name === "production") ?? loaded.models[0];
    if (!model) throw new Error(`${file}: no model`);
    // Every environment, as `berth compile` does: the chart spans them all, with a values file each.
    const plan = planCompile([{ source: file, models: loaded.models }], EMITTERS);
    if (!plan.ok) throw new Error(plan.error);
    for (const f of plan.plan.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    const dir = join(out, model.name, model.environment.name);
    const chart = join(out, model.name, "helm", model.name);
    compiled.push({ example, model, dir, chart, values: join(chart, `values-${model.environment.name}.yaml`) });
  }
  return compiled;
}

/** The shared CRD file that defines `name` (e.g. schedules.velero.io). */
function crdFile(name: string): string {
  const root = join(sharedDir()!, "conformance", "crds");
  for (const group of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(root, group.name)).filter((f) => f.endsWith(".yaml"))) {
      const path = join(root, group.name, file);
      if (new RegExp(`^  name: ${name.replace(/\./g, "\\.")}$`, "m").test(readFileSync(path, "utf8"))) return path;
    }
  }
  throw new Error(`no CRD ${name} in shared/conformance/crds`);
}

/**
 * Installs what the model lists as prerequisites for `outputs` (and nothing else): PriorityClasses, CRDs
 * (from shared/conformance; Argo Rollouts' come with its controller), shared namespaces. Objects that only
 * name something outside the cluster's admission (a Gateway, an IngressClass, a ClusterIssuer, a CNPG
 * Cluster) need nothing to be accepted.
 */
export function installPrerequisites(c: Cluster, model: Model, outputs: ReadonlyArray<"workload" | "backup" | "prometheus">): void {
  for (const p of model.prerequisites.filter((p) => outputs.includes(p.output))) {
    if (p.kind === "PriorityClass") {
      kubectlOk(c, ["apply", "--server-side", "--field-manager=platform", "-f", "-"], {
        input: JSON.stringify({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: p.name }, value: 1000 }),
      });
    } else if (p.kind === "StorageClass") {
      // The class, and (standing in for its provisioner) a volume bound in advance to each of the service's claims.
      const name = p.name.startsWith("(") ? "berth-default" : p.name;
      const sc = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name, ...(name === "berth-default" ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } : {}) }, provisioner: "kubernetes.io/no-provisioner", volumeBindingMode: "Immediate" };
      kubectlOk(c, ["apply", "--server-side", "--field-manager=platform", "-f", "-"], { input: JSON.stringify(sc) });
    } else if (p.kind === "Namespace") {
      kubectlOk(c, ["apply", "--server-side", "--field-manager=platform", "-f", "-"], { input: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: p.name } }) });
    } else if (p.kind === "CustomResourceDefinition") {
      if (kubectl(c, ["get", "crd", p.name]).status === 0) continue;
      kubectlOk(c, ["apply", "--server-side", "--field-manager=platform", "-f", crdFile(p.name)]);
      waitEstablished(c, p.name);
    }
  }
}

/**
 * Waits for a CRD to be served. `kubectl wait` fails at once, instead of waiting, while a new CRD has
 * no status yet ("conditions accessor error"): that case is retried, anything else is a failure.
 */
function waitEstablished(c: Cluster, name: string): void {
  for (let attempt = 0; ; attempt++) {
    const r = kubectl(c, ["wait", "--for=condition=Established", "--timeout=120s", `crd/${name}`]);
    if (r.status === 0) return;
    if (attempt >= 40 || !/accessor error/.test(r.stderr)) throw new Error(`kubectl wait for crd/${name} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}

/**
 * Stands in for a storage provisioner: one PersistentVolume per persistent volume of the model, bound in
 * advance to the claim the service will make in `namespace`.
 */
export function provisionVolumes(c: Cluster, model: Model, namespace: string): void {
  for (const v of model.volumes.filter((v) => v.persistent)) {
    const claim = model.names.claims[v.name]!;
    const pv = {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: `${namespace}-${claim}` },
      spec: {
        capacity: { storage: v.size.text },
        accessModes: [v.accessMode],
        storageClassName: v.storageClass ?? "berth-default",
        persistentVolumeReclaimPolicy: "Retain",
        hostPath: { path: `/tmp/berth-e2e/${namespace}/${claim}` },
        claimRef: { namespace, name: claim },
      },
    };
    kubectl(c, ["delete", "pv", pv.metadata.name, "--ignore-not-found", "--wait=false"]);
    kubectlOk(c, ["apply", "--server-side", "--field-manager=platform", "-f", "-"], { input: JSON.stringify(pv) });
  }
}

/** Creates a namespace that did not exist (deleting a leftover of an earlier run first). */
export function freshNamespace(c: Cluster, name: string): string {
  kubectl(c, ["delete", "namespace", name, "--ignore-not-found", "--wait=true", "--timeout=60s"], { timeoutMs: 70_000 });
  kubectlOk(c, ["create", "namespace", name]);
  return name;
}

export interface Workload {
  kind: "Deployment" | "Rollout";
  images: string[];
  available: boolean;
  phase?: string;
  /** A Rollout's stable ReplicaSet hash (the version its active Service serves). */
  stable?: string;
}

/** The service's Deployment or Rollout: its images and whether it is Available (a Rollout: Healthy). */
export function workload(c: Cluster, namespace: string, model: Model): Workload {
  const kind = model.deploy.strategy === "rolling" ? "Deployment" : "Rollout";
  const o = getJson(c, namespace, kind === "Deployment" ? "deployment" : "rollout.argoproj.io", model.names.workload);
  const images = (o.spec.template.spec.containers as Array<{ image: string }>).map((x) => x.image);
  if (kind === "Deployment") {
    const available = (o.status?.conditions ?? []).some((x: any) => x.type === "Available" && x.status === "True") && o.status.observedGeneration >= o.metadata.generation && (o.status.updatedReplicas ?? 0) === (o.status.replicas ?? -1);
    return { kind, images, available };
  }
  return { kind, images, available: o.status?.phase === "Healthy" && o.status.observedGeneration === String(o.metadata.generation), phase: o.status?.phase, stable: o.status?.stableRS };
}

/** Images of the running pods of the service's server (not its jobs). */
export function serverPods(c: Cluster, namespace: string, model: Model): Array<{ name: string; image: string; created: string; phase: string; hash?: string }> {
  const list = getJson(c, namespace, "pods", "-l", `app.kubernetes.io/instance=${model.name},app.kubernetes.io/component=server`);
  return list.items
    .filter((p: any) => !p.metadata.deletionTimestamp)
    .map((p: any) => ({ name: p.metadata.name, image: p.spec.containers[0].image, created: p.metadata.creationTimestamp, phase: p.status.phase, hash: p.metadata.labels["rollouts-pod-template-hash"] }));
}

/** Events whose object is `kind/name` and whose reason is `reason`. */
export function events(c: Cluster, namespace: string, kind: string, name: string, reason: string): Array<{ time: string; message: string }> {
  const list = getJson(c, namespace, "events", "--field-selector", `involvedObject.kind=${kind},involvedObject.name=${name},reason=${reason}`);
  return list.items.map((e: any) => ({ time: e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp, message: e.message }));
}

/** The image reference the chart renders with `image.tag=<tag>` (a digest, when pinned, stays). */
export function imageWithTag(model: Model, tag: string): string {
  return `${model.image.repository}:${tag}${model.image.digest ? `@${model.image.digest}` : ""}`;
}
