// Reachability through the default-deny NetworkPolicy: a peer named by service resolves its namespace, and a
// database or redis cache with no egress path is a located error (the policy would drop every connection).
import { describe, expect, it } from "vitest";
import { networkPolicy } from "../../src/kube/network-policy.js";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

async function policy(extra: string) {
  const loaded = await load(BASE_YAML + extra);
  expect(loaded.diagnostics.filter((d) => d.severity === "error"), JSON.stringify(loaded.diagnostics)).toEqual([]);
  return networkPolicy(loaded.models[0]!) as any;
}

describe("peers by service name", () => {
  it("select the peer's pods in the namespace named after it, never in this service's own namespace", async () => {
    const np = await policy("network:\n  allow_from:\n    - { service: checkout-web, ports: [8080] }\n  egress:\n    - { service: payments-api, ports: [8080] }\n");
    expect(np.spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "checkout-web" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "checkout-web" } } },
    ]);
    expect(np.spec.egress[1].to).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "payments-api" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "payments-api" } } },
    ]);
  });

  it("keep a declared namespace", async () => {
    const np = await policy("network:\n  allow_from:\n    - { service: checkout-web, namespace: shop }\n");
    expect(np.spec.ingress[0].from[0].namespaceSelector).toEqual({ matchLabels: { "kubernetes.io/metadata.name": "shop" } });
  });
});

describe("a database or cache the NetworkPolicy cannot reach", () => {
  const DB = "database:\n  engine: postgres\n  url: { secret: db, key: url }\n";

  it("is an error located at the database", async () => {
    const text = BASE_YAML + DB;
    const loaded = await load(text);
    expect(codesAt(loaded)).toContain(`DEPENDENCY_UNREACHABLE@${positionOf(text, "database:")}`);
    expect(loaded.diagnostics.find((d) => d.code === "DEPENDENCY_UNREACHABLE")!.message).toMatch(/port 5432/);
  });

  it("is an error located at a redis cache", async () => {
    const text = BASE_YAML + "cache:\n  backend: redis\n  url: { secret: redis, key: url }\n";
    const loaded = await load(text);
    expect(codesAt(loaded)).toContain(`DEPENDENCY_UNREACHABLE@${positionOf(text, "cache:")}`);
  });

  it("is reachable through an egress IP range allowing its port, which the policy opens", async () => {
    const np = await policy(DB + "  port: 6432\nnetwork:\n  egress:\n    - { cidr: 10.40.0.0/24, ports: [6432] }\n");
    expect(np.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: "10.40.0.0/24" } }], ports: [{ protocol: "TCP", port: 6432 }] });
  });

  it("is still an error when the egress entry allows another port", async () => {
    const loaded = await load(BASE_YAML + DB + "network:\n  egress:\n    - { cidr: 10.40.0.0/24, ports: [3306] }\n");
    expect(loaded.diagnostics.map((d) => d.code)).toContain("DEPENDENCY_UNREACHABLE");
  });

  it("is still an error when the egress entry allows the port over UDP only", async () => {
    const loaded = await load(BASE_YAML + DB + "network:\n  egress:\n    - { cidr: 10.40.0.0/24, ports: [5432], protocol: UDP }\n");
    expect(loaded.diagnostics.map((d) => d.code)).toContain("DEPENDENCY_UNREACHABLE");
  });

  it("is accepted with open_egress (the explicit opt-out) or when CloudNativePG manages it", async () => {
    await policy(DB + "network:\n  open_egress: true\n");
    const np = await policy("database:\n  engine: postgres\n  managed_by: cloudnative-pg\n  cluster: orders-db\n  url: { secret: db, key: url }\n");
    expect(np.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: { "cnpg.io/cluster": "orders-db" } } }], ports: [{ protocol: "TCP", port: 5432 }] });
  });

  it("does not apply to SQLite or a memory cache, whose port is rejected", async () => {
    const text = BASE_YAML + "cache:\n  backend: memory\n  port: 6379\n";
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "port: 6379")}`]);
  });
});
