import { describe, expect, it } from "vitest";
import { exposure } from "../../src/kube/exposure.js";
import { base, modelOf } from "./model.js";
import { objectIn } from "./model.js";

/** BASE_YAML with http exposed through the given `expose` lines. */
const exposed = (lines: string, extra = "") =>
  base(`expose:\n  hosts: [b.example.com, a.example.com]\n${lines}${extra}`).replace("{ name: http, port: 8080 }", "{ name: http, port: 8080, expose: true }");

describe("exposure", () => {
  it("builds nothing without expose", async () => {
    expect(exposure(await modelOf(base()))).toEqual([]);
  });

  it("routes through an Ingress of the declared class, hosts sorted, path prefix '/', to the exposed port by name", async () => {
    const out = exposure(await modelOf(exposed("  ingress: { class: nginx }\n")));
    expect(out.map((o) => o.file)).toEqual(["ingress.yaml"]);
    const ingress = objectIn(out, "ingress.yaml");
    expect(ingress.apiVersion).toBe("networking.k8s.io/v1");
    const backend = { service: { name: "orders-api", port: { name: "http" } } };
    expect(ingress.spec).toEqual({
      ingressClassName: "nginx",
      rules: ["a.example.com", "b.example.com"].map((host) => ({ host, http: { paths: [{ path: "/", pathType: "Prefix", backend }] } })),
    });
    expect(ingress.metadata).not.toHaveProperty("annotations");
  });

  it("asks cert-manager for a certificate with an issuer, into the <name>-tls Secret", async () => {
    const ingress = objectIn(exposure(await modelOf(exposed("  path: /api\n  tls: { issuer: letsencrypt }\n  ingress: { class: nginx }\n"))), "ingress.yaml");
    expect(ingress.metadata.annotations).toEqual({ "cert-manager.io/cluster-issuer": "letsencrypt" });
    expect(ingress.spec.tls).toEqual([{ hosts: ["a.example.com", "b.example.com"], secretName: "orders-api-tls" }]);
    expect(ingress.spec.rules[0].http.paths[0].path).toBe("/api");
  });

  it("uses a declared TLS Secret without cert-manager", async () => {
    const ingress = objectIn(exposure(await modelOf(exposed("  tls: { secret: wildcard-cert }\n  ingress: { class: nginx }\n"))), "ingress.yaml");
    expect(ingress.spec.tls).toEqual([{ hosts: ["a.example.com", "b.example.com"], secretName: "wildcard-cert" }]);
    expect(ingress.metadata).not.toHaveProperty("annotations");
  });

  it("attaches an HTTPRoute to the gateway (section when given) with the port number and no timeout by default", async () => {
    const out = exposure(await modelOf(exposed("  gateway: { name: public, namespace: gateways, section: https }\n")));
    expect(out.map((o) => o.file)).toEqual(["httproute.yaml"]);
    const route = objectIn(out, "httproute.yaml");
    expect(route.apiVersion).toBe("gateway.networking.k8s.io/v1");
    expect(route.spec).toEqual({
      parentRefs: [{ name: "public", namespace: "gateways", sectionName: "https" }],
      hostnames: ["a.example.com", "b.example.com"],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: "orders-api", port: 8080 }] }],
    });
  });

  it("carries the request timeout onto the route", async () => {
    const route = objectIn(exposure(await modelOf(exposed("  gateway: { name: public, namespace: gateways }\n", "http:\n  timeouts: { request: 90s }\n"))), "httproute.yaml");
    expect(route.spec.parentRefs).toEqual([{ name: "public", namespace: "gateways" }]);
    expect(route.spec.rules[0].timeouts).toEqual({ request: "1m30s" });
  });

  it("builds both, route first, when gateway and ingress are declared", async () => {
    const out = exposure(await modelOf(exposed("  gateway: { name: public, namespace: gateways }\n  ingress: { class: nginx }\n")));
    expect(out.map((o) => o.file)).toEqual(["httproute.yaml", "ingress.yaml"]);
  });
});
