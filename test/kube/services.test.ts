import { describe, expect, it } from "vitest";
import { services } from "../../src/kube/services.js";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf } from "./model.js";

const NO_PORTS = BASE_YAML.replace(/ports:\n.*\n.*\n/, "").replace(/health:[\s\S]*$/, "health:\n  liveness: { exec: [/bin/true] }\n  readiness: { exec: [/bin/true] }\n");

describe("services", () => {
  it("puts one ClusterIP Service in front of the pods, a port per container port, targeting it by name", async () => {
    const out = services(await modelOf(base()));
    expect(out.map((s) => s.file)).toEqual(["service.yaml"]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const svc: any = out[0]!.object;
    expect(svc.metadata).toMatchObject({ name: "orders-api", namespace: "orders-api" });
    expect(svc.spec).toEqual({
      type: "ClusterIP",
      selector: { "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/instance": "orders-api" },
      ports: [
        { name: "http", port: 8080, targetPort: "http", protocol: "TCP" },
        { name: "metrics", port: 9090, targetPort: "metrics", protocol: "TCP" },
      ],
    });
  });

  it("carries protocol and appProtocol when declared, ports sorted by name", async () => {
    const text = BASE_YAML.replace(
      "  - { name: http, port: 8080 }\n  - { name: metrics, port: 9090 }\n",
      "  - { name: web, port: 8080, app_protocol: http2 }\n  - { name: dns, port: 53, protocol: UDP }\n",
    ).replace(/port: http/g, "port: web");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const svc: any = services(await modelOf(text))[0]!.object;
    expect(svc.spec.ports).toEqual([
      { name: "dns", port: 53, targetPort: "dns", protocol: "UDP" },
      { name: "web", port: 8080, targetPort: "web", protocol: "TCP", appProtocol: "http2" },
    ]);
  });

  it("adds the preview Service for blue-green only", async () => {
    const bg = services(await modelOf(base("deploy: { strategy: blue-green }\n")));
    expect(bg.map((s) => [s.file, s.object.metadata.name])).toEqual([
      ["service.yaml", "orders-api"],
      ["service-preview.yaml", "orders-api-preview"],
    ]);
    expect(bg[1]!.object.spec).toEqual(bg[0]!.object.spec);
    expect(services(await modelOf(base("deploy: { strategy: canary }\n"))).map((s) => s.file)).toEqual(["service.yaml"]);
  });

  it("has no Service for a service without ports", async () => {
    expect(services(await modelOf(NO_PORTS))).toEqual([]);
  });

  // A blue-green Rollout names its active and preview Services, which services() builds only for a service
  // with ports: validation refuses blue-green without ports.
  it("a blue-green service without ports is refused (its Rollout would name Services that do not exist)", async () => {
    const text = NO_PORTS + "deploy: { strategy: blue-green }\n";
    expect(codesAt(await load(text))).toEqual([`STRATEGY_NEEDS_SERVICE@${positionOf(text, "blue-green")}`]);
  });
});
