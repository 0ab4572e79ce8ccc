// Sidecars and init containers (issue 13): the pod they build, the Service and NetworkPolicy that know
// their ports, located errors for bad references, and the checklist rules every container is held to.
import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../src/kube/index.js";
import { podSpec } from "../../src/kube/pod-spec.js";
import { lintManifest } from "../../src/lint/lint-manifest.js";
import { codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf, objectIn } from "../kube/model.js";
import { COMPLIANT } from "../rules/checklist/compliant.js";
import { validateBuiltIn } from "../support/k8s-models.js";

const TIMEOUT = { timeout: 60_000 };

const SIDECARS = `volumes:
  - { name: data, mount: /data, size: 1Gi }
sidecars:
  - name: exporter
    image: ghcr.io/acme/exporter:1.0.0
    ports: [{ name: exporter, port: 9100 }]
    env: { LOG: info }
    secrets: { EXPORTER_TOKEN: { secret: exporter, key: token } }
    resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 100m, memory: 64Mi } }
    health:
      liveness: { path: /healthz }
      readiness: { tcp: true, port: exporter }
  - name: shipper
    image: ghcr.io/acme/shipper:2.0.0
    native: false
    mounts: { data: /var/data }
init_containers:
  - name: wait-db
    image: ghcr.io/acme/wait:1.2.3
    command: [/wait, db:5432]
  - name: seed
    image: ghcr.io/acme/seed:1.2.3
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const serverPod = async (text: string): Promise<any> => podSpec(await modelOf(text), { server: true });

describe("sidecars and init containers: the pod", TIMEOUT, () => {
  it("declared init containers run first, in order, then native sidecars with restartPolicy Always; plain sidecars join containers", async () => {
    const pod = await serverPod(base(SIDECARS));
    expect(pod.initContainers.map((c: { name: string }) => c.name)).toEqual(["wait-db", "seed", "exporter"]);
    expect(pod.initContainers[0].restartPolicy).toBeUndefined();
    expect(pod.initContainers[0].command).toEqual(["/wait", "db:5432"]);
    expect(pod.initContainers[2].restartPolicy).toBe("Always");
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(["orders-api", "shipper"]);
    expect(pod.containers[1].restartPolicy).toBeUndefined();
  });

  it("every container gets the main container's security context and the writable paths", async () => {
    const pod = await serverPod(base(SIDECARS));
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.securityContext, c.name).toEqual(pod.containers[0].securityContext);
      expect(c.volumeMounts, c.name).toContainEqual({ name: expect.any(String), mountPath: "/tmp" });
    }
    expect(pod.containers[1].volumeMounts).toContainEqual({ name: "volume-data", mountPath: "/var/data" });
  });

  it("a sidecar has its own env, secrets, size and probes (defaulting to its first port), never the service's", async () => {
    const pod = await serverPod(base(SIDECARS));
    const exporter = pod.initContainers[2];
    expect(exporter.env).toEqual([
      { name: "EXPORTER_TOKEN", valueFrom: { secretKeyRef: { name: "exporter", key: "token" } } },
      { name: "LOG", value: "info" },
    ]);
    expect(exporter.envFrom).toBeUndefined();
    expect(exporter.resources).toEqual({ requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } });
    expect(exporter.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "exporter", scheme: "HTTP" });
    expect(exporter.readinessProbe.tcpSocket).toEqual({ port: "exporter" });
    expect(exporter.ports).toEqual([{ name: "exporter", containerPort: 9100, protocol: "TCP" }]);
    // Undeclared: berth's defaults, not the service's size.
    const big = await serverPod(base(SIDECARS + "resources: { requests: { cpu: '2', memory: 3Gi }, limits: { cpu: '4', memory: 3Gi } }\n"));
    expect(big.containers[1].resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
  });

  it("jobs run without sidecars or init containers", async () => {
    const pod = podSpec(await modelOf(base(SIDECARS)), { server: false, command: ["./job"], restartPolicy: "Never" });
    expect(pod.initContainers).toBeUndefined();
    expect((pod.containers as unknown[]).length).toBe(1);
  });

  it("without sidecars the pod has no initContainers key", async () => {
    expect((await serverPod(base())).initContainers).toBeUndefined();
  });
});

describe("sidecars: the objects validate", TIMEOUT, () => {
  it("the Deployment, Service and NetworkPolicy with sidecars and init containers validate with kubernetes-models", async () => {
    const objects = buildKubeObjects(await modelOf(base(SIDECARS)));
    const files = ["deployment.yaml", "service.yaml", "networkpolicy.yaml"];
    for (const file of files) expect(validateBuiltIn(objectIn(objects, file)), file).toEqual([]);
    // The validator is not vacuous: a malformed container is reported.
    const broken = structuredClone(objectIn(objects, "deployment.yaml"));
    broken.spec.template.spec.initContainers[0].resources = { limits: { cpu: { bad: true } } };
    expect(validateBuiltIn(broken)).not.toEqual([]);
  });
});

describe("sidecars: Service and NetworkPolicy know their ports", TIMEOUT, () => {
  it("the Service carries sidecar ports; metrics served by a sidecar open to Prometheus", async () => {
    const text = base(SIDECARS).replace("  - { name: metrics, port: 9090 }\n", "") + "monitoring:\n  metrics: { port: exporter }\n";
    const objects = buildKubeObjects(await modelOf(text));
    const service = objectIn(objects, "service.yaml");
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toEqual(["exporter", "http"]);
    const policy = objectIn(objects, "networkpolicy.yaml");
    expect(policy.spec.ingress).toContainEqual({
      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
      ports: [{ protocol: "TCP", port: 9100 }],
    });
  });
});

describe("sidecars: located errors", TIMEOUT, () => {
  const cases: Array<[string, string, string, string]> = [
    ["a container named like the service", "sidecars:\n  - { name: orders-api, image: ghcr.io/acme/x:1.0.0 }\n", "DUPLICATE_NAME", "orders-api, image"],
    ["two containers with one name", "sidecars:\n  - { name: a, image: ghcr.io/acme/x:1.0.0 }\ninit_containers:\n  - { name: a, image: ghcr.io/acme/x:1.0.0 }\n", "DUPLICATE_NAME", "a, image: ghcr.io/acme/x:1.0.0 }\n\n"],
    ["a sidecar port repeating the service's", "sidecars:\n  - { name: a, image: ghcr.io/acme/x:1.0.0, ports: [{ name: http, port: 1 }] }\n", "DUPLICATE_NAME", "http, port: 1"],
    ["a probe on a port the sidecar does not have", "sidecars:\n  - name: a\n    image: ghcr.io/acme/x:1.0.0\n    ports: [{ name: p, port: 1 }]\n    health: { liveness: { path: /h, port: http } }\n", "UNKNOWN_PORT", "http } }"],
    ["a mount of an undeclared volume", "sidecars:\n  - name: a\n    image: ghcr.io/acme/x:1.0.0\n    mounts: { cache: /c }\n", "UNKNOWN_VOLUME", "cache: /c"],
    ["a literal credential in a sidecar's env", "sidecars:\n  - name: a\n    image: ghcr.io/acme/x:1.0.0\n    env: { DB_PASSWORD: hunter2 }\n", "LITERAL_CREDENTIAL", "hunter2"],
    ["an unknown key", "sidecars:\n  - name: a\n    image: ghcr.io/acme/x:1.0.0\n    privileged: true\n", "UNKNOWN_KEY", "privileged"],
  ];
  for (const [what, extra, code, at] of cases) {
    it(`${what}: ${code} at the offending line`, async () => {
      const text = base(extra);
      const fixed = at.replace(/\n+$/, "");
      const needle = at.endsWith("\n\n") ? "a, image" : fixed;
      const after = at.endsWith("\n\n") ? "init_containers" : "";
      expect(codesAt(await load(text))).toContain(`${code}@${positionOf(text, needle, after)}`);
    });
  }

  it("the sidecar's message names the container", async () => {
    const loaded = await load(base("sidecars:\n  - name: a\n    image: ghcr.io/acme/x:1.0.0\n    mounts: { cache: /c }\n"));
    expect(loaded.diagnostics[0]!.message).toBe('sidecars[a].mounts mounts the volume "cache", which is not declared (volumes: none declared)');
  });
});

describe("sidecars: the checklist holds every container to the same rules", TIMEOUT, () => {
  const withSidecar = (sidecar: string) => COMPLIANT.replace("resources:\n", `sidecars:\n${sidecar}resources:\n`);
  const findings = async (text: string) => (await lintManifest(await load(text))).findings;

  it("a compliant sidecar adds no finding", async () => {
    const text = withSidecar(
      "  - name: proxy\n    image: ghcr.io/acme/proxy:1.0.0\n    ports: [{ name: proxy, port: 15000 }]\n" +
        "    resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 100m, memory: 64Mi } }\n" +
        "    health: { liveness: { path: /healthz }, readiness: { path: /readyz } }\n",
    );
    expect((await load(text)).diagnostics).toEqual([]);
    expect(await findings(text)).toEqual([]);
  });

  it("a floating image, no resources and no probes on a serving sidecar are findings at the sidecar", async () => {
    const text = withSidecar("  - name: proxy\n    image: ghcr.io/acme/proxy:latest\n    ports: [{ name: proxy, port: 15000 }]\n");
    const found = await findings(text);
    const at = (id: string) => found.filter((f) => f.code === id).map((f) => `${f.line}:${f.col} ${f.message}`);
    expect(at("image-pinned")).toEqual([`${positionOf(text, "image: ghcr.io/acme/proxy")} the image tag "latest" of the container "proxy" floats: it is not a full version, a commit id or a digest`]);
    expect(at("resources-declared")).toEqual([`${positionOf(text, "name: proxy")} resources of the container "proxy" are not declared (berth's defaults apply)`]);
    expect(at("liveness-probe")).toEqual([`${positionOf(text, "name: proxy")} the sidecar "proxy" serves ports and has no liveness probe`]);
    expect(at("readiness-probe")).toEqual([`${positionOf(text, "name: proxy")} the sidecar "proxy" serves ports and has no readiness probe`]);
  });

  it("an init container is not probed, but is sized and pinned", async () => {
    const text = COMPLIANT.replace("resources:\n", "init_containers:\n  - { name: seed, image: ghcr.io/acme/seed }\nresources:\n");
    const ids = (await findings(text)).map((f) => f.code).sort();
    expect(ids).toEqual(["image-pinned", "resources-declared"]);
  });
});

describe("sidecars in HCL", TIMEOUT, () => {
  it("sidecar and init_container blocks (with labelled port blocks) read as the YAML does", async () => {
    const hcl = `apiVersion = "berth/v1"
kind = "Service"
name = "orders-api"
team = "payments"
image = "ghcr.io/acme/orders-api:2.1.0"
port "http" { port = 8080 }
init_container {
  name = "wait-db"
  image = "ghcr.io/acme/wait:1.2.3"
}
init_container {
  name = "seed"
  image = "ghcr.io/acme/seed:1.2.3"
}
sidecar {
  name = "exporter"
  image = "ghcr.io/acme/exporter:1.0.0"
  port "exporter" { port = 9100 }
  secret "TOKEN" {
    secret = "exporter"
    key = "token"
  }
}
`;
    const yaml = `apiVersion: berth/v1
kind: Service
name: orders-api
team: payments
image: ghcr.io/acme/orders-api:2.1.0
ports: [{ name: http, port: 8080 }]
init_containers:
  - { name: wait-db, image: ghcr.io/acme/wait:1.2.3 }
  - { name: seed, image: ghcr.io/acme/seed:1.2.3 }
sidecars:
  - name: exporter
    image: ghcr.io/acme/exporter:1.0.0
    ports: [{ name: exporter, port: 9100 }]
    secrets: { TOKEN: { secret: exporter, key: token } }
`;
    const fromHcl = await load(hcl, "service.hcl");
    expect(fromHcl.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const fromYaml = await load(yaml);
    const { source: _a, ...h } = fromHcl.models[0]!;
    const { source: _b, ...y } = fromYaml.models[0]!;
    expect(h.initContainers.map((c) => c.name)).toEqual(["wait-db", "seed"]);
    expect(h).toEqual(y);
  });
});
