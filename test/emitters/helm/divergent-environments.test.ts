/**
 * One chart for environments that differ in every way an overlay allows (issue 17): objects only
 * some environments have, another strategy, another namespace, map keys the first environment has
 * and another lacks (Helm merges values files key by key), a sidecar, exposure. The real `helm
 * template -f values-<env>.yaml` must render exactly each environment's kubernetes/ objects.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { kubernetesEmitter } from "../../../emitters/kubernetes/index.js";
import { BASE_YAML, load } from "../../helpers.js";
import { requireTool, tempDir } from "../../support/tools.js";
import { writePlan } from "./plan-on-disk.js";

const MANIFEST = `${BASE_YAML}replicas: 2
env: { SHARED: "1" }
config_files:
  - { path: /etc/app/page.tmpl, content: "<h1>{{ .Title }}</h1>" }
environments:
  alpha:
    env: { ONLY_ALPHA: "yes" }
    secrets: { ALPHA_TOKEN: { secret: alpha, key: token } }
    ports: [{ name: http, port: 8080, expose: true }, { name: metrics, port: 9090 }]
    expose: { hosts: [alpha.example.com], ingress: { class: nginx }, tls: { issuer: letsencrypt } }
    labels: { cost-center: alpha }
  beta:
    namespace: orders-beta
    replicas: 1
    deploy: { strategy: canary, canary_percent: 50 }
    sidecars:
      - name: shipper
        image: ghcr.io/acme/shipper:2.0.0
        resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 100m, memory: 64Mi } }
  gamma:
    image: ghcr.io/acme/orders-api:2.2.0
    autoscaling: { enabled: true, min_replicas: 2, max_replicas: 5 }
`;

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> } };

const documents = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Obj).filter(Boolean);
const byName = (objects: Obj[]) => new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, strip(o)]));

/** Hook annotations (Argo CD's in kubernetes/, Helm's in the chart) and Helm's own config digest aside. */
function strip(o: Obj): Obj {
  const copy = structuredClone(o) as Obj & { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } };
  const kept = Object.entries(copy.metadata.annotations ?? {}).filter(([k]) => !k.startsWith("argocd.argoproj.io/") && !k.startsWith("helm.sh/"));
  if (kept.length) copy.metadata.annotations = Object.fromEntries(kept);
  else delete copy.metadata.annotations;
  const pod = copy.spec?.template?.metadata;
  if (pod?.annotations) {
    delete pod.annotations["berth.dev/config-hash"];
    if (!Object.keys(pod.annotations).length) delete pod.annotations;
  }
  return copy;
}

/**
 * NOTES.txt as Helm renders it for an environment, without a cluster (`helm install --dry-run`
 * needs one): a copy of the chart renders the notes through `tpl` into a ConfigMap.
 */
function renderNotes(helm: string, chart: string, env: string): string {
  const copy = tempDir("berth-notes-");
  cpSync(chart, copy, { recursive: true });
  cpSync(join(chart, "templates/NOTES.txt"), join(copy, "notes.txt"));
  writeFileSync(join(copy, "templates/zz-notes.yaml"), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ tpl (.Files.Get "notes.txt") . | toJson }}\n');
  const run = spawnSync(helm, ["template", "orders-api", copy, "-n", "orders", "-f", join(copy, `values-${env}.yaml`), "--show-only", "templates/zz-notes.yaml"], { encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return (documents(run.stdout)[0] as unknown as { data: { notes: string } }).data.notes;
}

describe("one chart for diverging environments", () => {
  it("renders each environment's own objects from its values file", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const loaded = await load(MANIFEST);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const out = writePlan(loaded.models, [kubernetesEmitter, helmEmitter], "berth-divergent-");
    const chart = join(out, "orders-api/helm/orders-api");
    // values.yaml is alpha's: beta's file removes what only alpha has.
    const beta = readFileSync(join(chart, "values-beta.yaml"), "utf8");
    expect(beta).toContain("ONLY_ALPHA: null");
    expect(beta).toContain("expose: null");
    for (const model of loaded.models) {
      const env = model.environment.name;
      const run = spawnSync(helm, ["template", "orders-api", chart, "-n", model.namespace, "-f", join(chart, `values-${env}.yaml`)], { encoding: "utf8", timeout: 60_000 });
      expect(run.status, `${env}: ${run.stderr}`).toBe(0);
      const folder = join(out, "orders-api", env, "kubernetes");
      const expected = byName(readdirSync(folder).filter((f) => f !== "kustomization.yaml" && f !== "namespace.yaml").flatMap((f) => documents(readFileSync(join(folder, f), "utf8"))));
      const actual = byName(documents(run.stdout));
      expect([...actual.keys()].sort(), env).toEqual([...expected.keys()].sort());
      for (const [key, object] of expected) expect(actual.get(key), `${env} ${key}`).toEqual(object);
    }
    // The sidecar's image and size are knobs, like the service's own: an override changes that container and nothing else.
    const renderBeta = () => spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-beta", "-f", join(chart, "values-beta.yaml"), ...sets], { encoding: "utf8", timeout: 60_000 });
    let sets: string[] = [];
    const before = byName(documents(renderBeta().stdout));
    sets = ["--set", "sidecars.shipper.image.tag=2.1.0", "--set", "sidecars.shipper.resources.limits.memory=128Mi"];
    const after = byName(documents(renderBeta().stdout));
    type Pod = { spec: { template: { spec: { initContainers: Array<{ name: string; image: string; resources: { limits: { memory: string } } }> } } } };
    const shipper = (objects: Map<string, Obj>) => (objects.get("Rollout/orders-api") as unknown as Pod).spec.template.spec.initContainers.find((c) => c.name === "shipper")!;
    expect(shipper(before).image).toBe("ghcr.io/acme/shipper:2.0.0");
    expect(shipper(after).image).toBe("ghcr.io/acme/shipper:2.1.0");
    expect(shipper(after).resources.limits.memory).toBe("128Mi");
    const changed = structuredClone(after);
    Object.assign(shipper(changed), { image: shipper(before).image, resources: shipper(before).resources });
    expect(changed).toEqual(before);
    sets = ["--set", "sidecars.shipper.image.digest=latest"];
    expect(renderBeta().status, "values.schema.json checks the sidecar's knobs").not.toBe(0);
    // NOTES.txt is each environment's own: beta deploys with Argo Rollouts, alpha with a Deployment.
    const notes = (env: string) => renderNotes(helm, chart, env);
    expect(notes("beta")).toContain("kubectl argo rollouts -n orders get rollout orders-api");
    expect(notes("alpha")).toContain("rollout status deployment/orders-api");
    expect(notes("alpha")).not.toContain("argo rollouts");
    // The environments really differ: a Rollout only in beta, an Ingress only in alpha, an HPA only in gamma.
    const kinds = (env: string) => readdirSync(join(out, "orders-api", env, "kubernetes"));
    expect(kinds("beta")).toContain("rollout.yaml");
    expect(kinds("alpha")).toContain("ingress.yaml");
    expect(kinds("alpha")).not.toContain("horizontalpodautoscaler.yaml");
  }, 120_000);
});

describe("the chart's own values meet its values.schema.json", () => {
  it("a large fixed replica count installs: the install-time autoscaling knob stays within max_replicas' bound", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const loaded = await load(`${BASE_YAML}replicas: 600\n`);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(loaded.models[0]!.autoscalingWhenEnabled.maxReplicas).toBe(1000);
    const out = writePlan(loaded.models, [helmEmitter], "berth-large-");
    const chart = join(out, "orders-api/helm/orders-api");
    const run = spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml")], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
  }, 60_000);
});

describe("the install-time autoscaling knob keeps what the checklist judged", () => {
  it("a SQLite service stays one pod at install time, autoscaling switched on or counts overridden (sqlite-single-writer)", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const loaded = await load(`${BASE_YAML}replicas: 1\nvolumes: [{ name: data, mount: /data, size: 1Gi }]\ndatabase: { engine: sqlite, path: /data/app.db }\n`);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const out = writePlan(loaded.models, [helmEmitter], "berth-sqlite-");
    const chart = join(out, "orders-api/helm/orders-api");
    const run = spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml"), "--set", "autoscaling.enabled=true"], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const hpa = documents(run.stdout).find((o) => o.kind === "HorizontalPodAutoscaler") as unknown as { spec: { minReplicas: number; maxReplicas: number } };
    expect(hpa.spec).toMatchObject({ minReplicas: 1, maxReplicas: 1 });
    // Nor can an override add a second writer: values.schema.json holds both counts to one.
    for (const sets of [["replicas=3"], ["autoscaling.enabled=true", "autoscaling.maxReplicas=3"]]) {
      const more = spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml"), ...sets.flatMap((s) => ["--set", s])], { encoding: "utf8", timeout: 60_000 });
      expect(more.status, sets.join(" ")).not.toBe(0);
      expect(more.stderr, sets.join(" ")).toMatch(/(replicas|maxReplicas).*maximum/);
    }
  }, 60_000);
});
