import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { kubernetesEmitter } from "../../../emitters/kubernetes/index.js";
import type { OutputFile } from "../../../emitters/types.js";
import { generatedHeader } from "../../../src/output/header.js";
import { BASE_YAML, load } from "../../helpers.js";

const SOURCE = "services/orders/service.yaml";

async function emit(text: string, source = SOURCE): Promise<OutputFile[]> {
  const loaded = await load(text);
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
  return kubernetesEmitter.emit(loaded.models[0]!, { source });
}

const paths = (files: OutputFile[]) => files.map((f) => f.path);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const docOf = (files: OutputFile[], path: string): any => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} not emitted; got ${paths(files).join(", ")}`);
  return parseAllDocuments(file.content).map((d) => d.toJS())[0];
};

/** Every optional feature at once: exposure both ways, blue-green with analysis, autoscaling, volumes, config files, migrations, cron jobs. */
const EVERYTHING =
  BASE_YAML.replace("{ name: http, port: 8080 }", "{ name: http, port: 8080, expose: true }") +
  "config_files:\n  - { path: /etc/app/app.yaml, content: 'a: 1' }\n" +
  "volumes:\n  - { name: uploads, mount: /uploads, size: 5Gi }\n  - { name: cache, mount: /cache, size: 1Gi }\n  - { name: scratch, mount: /scratch, size: 1Gi, persistent: false }\n" +
  "deploy: { strategy: blue-green }\n" +
  "autoscaling: { max_replicas: 6 }\n" +
  "expose:\n  hosts: [orders.example.com]\n  tls: { issuer: letsencrypt }\n  gateway: { name: public, namespace: gateways }\n  ingress: { class: nginx }\n" +
  "database: { engine: postgres, url: { secret: db, key: uri }, migrations: { command: [./migrate] } }\n" +
  "network: { egress: [{ cidr: 10.20.0.0/24, ports: [5432] }] }\n" +
  "monitoring:\n  metrics: { port: metrics }\n" +
  "scheduled_jobs:\n  - { name: report, schedule: hourly, command: [./report] }\n  - { name: cleanup, schedule: daily, command: [./cleanup] }\n  - { name: in-app, schedule: daily }\n";

describe("kubernetes emitter: file set", () => {
  it("writes the always-present objects, and only those, for a plain manifest", async () => {
    expect(paths(await emit(BASE_YAML))).toEqual([
      "kubernetes/namespace.yaml",
      "kubernetes/serviceaccount.yaml",
      "kubernetes/configmap-env.yaml",
      "kubernetes/deployment.yaml",
      "kubernetes/service.yaml",
      "kubernetes/poddisruptionbudget.yaml",
      "kubernetes/networkpolicy.yaml",
      "kubernetes/kustomization.yaml",
    ]);
  });

  it("writes a file per optional feature, in dependency order (config and claims before the workload, hooks and jobs last)", async () => {
    expect(paths(await emit(EVERYTHING))).toEqual([
      "kubernetes/namespace.yaml",
      "kubernetes/serviceaccount.yaml",
      "kubernetes/configmap-env.yaml",
      "kubernetes/configmap-files.yaml",
      "kubernetes/persistentvolumeclaim-cache.yaml",
      "kubernetes/persistentvolumeclaim-uploads.yaml",
      "kubernetes/rollout.yaml",
      "kubernetes/analysistemplate.yaml",
      "kubernetes/service.yaml",
      "kubernetes/service-preview.yaml",
      "kubernetes/poddisruptionbudget.yaml",
      "kubernetes/horizontalpodautoscaler.yaml",
      "kubernetes/networkpolicy.yaml",
      "kubernetes/httproute.yaml",
      "kubernetes/ingress.yaml",
      "kubernetes/serviceaccount-migrate.yaml",
      "kubernetes/configmap-migrate-env.yaml",
      "kubernetes/configmap-migrate-files.yaml",
      "kubernetes/job-migrate.yaml",
      "kubernetes/cronjob-cleanup.yaml",
      "kubernetes/cronjob-report.yaml",
      "kubernetes/kustomization.yaml",
    ]);
  });

  it("names the workload file after its kind: deployment.yaml for rolling, rollout.yaml for canary", async () => {
    const canary = paths(await emit(BASE_YAML + "deploy: { strategy: canary }\n"));
    expect(canary).toContain("kubernetes/rollout.yaml");
    expect(canary).not.toContain("kubernetes/deployment.yaml");
    expect(canary).not.toContain("kubernetes/service-preview.yaml");
    expect(docOf(await emit(BASE_YAML + "deploy: { strategy: canary }\n"), "kubernetes/rollout.yaml").kind).toBe("Rollout");
  });

  it("writes no Service without ports", async () => {
    const noPorts = BASE_YAML.replace(/ports:\n.*\n.*\n/, "").replace(/health:[\s\S]*$/, "health:\n  liveness: { exec: [/bin/true] }\n  readiness: { exec: [/bin/true] }\n");
    const files = await emit(noPorts);
    expect(paths(files)).not.toContain("kubernetes/service.yaml");
    expect(docOf(files, "kubernetes/kustomization.yaml").resources).not.toContain("service.yaml");
  });

  it("writes only under its root", async () => {
    expect(kubernetesEmitter.roots).toEqual(["kubernetes"]);
    for (const path of paths(await emit(EVERYTHING))) expect(path.startsWith("kubernetes/") && !path.slice(11).includes("/"), path).toBe(true);
  });
});

describe("kubernetes emitter: kustomization", () => {
  it("lists every other file it wrote, in the same order, and nothing else", async () => {
    for (const text of [BASE_YAML, EVERYTHING]) {
      const files = await emit(text);
      const k = docOf(files, "kubernetes/kustomization.yaml");
      expect(k.apiVersion).toBe("kustomize.config.k8s.io/v1beta1");
      expect(k.kind).toBe("Kustomization");
      expect(k.resources).toEqual(paths(files).filter((p) => p !== "kubernetes/kustomization.yaml").map((p) => p.slice("kubernetes/".length)));
      expect(paths(files).at(-1)).toBe("kubernetes/kustomization.yaml");
    }
  });
});

describe("kubernetes emitter: file contents", () => {
  it("starts every file with the header naming the manifest, then one YAML document", async () => {
    const files = await emit(EVERYTHING, "teams/orders/service.yaml");
    const header = generatedHeader("teams/orders/service.yaml");
    expect(header).toContain("teams/orders/service.yaml");
    for (const f of files) {
      expect(f.content.startsWith(header), f.path).toBe(true);
      const docs = parseAllDocuments(f.content);
      expect(docs.length, f.path).toBe(1);
      expect(docs[0]!.errors, f.path).toEqual([]);
    }
  });

  it("puts the object each file is named after in it", async () => {
    const files = await emit(EVERYTHING);
    const kinds = Object.fromEntries(files.map((f) => [f.path.slice("kubernetes/".length), docOf(files, f.path).kind]));
    expect(kinds).toEqual({
      "namespace.yaml": "Namespace",
      "serviceaccount.yaml": "ServiceAccount",
      "configmap-env.yaml": "ConfigMap",
      "configmap-files.yaml": "ConfigMap",
      "persistentvolumeclaim-cache.yaml": "PersistentVolumeClaim",
      "persistentvolumeclaim-uploads.yaml": "PersistentVolumeClaim",
      "rollout.yaml": "Rollout",
      "analysistemplate.yaml": "AnalysisTemplate",
      "service.yaml": "Service",
      "service-preview.yaml": "Service",
      "poddisruptionbudget.yaml": "PodDisruptionBudget",
      "horizontalpodautoscaler.yaml": "HorizontalPodAutoscaler",
      "networkpolicy.yaml": "NetworkPolicy",
      "httproute.yaml": "HTTPRoute",
      "ingress.yaml": "Ingress",
      "serviceaccount-migrate.yaml": "ServiceAccount",
      "configmap-migrate-env.yaml": "ConfigMap",
      "configmap-migrate-files.yaml": "ConfigMap",
      "job-migrate.yaml": "Job",
      "cronjob-cleanup.yaml": "CronJob",
      "cronjob-report.yaml": "CronJob",
      "kustomization.yaml": "Kustomization",
    });
  });

  it("puts every namespaced object in the service's namespace, and ships that Namespace", async () => {
    const files = await emit(EVERYTHING.replace("team: payments", "team: payments\nnamespace: shop"));
    const namespaced = files.filter((f) => !f.path.endsWith("kustomization.yaml") && !f.path.endsWith("namespace.yaml"));
    expect([...new Set(namespaced.map((f) => docOf(files, f.path).metadata.namespace))]).toEqual(["shop"]);
    expect(docOf(files, "kubernetes/namespace.yaml").metadata.name).toBe("shop");
  });
});

describe("kubernetes emitter: determinism", () => {
  it("gives identical files for the same manifest", async () => {
    expect(await emit(EVERYTHING)).toEqual(await emit(EVERYTHING));
  });

  it("gives identical files when the manifest lists ports, volumes, jobs and hosts in another order", async () => {
    const reordered = EVERYTHING.replace(
      "  - { name: http, port: 8080, expose: true }\n  - { name: metrics, port: 9090 }\n",
      "  - { name: metrics, port: 9090 }\n  - { name: http, port: 8080, expose: true }\n",
    )
      .replace(
        "  - { name: uploads, mount: /uploads, size: 5Gi }\n  - { name: cache, mount: /cache, size: 1Gi }\n",
        "  - { name: cache, mount: /cache, size: 1Gi }\n  - { name: uploads, mount: /uploads, size: 5Gi }\n",
      )
      .replace(
        "  - { name: report, schedule: hourly, command: [./report] }\n  - { name: cleanup, schedule: daily, command: [./cleanup] }\n",
        "  - { name: cleanup, schedule: daily, command: [./cleanup] }\n  - { name: report, schedule: hourly, command: [./report] }\n",
      )
      .replace("hosts: [orders.example.com]", "hosts: [www.example.com, orders.example.com]");
    expect(reordered).not.toBe(EVERYTHING);
    const withBothHosts = EVERYTHING.replace("hosts: [orders.example.com]", "hosts: [orders.example.com, www.example.com]");
    expect(await emit(reordered)).toEqual(await emit(withBothHosts));
  });
});
