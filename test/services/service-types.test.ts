// Service types (issue 13): LoadBalancer / NodePort for the whole service or per port, headless, and
// the NetworkPolicy admitting exactly what they publish.
import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../src/kube/index.js";
import { codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf, objectIn } from "../kube/model.js";
import { validateBuiltIn } from "../support/k8s-models.js";

const TIMEOUT = { timeout: 60_000 };
const SSH = "  - { name: ssh, port: 2222, publish: { type: LoadBalancer, port: 22 } }\n";
const withSsh = (extra = "") => base(extra).replace("  - { name: metrics, port: 9090 }\n", `  - { name: metrics, port: 9090 }\n${SSH}`);
const objects = async (text: string) => buildKubeObjects(await modelOf(text));
const ingressFor = (policy: { spec: { ingress: Array<{ ports?: Array<{ port: number }> }> } }, port: number) =>
  policy.spec.ingress.filter((r) => r.ports?.some((p) => p.port === port));

describe("service types: the Services", TIMEOUT, () => {
  it("a port published by a LoadBalancer gets a Service of its own, on the published port, besides the ClusterIP one", async () => {
    const out = await objects(withSsh("service:\n  load_balancer:\n    annotations: { service.beta.kubernetes.io/aws-load-balancer-type: nlb }\n    class: service.k8s.aws/nlb\n"));
    const main = objectIn(out, "service.yaml");
    expect(main.spec.type).toBe("ClusterIP");
    expect(main.spec.ports.map((p: { name: string }) => p.name)).toEqual(["http", "metrics", "ssh"]);
    const lb = objectIn(out, "service-loadbalancer.yaml");
    expect(lb.metadata.name).toBe("orders-api-loadbalancer");
    expect(lb.metadata.annotations).toMatchObject({ "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" });
    expect(main.metadata.annotations ?? {}).not.toHaveProperty("service.beta.kubernetes.io/aws-load-balancer-type");
    expect(lb.spec).toMatchObject({
      type: "LoadBalancer",
      ports: [{ name: "ssh", port: 22, targetPort: "ssh", protocol: "TCP" }],
      externalTrafficPolicy: "Cluster",
      loadBalancerClass: "service.k8s.aws/nlb",
    });
    expect(lb.spec.loadBalancerSourceRanges).toBeUndefined();
    for (const file of ["service.yaml", "service-loadbalancer.yaml", "networkpolicy.yaml"]) expect(validateBuiltIn(objectIn(out, file)), file).toEqual([]);
  });

  it("NodePort per port with a fixed node port; UDP ports keep their protocol", async () => {
    const text = base().replace("  - { name: metrics, port: 9090 }\n", "  - { name: metrics, port: 9090 }\n  - { name: syslog, port: 5514, protocol: UDP, publish: { type: NodePort, node_port: 30514 } }\n");
    const np = objectIn(await objects(text), "service-nodeport.yaml");
    expect(np.spec).toMatchObject({ type: "NodePort", ports: [{ name: "syslog", port: 5514, protocol: "UDP", nodePort: 30514 }], externalTrafficPolicy: "Cluster" });
  });

  it("the whole service as a LoadBalancer with source ranges, or headless", async () => {
    const lb = objectIn(await objects(base("service:\n  type: LoadBalancer\n  load_balancer: { source_ranges: [10.0.0.0/8], external_traffic_policy: Local }\n")), "service.yaml");
    expect(lb.spec).toMatchObject({ type: "LoadBalancer", loadBalancerSourceRanges: ["10.0.0.0/8"], externalTrafficPolicy: "Local" });
    const headless = objectIn(await objects(base("service: { headless: true }\n")), "service.yaml");
    expect(headless.spec).toMatchObject({ type: "ClusterIP", clusterIP: "None" });
  });

  it("the blue-green preview stays ClusterIP whatever the main Service is", async () => {
    const out = await objects(base("deploy: { strategy: blue-green }\nservice: { type: NodePort }\n"));
    expect(objectIn(out, "service.yaml").spec.type).toBe("NodePort");
    expect(objectIn(out, "service-preview.yaml").spec.type).toBe("ClusterIP");
  });

  it("without service settings nothing changes: one ClusterIP Service, no externalTrafficPolicy", async () => {
    const out = await objects(base());
    expect(out.filter((o) => o.object.kind === "Service").map((o) => o.file)).toEqual(["service.yaml"]);
    expect(objectIn(out, "service.yaml").spec.externalTrafficPolicy).toBeUndefined();
  });
});

describe("service types: the NetworkPolicy admits what is published", TIMEOUT, () => {
  it("from anywhere when client addresses do not reach the pods (Cluster policy, or no ranges)", async () => {
    const policy = objectIn(await objects(withSsh("service:\n  load_balancer: { source_ranges: [203.0.113.0/24] }\n")), "networkpolicy.yaml");
    expect(ingressFor(policy, 2222)).toEqual([{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 2222 }] }]);
  });

  it("from the source ranges with externalTrafficPolicy Local, on the container port", async () => {
    const policy = objectIn(
      await objects(withSsh("service:\n  load_balancer: { source_ranges: [203.0.113.0/24, 198.51.100.0/24], external_traffic_policy: Local }\n")),
      "networkpolicy.yaml",
    );
    expect(ingressFor(policy, 2222)).toEqual([
      { from: [{ ipBlock: { cidr: "198.51.100.0/24" } }, { ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ protocol: "TCP", port: 2222 }] },
    ]);
    // Unpublished ports stay closed to the outside.
    expect(ingressFor(policy, 8080)).toEqual([]);
  });

  it("every port of a NodePort main Service", async () => {
    const policy = objectIn(await objects(base("service: { type: NodePort }\n")), "networkpolicy.yaml");
    expect(ingressFor(policy, 8080)).toEqual([{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 8080 }] }]);
  });
});

describe("service types: located errors and the checklist", TIMEOUT, () => {
  it("headless with a NodePort type, load-balancer settings without a LoadBalancer, a repeated published port", async () => {
    const headless = base("service:\n  type: NodePort\n  headless: true\n");
    expect(codesAt(await load(headless))).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(headless, "headless")}`]);
    const lb = base("service:\n  load_balancer: { source_ranges: [10.0.0.0/8] }\n");
    expect(codesAt(await load(lb))).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(lb, "load_balancer")}`]);
    const twice = withSsh().replace(SSH, SSH + "  - { name: ssh2, port: 2223, publish: { type: LoadBalancer, port: 22 } }\n");
    expect(codesAt(await load(twice))).toEqual([`DUPLICATE_NAME@${positionOf(twice, "publish", "ssh2")}`]);
    const badNodePort = base().replace("  - { name: metrics, port: 9090 }\n", "  - { name: metrics, port: 9090, publish: { type: NodePort, node_port: 80 } }\n");
    expect(codesAt(await load(badNodePort))[0]).toBe(`OUT_OF_RANGE@${positionOf(badNodePort, "80 }", "node_port")}`);
  });

  it("published-ports-restricted passes with source ranges", async () => {
    const { lintManifest } = await import("../../src/lint/lint-manifest.js");
    const codes = async (text: string) => (await lintManifest(await load(text))).findings.filter((f) => f.code === "published-ports-restricted").length;
    expect(await codes(withSsh())).toBe(1);
    expect(await codes(withSsh("service:\n  load_balancer: { source_ranges: [10.0.0.0/8] }\n"))).toBe(0);
  });
});

describe("service types and job settings in HCL", TIMEOUT, () => {
  it("publish, service and per-job blocks read as the YAML does", async () => {
    const hcl = `apiVersion = "berth/v1"
kind = "Service"
name = "orders-api"
team = "payments"
image = "ghcr.io/acme/orders-api:2.1.0"
port "http" { port = 8080 }
port "ssh" {
  port = 2222
  publish {
    type = "LoadBalancer"
    port = 22
  }
}
service {
  load_balancer {
    source_ranges = ["10.0.0.0/8"]
    external_traffic_policy = "Local"
  }
}
scheduled_job "zz-report" {
  schedule = "0 * * * *"
  command = ["./report"]
  image = "ghcr.io/acme/report:1.0.0"
  history {
    failed = 2
  }
}
scheduled_job "aa-clean" {
  schedule = "0 3 * * *"
  command = ["./clean"]
  concurrency_policy = "Replace"
}
`;
    const yaml = `apiVersion: berth/v1
kind: Service
name: orders-api
team: payments
image: ghcr.io/acme/orders-api:2.1.0
ports:
  - { name: ssh, port: 2222, publish: { type: LoadBalancer, port: 22 } }
  - { name: http, port: 8080 }
service:
  load_balancer: { source_ranges: [10.0.0.0/8], external_traffic_policy: Local }
scheduled_jobs:
  - { name: zz-report, schedule: "0 * * * *", command: [./report], image: ghcr.io/acme/report:1.0.0, history: { failed: 2 } }
  - { name: aa-clean, schedule: "0 3 * * *", command: [./clean], concurrency_policy: Replace }
`;
    const fromHcl = await load(hcl, "service.hcl");
    expect(fromHcl.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const { source: _a, ...h } = fromHcl.models[0]!;
    const { source: _b, ...y } = (await load(yaml)).models[0]!;
    expect(h.serviceExposure.services.map((s) => s.type)).toEqual(["ClusterIP", "LoadBalancer"]);
    expect(h).toEqual(y);
  });

  it("a finding about a published port is located at that port, whatever the ports' order", async () => {
    const { lintManifest } = await import("../../src/lint/lint-manifest.js");
    const text = base().replace("ports:\n", "ports:\n  - { name: zz-ssh, port: 2222, publish: { type: NodePort } }\n");
    const found = (await lintManifest(await load(text))).findings.filter((f) => f.code === "published-ports-restricted");
    expect(found.map((f) => `${f.line}:${f.col}`)).toEqual([positionOf(text, "publish")]);
  });
});
