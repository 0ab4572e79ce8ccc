// Pod-only and per-kind labels and annotations (issue 13, "Metadata"): the pod templates of the
// service's own containers take pod_labels/pod_annotations, each generated kind its object_metadata,
// and no selector ever matches on them.
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { EMITTERS } from "../../emitters/index.js";
import { planCompile } from "../../src/compile.js";
import { buildKubeObjects } from "../../src/kube/index.js";
import { codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf, objectIn } from "../kube/model.js";
import { validateBuiltIn } from "../support/k8s-models.js";
import { crdFor, validateAgainstCrd } from "../support/crd-schemas.js";
import { sharedDir } from "../support/tools.js";

const TIMEOUT = { timeout: 60_000 };
const METADATA = `labels: { cost-center: cc-1 }
annotations: { acme.com/owner-slack: "#orders" }
pod_labels: { sidecar.istio.io/inject: "true", cost-center: cc-pods }
pod_annotations: { vault.hashicorp.com/agent-inject: "true" }
object_metadata:
  Service:
    labels: { exposure: internal }
    annotations: { external-dns.alpha.kubernetes.io/hostname: orders.example.com }
  CronJob:
    labels: { batch: nightly }
  ServiceMonitor:
    labels: { release: prometheus }
env: { MODE: fast }
database:
  engine: postgres
  url: { secret: orders-db, key: url }
  max_connections: 100
  migrations: { mode: job, command: [./migrate] }
network: { egress: [{ cidr: 10.0.0.0/24, ports: [5432] }] }
scheduled_jobs:
  - { name: digest, schedule: "0 * * * *", command: [./digest] }
monitoring: { metrics: { port: metrics } }
`;

type Obj = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any };

/** Every object every emitter writes for the manifest (YAML documents of all outputs, the chart's templates aside). */
async function allObjects(text: string): Promise<Obj[]> {
  const loaded = await load(text);
  const plan = planCompile([{ source: "service.yaml", models: loaded.models.slice(0, 1) }], EMITTERS);
  if (!plan.ok) throw new Error(plan.error);
  return plan.plan.files
    .filter((f) => f.path.endsWith(".yaml") && !f.path.includes("/helm/") && !f.path.endsWith("kustomization.yaml") && !f.path.endsWith("rules.yaml"))
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Obj))
    .filter((o) => o?.kind && o.metadata);
}

/** The pod templates the service's own containers run in. */
function podTemplates(objects: Obj[]) {
  return objects.flatMap((o) => (o.kind === "CronJob" ? [o.spec.jobTemplate.spec.template] : o.spec?.template?.spec?.containers ? [o.spec.template] : []));
}

describe("object metadata: where each goes", TIMEOUT, () => {
  it("pod labels and annotations are on every pod template of the service and on no object", async () => {
    const m = await modelOf(base(METADATA));
    const objects = buildKubeObjects(m).map((o) => o.object as unknown as Obj);
    const templates = podTemplates(objects);
    expect(templates).toHaveLength(3); // the Deployment, the migration Job, the CronJob
    for (const t of templates) {
      expect(t.metadata.labels["sidecar.istio.io/inject"]).toBe("true");
      expect(t.metadata.labels["cost-center"]).toBe("cc-pods"); // the pod's own wins over `labels` on the pod
      expect(t.metadata.annotations["vault.hashicorp.com/agent-inject"]).toBe("true");
    }
    // The config digest stays beside the pod's annotations.
    expect(Object.keys(objectIn(buildKubeObjects(m), "deployment.yaml").spec.template.metadata.annotations).sort()).toEqual(["berth.dev/config-hash", "vault.hashicorp.com/agent-inject"]);
    for (const o of objects) {
      expect(o.metadata.labels?.["sidecar.istio.io/inject"], `${o.kind}/${o.metadata.name}`).toBeUndefined();
      expect(o.metadata.annotations?.["vault.hashicorp.com/agent-inject"], `${o.kind}/${o.metadata.name}`).toBeUndefined();
      expect(o.metadata.labels?.["cost-center"], `${o.kind}/${o.metadata.name}`).toBe("cc-1");
    }
  });

  it("pod labels enter no selector: the workload's, the Service's, the budget's and the network policy's are unchanged", async () => {
    const plain = buildKubeObjects(await modelOf(base(METADATA.replace(/^pod_labels:.*\n/m, ""))));
    const withPodLabels = buildKubeObjects(await modelOf(base(METADATA)));
    const selectors = (objects: typeof plain) => ({
      workload: objectIn(objects, "deployment.yaml").spec.selector,
      service: objectIn(objects, "service.yaml").spec.selector,
      budget: objectIn(objects, "poddisruptionbudget.yaml").spec.selector,
      policy: objectIn(objects, "networkpolicy.yaml").spec.podSelector,
    });
    expect(selectors(withPodLabels)).toEqual(selectors(plain));
    expect(JSON.stringify(selectors(withPodLabels))).not.toContain("istio");
  });

  it("a kind's labels and annotations go on every object of that kind in every output, and on no other", async () => {
    const objects = await allObjects(base(METADATA));
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of ["Service", "CronJob", "ServiceMonitor", "Deployment", "Job", "ConfigMap", "NetworkPolicy"]) expect(kinds, kind).toContain(kind);
    for (const o of objects.filter((o) => o.kind !== "Namespace")) {
      const where = `${o.kind}/${o.metadata.name}`;
      expect(o.metadata.labels?.exposure, where).toBe(o.kind === "Service" ? "internal" : undefined);
      expect(o.metadata.annotations?.["external-dns.alpha.kubernetes.io/hostname"], where).toBe(o.kind === "Service" ? "orders.example.com" : undefined);
      expect(o.metadata.labels?.batch, where).toBe(o.kind === "CronJob" ? "nightly" : undefined);
      expect(o.metadata.labels?.release, where).toBe(o.kind === "ServiceMonitor" ? "prometheus" : undefined);
      expect(o.metadata.annotations?.["acme.com/owner-slack"], where).toBe("#orders"); // `annotations` still on every object
    }
    // The CronJob's pods are not CronJobs: the kind's labels stay on the object.
    const cron = objects.find((o) => o.kind === "CronJob")!;
    expect(cron.spec.jobTemplate.spec.template.metadata.labels.batch).toBeUndefined();
  });

  it("the objects stay valid for their consumers", async (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const problems = (await allObjects(base(METADATA))).flatMap((o) =>
      (crdFor(o as { apiVersion: string; kind: string }) ? validateAgainstCrd(o as any) : validateBuiltIn(o as any)).map((e) => `${o.kind}/${o.metadata.name}: ${e}`),
    );
    expect(problems).toEqual([]);
  });

  it("without them nothing changes: no pod annotations but the digest, labels as before", async () => {
    const m = await modelOf(base("env: { MODE: fast }\n"));
    const template = objectIn(buildKubeObjects(m), "deployment.yaml").spec.template;
    expect(Object.keys(template.metadata.annotations)).toEqual(["berth.dev/config-hash"]);
    expect(template.metadata.labels).toEqual(objectIn(buildKubeObjects(m), "deployment.yaml").metadata.labels);
  });
});

describe("object metadata: located errors", TIMEOUT, () => {
  it.each([
    ["a selector label on the pods", "pod_labels: { app.kubernetes.io/instance: other }\n", "RESERVED_LABEL", "app.kubernetes.io/instance"],
    ["berth's own label on the pods", "pod_labels: { berth.dev/apply-first: \"true\" }\n", "RESERVED_LABEL", "berth.dev/apply-first"],
    ["a selector label on one kind", "object_metadata:\n  Service:\n    labels: { app.kubernetes.io/name: web }\n", "RESERVED_LABEL", "app.kubernetes.io/name"],
    ["berth's annotation on the pods", "pod_annotations: { berth.dev/config-hash: abc }\n", "RESERVED_ANNOTATION", "berth.dev/config-hash"],
    ["berth's annotation on one kind", "object_metadata:\n  Deployment:\n    annotations: { berth.dev/owner: me }\n", "RESERVED_ANNOTATION", "berth.dev/owner"],
    ["a kind berth does not generate", "object_metadata:\n  Deploymnet:\n    labels: { a: b }\n", "UNKNOWN_KEY", "Deploymnet"],
    ["a label value too long", `pod_labels: { team-x: ${"a".repeat(64)} }\n`, "INVALID_LABEL", "a".repeat(64)],
    ["a label key with a space", "object_metadata:\n  Service:\n    labels: { \"bad key\": x }\n", "INVALID_LABEL", "\"bad key\""],
  ])("%s", async (_what, extra, code, at) => {
    const text = base(extra);
    expect(codesAt(await load(text))).toEqual([`${code}@${positionOf(text, at)}`]);
  });

  it("the unknown kind's message suggests the kind berth generates", async () => {
    const loaded = await load(base("object_metadata:\n  Deploymnet:\n    labels: { a: b }\n"));
    expect(`${loaded.diagnostics[0]!.message} ${loaded.diagnostics[0]!.hint}`).toContain("Deployment");
  });

  it("pod annotations over the API server's 256 KiB are refused at pod_annotations", async () => {
    const text = base(`pod_annotations: { big: "${"x".repeat(256 * 1024)}" }\n`);
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`ANNOTATIONS_TOO_LARGE@${positionOf(text, "pod_annotations")}`]);
    expect(loaded.diagnostics[0]!.message).toContain("the service's pods");
  });
});

describe("object metadata and app settings in HCL", TIMEOUT, () => {
  const HCL = `apiVersion = "berth/v1"
kind       = "Service"
name       = "orders-api"
team       = "payments"
image      = "ghcr.io/acme/orders-api:2.1.0"
port "http" { port = 8080 }
pod_labels = { "sidecar.istio.io/inject" = "false" }
object_metadata {
  Service {
    labels = { exposure = "internal" }
  }
}
app_settings {
  exclude = ["HTTP_IDLE_TIMEOUT"]
  inject  = true
}
`;
  const YAML = `apiVersion: berth/v1
kind: Service
name: orders-api
team: payments
image: ghcr.io/acme/orders-api:2.1.0
ports: [{ name: http, port: 8080 }]
pod_labels: { sidecar.istio.io/inject: "false" }
object_metadata: { Service: { labels: { exposure: internal } } }
app_settings: { exclude: [HTTP_IDLE_TIMEOUT], inject: true }
`;

  it("nested blocks per kind and an app_settings block mean what the YAML means", async () => {
    const [hcl, yaml] = [await load(HCL, "service.hcl"), await load(YAML)];
    expect(codesAt(hcl)).toEqual([]);
    expect(hcl.models[0]!.identity).toEqual(yaml.models[0]!.identity);
    expect(hcl.models[0]!.appSettings).toEqual(yaml.models[0]!.appSettings);
  });

  it("an unknown kind block is located in the HCL, with the kind berth generates", async () => {
    const text = HCL.replace("  Service {", "  Servce {");
    const loaded = await load(text, "service.hcl");
    expect(codesAt(loaded)).toEqual([`UNKNOWN_KEY@${positionOf(text, "Servce")}`]);
    expect(`${loaded.diagnostics[0]!.message} ${loaded.diagnostics[0]!.hint}`).toContain('"Service"');
  });
});
