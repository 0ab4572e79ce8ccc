import { describe, expect, it } from "vitest";
import { networkPolicy } from "../../src/kube/network-policy.js";
import { base, modelOf } from "./model.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const policyOf = async (text: string): Promise<any> => networkPolicy(await modelOf(text));

const DNS = {
  to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};
const fromNamespace = (ns: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } });

describe("networkPolicy", () => {
  it("denies by default: both policy types, no ingress rule and only DNS egress for a manifest that allows nothing", async () => {
    const policy = await policyOf(base());
    expect(policy.kind).toBe("NetworkPolicy");
    expect(policy.metadata).toMatchObject({ name: "orders-api", namespace: "orders-api" });
    expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(policy.spec.ingress).toEqual([]);
    expect(policy.spec.egress).toEqual([DNS]);
  });

  it("selects every pod of the service (servers and jobs) by the one name label", async () => {
    const policy = await policyOf(base());
    expect(policy.spec.podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": "orders-api" } });
  });

  it("admits exactly the declared callers, each on its own ports, in canonical order", async () => {
    const policy = await policyOf(
      base(
        "network:\n  allow_from:\n" +
          "    - { service: web, namespace: shop, ports: [8080, 8080, 443] }\n" +
          "    - { service: sidecar }\n" +
          "    - { namespace: batch }\n" +
          "    - { cidr: 10.0.0.0/8, ports: [8080] }\n",
      ),
    );
    expect(policy.spec.ingress).toEqual([
      // Sorted by namespace, then service, then cidr. A peer named by service alone is in the namespace the
      // convention gives that service (its own name), so "sidecar" sorts as a namespace after "batch" and "shop".
      { from: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ protocol: "TCP", port: 8080 }] },
      { from: [fromNamespace("batch")] },
      {
        from: [{ ...fromNamespace("shop"), podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } } }],
        ports: [
          { protocol: "TCP", port: 443 },
          { protocol: "TCP", port: 8080 },
        ],
      },
      { from: [{ ...fromNamespace("sidecar"), podSelector: { matchLabels: { "app.kubernetes.io/name": "sidecar" } } }] },
    ]);
  });

  it("gives the same policy whatever order allow_from lists its peers in", async () => {
    const a = await policyOf(base("network:\n  allow_from:\n    - { service: a, namespace: x }\n    - { service: b, namespace: w }\n"));
    const b = await policyOf(base("network:\n  allow_from:\n    - { service: b, namespace: w }\n    - { service: a, namespace: x }\n"));
    expect(a.spec.ingress).toEqual(b.spec.ingress);
    expect(a.spec.ingress[0].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]).toBe("w");
  });

  it("opens the metrics port, and only it, to the monitoring namespace", async () => {
    const policy = await policyOf(base("monitoring:\n  metrics: { port: metrics }\n"));
    expect(policy.spec.ingress).toEqual([{ from: [fromNamespace("monitoring")], ports: [{ protocol: "TCP", port: 9090 }] }]);
  });

  it("finds the metrics port by number too, and follows prometheus_namespace", async () => {
    const policy = await policyOf(base("monitoring:\n  metrics: { port: 9090 }\n  prometheus_namespace: observability\n"));
    expect(policy.spec.ingress).toEqual([{ from: [fromNamespace("observability")], ports: [{ protocol: "TCP", port: 9090 }] }]);
  });

  it("lets the ingress controller's namespace reach the exposed port only", async () => {
    const text = base("expose:\n  hosts: [orders.example.com]\n  ingress: { class: nginx }\n").replace("{ name: http, port: 8080 }", "{ name: http, port: 8080, expose: true }");
    const policy = await policyOf(text);
    expect(policy.spec.ingress).toEqual([{ from: [fromNamespace("ingress-nginx")], ports: [{ protocol: "TCP", port: 8080 }] }]);
  });

  it("admits both edges, namespaces sorted and deduplicated, when gateway and ingress are both declared", async () => {
    const expose = (ingressNs: string) =>
      base(`expose:\n  hosts: [orders.example.com]\n  gateway: { name: public, namespace: gateways }\n  ingress: { class: nginx, namespace: ${ingressNs} }\n`).replace(
        "{ name: http, port: 8080 }",
        "{ name: http, port: 8080, expose: true }",
      );
    const both = await policyOf(expose("edge"));
    expect(both.spec.ingress).toEqual([{ from: [fromNamespace("edge"), fromNamespace("gateways")], ports: [{ protocol: "TCP", port: 8080 }] }]);
    const same = await policyOf(expose("gateways"));
    expect(same.spec.ingress[0].from).toEqual([fromNamespace("gateways")]);
  });

  it("keeps the published port's protocol (Prometheus cannot scrape a UDP port: PORT_PROTOCOL refuses metrics there)", async () => {
    const text =
      "apiVersion: berth/v1\nkind: Service\nname: dns\nteam: net\nimage: ghcr.io/acme/dns:1.0.0\n" +
      "ports:\n  - { name: dns, port: 5353, protocol: UDP, publish: { type: NodePort } }\n" +
      "health:\n  liveness: { exec: [/bin/true] }\n  readiness: { exec: [/bin/true] }\n";
    const policy = await policyOf(text);
    expect(policy.spec.ingress[0].ports).toEqual([{ protocol: "UDP", port: 5353 }]);
  });

  it("adds declared egress after DNS", async () => {
    const policy = await policyOf(base("network:\n  egress:\n    - { service: payments, namespace: pay, ports: [8080] }\n    - { cidr: 192.168.0.0/16 }\n"));
    expect(policy.spec.egress).toEqual([
      DNS,
      { to: [{ ipBlock: { cidr: "192.168.0.0/16" } }] },
      { to: [{ ...fromNamespace("pay"), podSelector: { matchLabels: { "app.kubernetes.io/name": "payments" } } }], ports: [{ protocol: "TCP", port: 8080 }] },
    ]);
  });

  it("keeps a peer's declared protocol: UDP ports (statsd), or every UDP port of a peer without ports", async () => {
    const policy = await policyOf(base("network:\n  egress:\n    - { service: statsd, namespace: monitoring, ports: [8125], protocol: UDP }\n    - { cidr: 10.0.0.5/32, protocol: UDP }\n"));
    expect(policy.spec.egress).toEqual([
      DNS,
      { to: [{ ipBlock: { cidr: "10.0.0.5/32" } }], ports: [{ protocol: "UDP" }] },
      { to: [{ ...fromNamespace("monitoring"), podSelector: { matchLabels: { "app.kubernetes.io/name": "statsd" } } }], ports: [{ protocol: "UDP", port: 8125 }] },
    ]);
  });

  it("allows all egress, and nothing else is listed, with open_egress", async () => {
    const policy = await policyOf(base("network:\n  open_egress: true\n  egress:\n    - { cidr: 192.168.0.0/16 }\n"));
    expect(policy.spec.egress).toEqual([{}]);
    expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
  });

  it("reaches a CloudNativePG cluster on 5432; an external database only through a declared egress peer", async () => {
    const db = (extra: string, network = "") => base(`database: { engine: postgres, url: { secret: db, key: uri }, migrations: { mode: external }${extra} }\n${network}`);
    const managed = await policyOf(db(", managed_by: cloudnative-pg, cluster: orders-pg"));
    expect(managed.spec.egress).toEqual([DNS, { to: [{ podSelector: { matchLabels: { "cnpg.io/cluster": "orders-pg" } } }], ports: [{ protocol: "TCP", port: 5432 }] }]);
    const external = await policyOf(db("", "network: { egress: [{ cidr: 10.20.0.0/24, ports: [5432] }] }\n"));
    expect(external.spec.egress).toEqual([DNS, { to: [{ ipBlock: { cidr: "10.20.0.0/24" } }], ports: [{ protocol: "TCP", port: 5432 }] }]);
  });
});
