// Escape hatches (issue 13): `patches` (RFC 6902 / RFC 7396) and `extra_objects` change and add to the
// objects src/kube builds; what they leave is checked (located errors at the patch), judged by the
// checklist (at the patch or extra object that set a value), and the same in YAML and HCL.
import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../src/kube/index.js";
import { lintManifest } from "../../src/lint/lint-manifest.js";
import { codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf, objectIn } from "../kube/model.js";
import { COMPLIANT } from "../rules/checklist/compliant.js";
import { validateBuiltIn } from "../support/k8s-models.js";

const TIMEOUT = { timeout: 60_000 };
const objects = async (text: string) => buildKubeObjects(await modelOf(text));

describe("patches change berth's objects", TIMEOUT, () => {
  it("a JSON patch and a merge patch, in order, on the object their target names", async () => {
    const out = await objects(
      base(`patches:
  - target: { kind: Deployment }
    json_patch:
      - { op: add, path: /spec/template/spec/hostAliases, value: [{ ip: 10.0.0.1, hostnames: [git.internal] }] }
      - { op: test, path: /spec/template/spec/serviceAccountName, value: orders-api }
  - target: { kind: Service, name: orders-api }
    merge_patch:
      metadata: { annotations: { example.com/owner: payments } }
      spec: { sessionAffinity: ClientIP }
`),
    );
    const deployment = objectIn(out, "deployment.yaml");
    expect(deployment.spec.template.spec.hostAliases).toEqual([{ hostnames: ["git.internal"], ip: "10.0.0.1" }]);
    const service = objectIn(out, "service.yaml");
    expect(service.metadata.annotations).toMatchObject({ "example.com/owner": "payments" });
    expect(service.spec.sessionAffinity).toBe("ClientIP");
    for (const o of [deployment, service]) expect(validateBuiltIn(o)).toEqual([]);
  });

  it("a merge patch's null removes a key", async () => {
    const out = await objects(base("patches:\n  - target: { kind: Deployment }\n    merge_patch: { spec: { revisionHistoryLimit: null } }\n"));
    expect(objectIn(out, "deployment.yaml").spec).not.toHaveProperty("revisionHistoryLimit");
  });

  it("without escape hatches the objects are exactly berth's (same files, same order)", async () => {
    const plain = await objects(base());
    const withEmpty = await objects(base("environments:\n  production: {}\n"));
    expect(withEmpty).toEqual(plain);
  });
});

describe("extra objects join the output", TIMEOUT, () => {
  const EXTRA = `extra_objects:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: { name: orders-api-reader, labels: { example.com/tier: backend } }
    rules: [{ apiGroups: [""], resources: [configmaps], verbs: [get] }]
  - apiVersion: scheduling.k8s.io/v1
    kind: PriorityClass
    metadata: { name: orders-high }
    value: 1000
`;

  it("in the service's namespace (namespaced kinds only), with berth's labels under their own, after berth's objects", async () => {
    const out = await objects(base(EXTRA));
    expect(out.slice(-2).map((o) => o.file)).toEqual(["extra-role-orders-api-reader.yaml", "extra-priorityclass-orders-high.yaml"]);
    const role = objectIn(out, "extra-role-orders-api-reader.yaml");
    expect(role.metadata.namespace).toBe("orders-api");
    expect(role.metadata.labels).toMatchObject({ "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/managed-by": "berth", "example.com/tier": "backend" });
    expect(role.rules).toEqual([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]);
    const priority = objectIn(out, "extra-priorityclass-orders-high.yaml");
    expect(priority.metadata).not.toHaveProperty("namespace");
    for (const o of [role, priority]) expect(validateBuiltIn(o)).toEqual([]);
  });

  it("cluster-scoped kinds beyond RBAC and scheduling get no namespace either (flow control, storage, a ClusterSecretStore)", async () => {
    const out = await objects(base(`extra_objects:
  - { apiVersion: flowcontrol.apiserver.k8s.io/v1, kind: PriorityLevelConfiguration, metadata: { name: orders-plc }, spec: { type: Limited, limited: { nominalConcurrencyShares: 10, limitResponse: { type: Reject } } } }
  - { apiVersion: storage.k8s.io/v1, kind: VolumeAttributesClass, metadata: { name: orders-fast }, driverName: ebs.csi.aws.com }
  - { apiVersion: external-secrets.io/v1beta1, kind: ClusterSecretStore, metadata: { name: orders-store }, spec: { provider: { fake: { data: [] } } } }
`));
    for (const file of ["extra-prioritylevelconfiguration-orders-plc.yaml", "extra-volumeattributesclass-orders-fast.yaml", "extra-clustersecretstore-orders-store.yaml"]) {
      expect(objectIn(out, file).metadata, file).not.toHaveProperty("namespace");
    }
  });

  it("a patch may target an extra object", async () => {
    const out = await objects(base(EXTRA + "patches:\n  - target: { kind: PriorityClass }\n    json_patch: [{ op: replace, path: /value, value: 2000 }]\n"));
    expect(objectIn(out, "extra-priorityclass-orders-high.yaml").value).toBe(2000);
  });

  it("keys keep their case and written order does not matter (YAML and HCL twins build the same objects)", async () => {
    const yaml = base(`extra_objects:
  - metadata: { name: orders-api-extra, annotations: { b.example.com/x: "1", a.example.com/y: "2" } }
    kind: ConfigMap
    apiVersion: v1
    data: { "app.ini": "DOMAIN = \${HOME}", ZKey: z }
`);
    const hcl = `apiVersion = "berth/v1"
kind = "Service"
name = "orders-api"
team = "payments"
image = "ghcr.io/acme/orders-api:2.1.0"
port "http" {
  port = 8080
}
port "metrics" {
  port = 9090
}
health {
  liveness {
    path = "/healthz"
    port = "http"
  }
  readiness {
    path = "/readyz"
    port = "http"
  }
}
extra_objects = [
  {
    apiVersion = "v1"
    kind       = "ConfigMap"
    metadata   = { name = "orders-api-extra", annotations = { "a.example.com/y" = "2", "b.example.com/x" = "1" } }
    data       = { "app.ini" = "DOMAIN = $\${HOME}", ZKey = "z" }
  },
]
`;
    const fromYaml = buildKubeObjects((await load(yaml)).models[0]!);
    const hclLoaded = await load(hcl, "service.hcl");
    expect(hclLoaded.diagnostics).toEqual([]);
    const fromHcl = buildKubeObjects(hclLoaded.models[0]!);
    expect(JSON.stringify(fromHcl)).toBe(JSON.stringify(fromYaml));
    expect(objectIn(fromYaml, "extra-configmap-orders-api-extra.yaml").data).toEqual({ "app.ini": "DOMAIN = ${HOME}", ZKey: "z" });
  });
});

describe("escape hatches that cannot apply are located errors", TIMEOUT, () => {
  const errorsOf = async (text: string) => codesAt(await load(text));

  it("a target that matches nothing, and a kind shared by several objects without a name", async () => {
    const text = base("patches:\n  - target: { kind: StatefulSet }\n    merge_patch: { spec: {} }\n  - target: { kind: ConfigMap }\n    merge_patch: { data: {} }\nenv: { A: b }\nconfig_files: [{ path: /etc/a.conf, content: x }]\n");
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`PATCH_TARGET@${positionOf(text, "target: { kind: StatefulSet")}`, `PATCH_TARGET@${positionOf(text, "target: { kind: ConfigMap")}`]);
    expect(loaded.diagnostics[0]!.message).toContain("StatefulSet, which matches no object");
    expect(loaded.diagnostics[1]!.message).toContain("ConfigMap/orders-api-env");
    expect(loaded.diagnostics[1]!.hint).toContain("target.name");
  });

  it("a misspelt kind or name is located at the target, and the hint names the likely object", async () => {
    const text = base("patches:\n  - target: { kind: Deplyoment }\n    merge_patch: { spec: {} }\n  - target: { kind: Service, name: orders-apii }\n    merge_patch: { spec: {} }\n  - target: { kind: StatefulSet }\n    merge_patch: { spec: {} }\n");
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([
      `PATCH_TARGET@${positionOf(text, "target: { kind: Deplyoment")}`,
      `PATCH_TARGET@${positionOf(text, "target: { kind: Service")}`,
      `PATCH_TARGET@${positionOf(text, "target: { kind: StatefulSet")}`,
    ]);
    expect(loaded.diagnostics.map((d) => d.hint.split("?")[0])).toEqual(["Did you mean Deployment", "Did you mean Service/orders-api", expect.stringMatching(/^Name one object/)]);
  });

  it("an add under a parent the object lacks (an annotation on an object without annotations) hints at creating the parent", async () => {
    const text = base("patches:\n  - target: { kind: ServiceAccount }\n    json_patch:\n      - { op: add, path: /metadata/annotations/example.com~1x, value: y }\n");
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`PATCH_FAILED@${positionOf(text, "{ op: add")}`]);
    expect(loaded.diagnostics[0]!.hint).toMatch(/^`add` creates only the last segment of its path: add the parent first/);
  });

  it("an operation on a path that does not exist, and a failed test, at the operation", async () => {
    const text = base(`patches:
  - target: { kind: Deployment }
    json_patch:
      - { op: add, path: /spec/template/spec/hostNetwork, value: false }
      - { op: remove, path: /spec/nothing/here }
  - target: { kind: Service }
    json_patch:
      - { op: test, path: /spec/type, value: NodePort }
`);
    expect(await errorsOf(text)).toEqual([`PATCH_FAILED@${positionOf(text, "{ op: remove")}`, `PATCH_FAILED@${positionOf(text, "{ op: test")}`]);
    const [missing, test] = (await load(text)).diagnostics;
    expect(missing!.message).toBe("the remove operation on Deployment fails: /spec/nothing/here does not exist in the object");
    expect(test!.message).toBe("the test operation on Service fails: the value at /spec/type is not the one the test expects");
  });

  it("a patched object is re-validated: a result the API server would reject is an error at the patch", async () => {
    const text = base(`patches:
  - target: { kind: Deployment }
    json_patch: [{ op: replace, path: /spec/template/spec/containers, value: [] }]
  - target: { kind: Service }
    merge_patch: { metadata: { labels: { "bad label!": x } } }
  - target: { kind: ServiceAccount }
    merge_patch: { metadata: { name: renamed } }
`);
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([
      `KUBE_OBJECT_INVALID@${positionOf(text, "target: { kind: Deployment")}`,
      `KUBE_OBJECT_INVALID@${positionOf(text, "target: { kind: Service }")}`,
      `KUBE_OBJECT_INVALID@${positionOf(text, "target: { kind: ServiceAccount")}`,
    ]);
    expect(loaded.diagnostics.map((d) => d.message)).toEqual([
      "after the patch, Deployment/orders-api runs a pod without containers (/spec/template/spec/containers)",
      "after the patch, Service/orders-api has an invalid label key at /metadata/labels/bad label!",
      "the patch changes /metadata/name of ServiceAccount/orders-api: other objects and outputs refer to it by its kind, name and namespace",
    ]);
    expect(loaded.models).toEqual([]);
  });

  it("a patch that changes a pod label the selector names is an error at the patch (the API server refuses the Deployment)", async () => {
    const text = base(`patches:
  - target: { kind: Deployment }
    json_patch: [{ op: replace, path: /spec/template/metadata/labels/app.kubernetes.io~1name, value: orders }]
`);
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`KUBE_OBJECT_INVALID@${positionOf(text, "target: { kind: Deployment")}`]);
    expect(loaded.diagnostics[0]!.message).toBe(
      "after the patch, Deployment/orders-api has a selector (/spec/selector) that does not select its own pod template's labels (/spec/template/metadata/labels)",
    );
  });

  it("a patched or extra object is judged against its kind's Kubernetes schema, at the patch or the extra object", async () => {
    // Found by the long fuzz run: a volume mount without a name passed the shared checks, and the API server refuses it.
    const text = base(`patches:
  - target: { kind: Deployment }
    json_patch: [{ op: add, path: /spec/template/spec/containers/0/volumeMounts, value: [{ mountPath: /cache }] }]
extra_objects:
  - { apiVersion: v1, kind: Service, metadata: { name: orders-api-extra }, spec: { ports: [{ port: not-a-number }] } }
  - { apiVersion: monitoring.coreos.com/v1, kind: PodMonitor, metadata: { name: orders-api-pods }, spec: { anything: goes } }
`);
    const loaded = await load(text);
    // The patch is blamed where it is; an extra object's fault at its field. The PodMonitor (a custom resource) is left to its CRD.
    expect(codesAt(loaded)).toEqual([`KUBE_OBJECT_INVALID@${positionOf(text, "target: { kind: Deployment")}`, `KUBE_OBJECT_INVALID@${positionOf(text, "not-a-number")}`]);
    expect(loaded.diagnostics.map((d) => d.message)).toEqual([
      "after the patch, Deployment/orders-api does not match the Kubernetes schema of its kind: /spec/template/spec/containers/0/volumeMounts/0/name is required",
      "the extra object Service/orders-api-extra does not match the Kubernetes schema of its kind: /spec/ports/0/port must be integer",
    ]);
  });

  it("a merge patch that removes the pod spec is an error at the patch, not a crash of the Helm emitter (long fuzz run, seed 202612204)", async () => {
    const text = base(`patches:
  - target: { kind: Deployment }
    merge_patch: { spec: { template: { spec: null } } }
`);
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`KUBE_OBJECT_INVALID@${positionOf(text, "target: { kind: Deployment")}`]);
    expect(loaded.diagnostics[0]!.message).toBe("after the patch, Deployment/orders-api runs a pod without containers (/spec/template/spec)");
  });

  it("an extra ConfigMap's invalid key is located at the key, with what a key may be", async () => {
    // Found by the long fuzz run (seed 202612006): the key passed every check, and the API server refuses it.
    const text = base(`extra_objects:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: orders-api-extra }, data: { "\${[]}": x, fine.conf: y } }
`);
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`KUBE_OBJECT_INVALID@${positionOf(text, '"\${[]}"')}`]);
    expect(loaded.diagnostics[0]!.message).toBe(
      "the extra object ConfigMap/orders-api-extra has an invalid key at /data/${[]} (at most 253 letters, digits, `-`, `_` or `.`, not `.` or starting `..`, and in one of its maps only)",
    );
  });

  it("an extra object that is invalid, or takes the kind and name of one berth generates", async () => {
    const text = base(`extra_objects:
  - { apiVersion: v1, kind: Service, metadata: { name: orders-api } }
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: worker }
    spec: { template: { spec: { containers: [{ name: worker }] } } }
`);
    expect(await errorsOf(text)).toEqual([`EXTRA_OBJECT_COLLISION@${positionOf(text, "orders-api }", "kind: Service")}`, `KUBE_OBJECT_INVALID@${positionOf(text, "{ name: worker }]")}`]);
  });

  it("two extra objects whose kinds differ only in case would share a file: a collision, not a silent overwrite", async () => {
    // `extra-<kind lower-cased>-<name>.yaml`: ConfigMap/dup and Configmap/dup (another API group) both wrote
    // extra-configmap-dup.yaml, and the first object was lost from the output without a word.
    const text = base(`extra_objects:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: dup }, data: { a: "1" } }
  - { apiVersion: example.com/v1, kind: Configmap, metadata: { name: dup }, spec: { a: "2" } }
`);
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`EXTRA_OBJECT_COLLISION@${positionOf(text, "Configmap")}`]);
    expect(loaded.diagnostics[0]!.message).toBe("the extra object Configmap/dup would be written to extra-configmap-dup.yaml, the file of ConfigMap/dup (their kinds differ only in case)");
  });

  it("a name or apiVersion the schema refuses is a schema error at the field", async () => {
    const text = base("extra_objects:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: Not_Valid } }\n");
    expect(await errorsOf(text)).toEqual([`INVALID_NAME@${positionOf(text, "Not_Valid")}`]);
  });

  it("a lowercase kind or a JSON pointer without its leading / is an error at the value whose hint says what the field takes", async () => {
    const text = base("extra_objects:\n  - { apiVersion: v1, kind: configmap, metadata: { name: x } }\npatches:\n  - target: { kind: Deployment }\n    json_patch: [{ op: remove, path: metadata/labels/a }]\n");
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`INVALID_FORMAT@${positionOf(text, "configmap")}`, `INVALID_FORMAT@${positionOf(text, "metadata/labels/a")}`]);
    expect(loaded.diagnostics.map((d) => d.hint)).toEqual([
      "Expected: The object's kind (`ConfigMap`, `Role`, …).",
      "Expected: An RFC 6901 JSON pointer into the object (`/spec/template/spec/containers/0/image`; `~1` stands for `/`, `~0` for `~`, `-` appends to a list).",
    ]);
  });

  it("a credential in an extra object is caught by the whole-manifest walk, and never echoed", async () => {
    const text = base("extra_objects:\n  - apiVersion: v1\n    kind: Secret\n    metadata: { name: orders-api-db }\n    stringData: { password: Wq8-rT3v-Lp2x }\n");
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`LITERAL_CREDENTIAL@${positionOf(text, "Wq8-rT3v-Lp2x")}`]);
    expect(JSON.stringify(loaded.diagnostics)).not.toContain("Wq8-rT3v-Lp2x");
  });

  it("a credential-named env var with a literal value, added by a patch or an extra object, is caught and never echoed", async () => {
    const text = base(`patches:
  - target: { kind: Deployment }
    json_patch:
      - { op: add, path: /spec/template/spec/hostAliases, value: [] }
      - { op: add, path: /spec/template/spec/containers/0/env/-, value: { name: DB_PASSWORD, value: Wq8-rT3v-Lp2x } }
extra_objects:
  - apiVersion: batch/v1
    kind: Job
    metadata: { name: seed }
    spec: { template: { spec: { restartPolicy: Never, containers: [{ name: seed, image: ghcr.io/acme/seed:1.0.0, env: [{ name: API_TOKEN, value: "Zk4-pQ9w-Mn3y" }, { name: TOKEN_TTL, value: "1h" }] }] } } }
`);
    const loaded = await load(text);
    expect(codesAt(loaded).filter((c) => c.startsWith("LITERAL_CREDENTIAL"))).toEqual([
      `LITERAL_CREDENTIAL@${positionOf(text, "Wq8-rT3v-Lp2x")}`,
      `LITERAL_CREDENTIAL@${positionOf(text, '"Zk4-pQ9w-Mn3y"')}`,
    ]);
    expect(JSON.stringify(loaded.diagnostics)).not.toMatch(/Wq8-rT3v-Lp2x|Zk4-pQ9w-Mn3y/);
  });

  it("traffic an escape hatch publishes, which the NetworkPolicy does not admit, is a warning where it is added", async () => {
    const text = base(`extra_objects:
  - apiVersion: v1
    kind: Service
    metadata: { name: orders-api-ssh }
    spec: { type: LoadBalancer, selector: { app.kubernetes.io/name: orders-api }, ports: [{ port: 22, targetPort: 2222 }] }
patches:
  - target: { kind: Service, name: orders-api }
    merge_patch: { spec: { type: NodePort } }
`);
    const loaded = await load(text);
    expect(loaded.diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.severity}`)).toEqual([
      `EXPOSURE_NOT_COUNTED@${positionOf(text, "apiVersion: v1", "extra_objects")} warning`,
      `EXPOSURE_NOT_COUNTED@${positionOf(text, "target: { kind: Service")} warning`,
    ]);
    expect(loaded.models.length).toBe(1);
  });
  it("a patch that renumbers or renames a container port is a warning at the patch; one that leaves the ports alone is not", async () => {
    const text = base(`patches:
  - target: { kind: Deployment }
    json_patch: [{ op: add, path: /spec/template/spec/hostAliases, value: [{ ip: 10.0.0.10, hostnames: [git.internal] }] }]
  - target: { kind: Deployment }
    json_patch: [{ op: replace, path: /spec/template/spec/containers/0/ports/0/containerPort, value: 8081 }]
  - target: { kind: Deployment }
    json_patch: [{ op: add, path: /spec/template/spec/containers/-, value: { name: log-tail, image: "ghcr.io/acme/tail:1.0.0" } }]
`);
    const loaded = await load(text);
    expect(loaded.diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.message}`)).toEqual([
      `EXPOSURE_NOT_COUNTED@${positionOf(text, "target: { kind: Deployment }", "hostAliases")} the patch changes the container ports of Deployment/orders-api, and the NetworkPolicy and the Services are built from the manifest's ports`,
    ]);
  });
});

describe("the checklist judges the final pods", TIMEOUT, () => {
  const findings = async (text: string) => (await lintManifest(await load(text))).findings;
  const withPatches = (patches: string) => COMPLIANT.replace("resources:\n", `patches:\n${patches}resources:\n`);

  it("the compliant manifest with a harmless patch has no finding", async () => {
    const text = withPatches("  - target: { kind: Rollout }\n    merge_patch: { metadata: { annotations: { example.com/x: y } } }\n");
    expect((await load(text)).diagnostics).toEqual([]);
    expect(await findings(text)).toEqual([]);
  });

  it("a patch that removes resource limits, floats the image or makes the container privileged is a finding at the patch", async () => {
    const text = withPatches(`  - target: { kind: Rollout }
    json_patch:
      - { op: remove, path: /spec/template/spec/containers/0/resources/limits }
  - target: { kind: Rollout }
    json_patch:
      - { op: replace, path: /spec/template/spec/containers/0/image, value: "ghcr.io/acme/ledger:latest" }
      - { op: replace, path: /spec/template/spec/containers/0/securityContext/privileged, value: true }
`);
    const found = await findings(text);
    const at = (id: string) => found.filter((f) => f.code === id).map((f) => `${f.line}:${f.col} ${f.message}`);
    const first = positionOf(text, "target: { kind: Rollout }");
    const second = positionOf(text, "target: { kind: Rollout }", "containers/0/resources/limits");
    expect(at("resources-declared")).toEqual([`${first} the container "ledger (Rollout/ledger)" has no limits.cpu, limits.memory (set by an escape hatch)`]);
    expect(at("image-pinned")).toEqual([`${second} the image tag "latest" of the container "ledger (Rollout/ledger)" floats: it is not a full version, a commit id or a digest`]);
    expect(at("restricted-security")).toEqual([`${second} the container "ledger (Rollout/ledger)" departs from the restricted defaults (set by an escape hatch): privileged`]);
  });

  it("a patch that unconfines seccomp, keeps the capabilities or mounts the API token is a restricted-security finding at the patch", async () => {
    const text = withPatches(`  - target: { kind: Rollout }
    json_patch:
      - { op: replace, path: /spec/template/spec/containers/0/securityContext/seccompProfile/type, value: Unconfined }
      - { op: remove, path: /spec/template/spec/containers/0/securityContext/capabilities/drop }
  - target: { kind: Rollout }
    merge_patch: { spec: { template: { spec: { automountServiceAccountToken: true } } } }
`);
    const found = await findings(text);
    const first = positionOf(text, "target: { kind: Rollout }");
    const second = positionOf(text, "target: { kind: Rollout }", "capabilities/drop");
    expect(found.filter((f) => f.code === "restricted-security").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([
      `${second} the container "ledger (Rollout/ledger)" departs from the restricted defaults (set by an escape hatch): capabilities not dropped, seccomp-unconfined, api-token`,
    ]);
    // No profile at all (the pod's and the container's removed) is the runtime's default: unconfined.
    const seccomp = withPatches(`  - target: { kind: Rollout }
    json_patch:
      - { op: remove, path: /spec/template/spec/securityContext/seccompProfile }
      - { op: remove, path: /spec/template/spec/containers/0/securityContext/seccompProfile }
`);
    expect((await findings(seccomp)).filter((f) => f.code === "restricted-security").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([
      `${first} the container "ledger (Rollout/ledger)" departs from the restricted defaults (set by an escape hatch): seccomp-unconfined`,
    ]);
  });

  it("a patch that removes a probe of a container serving ports is a liveness-probe or readiness-probe finding at the patch", async () => {
    const text = withPatches(`  - target: { kind: Rollout }
    json_patch:
      - { op: remove, path: /spec/template/spec/containers/0/livenessProbe }
  - target: { kind: Rollout }
    merge_patch: { metadata: { annotations: { example.com/x: y } } }
  - target: { kind: Rollout }
    json_patch:
      - { op: remove, path: /spec/template/spec/containers/0/readinessProbe }
`);
    const found = await findings(text);
    const at = (id: string) => found.filter((f) => f.code === id).map((f) => `${f.line}:${f.col} ${f.message}`);
    expect(at("liveness-probe")).toEqual([`${positionOf(text, "target: { kind: Rollout }")} the container "ledger (Rollout/ledger)" serves ports and has no liveness probe (set by an escape hatch)`]);
    expect(at("readiness-probe")).toEqual([`${positionOf(text, "target: { kind: Rollout }", "merge_patch")} the container "ledger (Rollout/ledger)" serves ports and has no readiness probe (set by an escape hatch)`]);
  });

  it("a container a patch adds is judged whole: what it lacks (resources) is a finding at that patch", async () => {
    const text = withPatches(`  - target: { kind: Rollout }
    json_patch:
      - { op: add, path: /spec/template/spec/containers/-, value: { name: debug, image: "ghcr.io/acme/debug:1.0.0" } }
`);
    const found = await findings(text);
    expect(found.filter((f) => f.code === "resources-declared").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([
      `${positionOf(text, "target: { kind: Rollout }")} the container "debug (Rollout/ledger)" has no requests.cpu, requests.memory, limits.cpu, limits.memory (set by an escape hatch)`,
    ]);
  });

  it("an extra workload serving ports needs probes; a Job's containers run to completion and do not", async () => {
    const text = COMPLIANT.replace(
      "resources:\n",
      `extra_objects:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: ledger-admin }
    spec:
      selector: { matchLabels: { app: ledger-admin } }
      template:
        metadata: { labels: { app: ledger-admin } }
        spec: { containers: [{ name: admin, image: "ghcr.io/acme/admin:1.0.0", ports: [{ containerPort: 8081 }] }] }
  - apiVersion: batch/v1
    kind: Job
    metadata: { name: ledger-seed }
    spec:
      template:
        spec: { restartPolicy: Never, containers: [{ name: seed, image: "ghcr.io/acme/seed:1.0.0", ports: [{ containerPort: 8082 }] }] }
resources:
`,
    );
    const found = await findings(text);
    expect(found.filter((f) => f.code.endsWith("-probe")).map((f) => `${f.code}@${f.line}:${f.col} ${f.message}`)).toEqual([
      `liveness-probe@${positionOf(text, "apiVersion: apps/v1")} the container "admin (Deployment/ledger-admin)" serves ports and has no liveness probe (set by an escape hatch)`,
      `readiness-probe@${positionOf(text, "apiVersion: apps/v1")} the container "admin (Deployment/ledger-admin)" serves ports and has no readiness probe (set by an escape hatch)`,
    ]);
  });

  it("a patch that leaves production one replica (or an autoscaler floor of one) is a min-replicas finding at the patch", async () => {
    const text = withPatches(`  - target: { kind: Rollout }
    merge_patch: { spec: { replicas: 1 } }
`);
    expect((await findings(text)).filter((f) => f.code === "min-replicas").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([
      `${positionOf(text, "target: { kind: Rollout }")} production runs 1 replica (Rollout/ledger, set by an escape hatch)`,
    ]);
    // Removing the count is one replica too; with an autoscaler, its floor is what counts.
    const removed = withPatches("  - target: { kind: Rollout }\n    json_patch: [{ op: remove, path: /spec/replicas }]\n");
    expect((await findings(removed)).filter((f) => f.code === "min-replicas").map((f) => f.message)).toEqual(["production runs 1 replica (Rollout/ledger, set by an escape hatch)"]);
    const scaled = withPatches("  - target: { kind: HorizontalPodAutoscaler }\n    merge_patch: { spec: { minReplicas: 1 } }\n").replace("replicas: 3\n", "replicas: 3\nautoscaling: { min_replicas: 3, max_replicas: 6 }\n");
    expect((await findings(scaled)).filter((f) => f.code === "min-replicas").map((f) => f.message)).toEqual(["production runs 1 replica (HorizontalPodAutoscaler/ledger, set by an escape hatch)"]);
    const more = withPatches("  - target: { kind: Rollout }\n    merge_patch: { spec: { replicas: 4 } }\n");
    expect((await findings(more)).map((f) => f.code)).not.toContain("min-replicas");
  });

  it("a patch that makes the disruption budget keep every pod is a disruption-budget finding at the patch", async () => {
    const text = withPatches(`  - target: { kind: PodDisruptionBudget }
    merge_patch: { spec: { maxUnavailable: null, minAvailable: 100% } }
`);
    expect((await findings(text)).filter((f) => f.code === "disruption-budget").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([
      `${positionOf(text, "target: { kind: PodDisruptionBudget }")} the disruption budget allows no pod to be evicted (PodDisruptionBudget/ledger, set by an escape hatch)`,
    ]);
    const zero = withPatches("  - target: { kind: PodDisruptionBudget }\n    merge_patch: { spec: { maxUnavailable: 0 } }\n");
    expect((await findings(zero)).filter((f) => f.code === "disruption-budget")).toHaveLength(1);
    const fine = withPatches("  - target: { kind: PodDisruptionBudget }\n    merge_patch: { spec: { maxUnavailable: 2 } }\n");
    expect((await findings(fine)).map((f) => f.code)).not.toContain("disruption-budget");
  });

  it("a patch that opens the NetworkPolicy's egress to any host is an egress-restricted finding at the patch", async () => {
    const cases = [
      "    json_patch: [{ op: add, path: /spec/egress/-, value: { ports: [{ port: 443 }] } }]\n",
      "    json_patch: [{ op: add, path: /spec/egress/-, value: { to: [{ ipBlock: { cidr: 0.0.0.0/0 } }] } }]\n",
      "    merge_patch: { spec: { policyTypes: [Ingress] } }\n",
    ];
    for (const patch of cases) {
      const text = withPatches(`  - target: { kind: NetworkPolicy }\n${patch}`);
      expect((await findings(text)).filter((f) => f.code === "egress-restricted").map((f) => `${f.line}:${f.col} ${f.message}`), patch).toEqual([
        `${positionOf(text, "target: { kind: NetworkPolicy }")} NetworkPolicy/ledger allows outgoing traffic to any host (set by an escape hatch)`,
      ]);
    }
    const narrow = withPatches("  - target: { kind: NetworkPolicy }\n    json_patch: [{ op: add, path: /spec/egress/-, value: { to: [{ ipBlock: { cidr: 10.9.0.0/16 } }] } }]\n");
    expect((await findings(narrow)).map((f) => f.code)).not.toContain("egress-restricted");
  });

  it("an extra NetworkPolicy that opens egress to any host for the service's pods is an egress-restricted finding at the extra object", async () => {
    const extra = (spec: string) => COMPLIANT.replace("resources:\n", `extra_objects:\n  - apiVersion: networking.k8s.io/v1\n    kind: NetworkPolicy\n    metadata: { name: ledger-out }\n    spec: ${spec}\nresources:\n`);
    for (const spec of [
      "{ podSelector: {}, policyTypes: [Egress], egress: [{}] }",
      "{ podSelector: { matchLabels: { app.kubernetes.io/name: ledger } }, egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0 } }], ports: [{ port: 443 }] }] }",
    ]) {
      const text = extra(spec);
      expect((await findings(text)).filter((f) => f.code === "egress-restricted").map((f) => `${f.line}:${f.col} ${f.message}`), spec).toEqual([
        `${positionOf(text, "apiVersion: networking.k8s.io/v1")} NetworkPolicy/ledger-out allows outgoing traffic to any host (set by an escape hatch)`,
      ]);
    }
    // Other pods, a narrow range, or no Egress type: berth's policy still limits the service's egress.
    for (const spec of [
      "{ podSelector: { matchLabels: { app: other } }, policyTypes: [Egress], egress: [{}] }",
      "{ podSelector: {}, policyTypes: [Egress], egress: [{ to: [{ ipBlock: { cidr: 10.9.0.0/16 } }] }] }",
      "{ podSelector: {}, policyTypes: [Ingress], ingress: [{}] }",
    ]) {
      expect((await findings(extra(spec))).map((f) => f.code), spec).not.toContain("egress-restricted");
    }
  });

  it("a patch that removes the workload's priority class is a priority-class-set finding at the patch", async () => {
    const text = withPatches("  - target: { kind: Rollout }\n    json_patch: [{ op: remove, path: /spec/template/spec/priorityClassName }]\n");
    expect((await findings(text)).filter((f) => f.code === "priority-class-set").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([
      `${positionOf(text, "target: { kind: Rollout }")} the pods of Rollout/ledger have no priority class (set by an escape hatch): they get the cluster's default priority`,
    ]);
  });

  it("a finding about what an escape hatch set hints at the patch, not at the manifest field it replaced", async () => {
    const text = withPatches(`  - target: { kind: Rollout }
    json_patch:
      - { op: remove, path: /spec/template/spec/containers/0/resources/limits }
      - { op: replace, path: /spec/template/spec/containers/0/securityContext/privileged, value: true }
      - { op: remove, path: /spec/template/spec/containers/0/livenessProbe }
      - { op: remove, path: /spec/template/spec/priorityClassName }
      - { op: replace, path: /spec/replicas, value: 1 }
  - target: { kind: PodDisruptionBudget }
    merge_patch: { spec: { maxUnavailable: 0 } }
  - target: { kind: NetworkPolicy }
    merge_patch: { spec: { policyTypes: [Ingress] } }
`);
    const found = (await findings(text)).filter((f) => f.message.includes("set by an escape hatch"));
    expect(found.map((f) => f.code).sort()).toEqual(["disruption-budget", "egress-restricted", "liveness-probe", "min-replicas", "priority-class-set", "resources-declared", "restricted-security"]);
    for (const f of found) expect(f.hint, f.code).toBe("Change the patch or the extra object the finding points at (the manifest's own settings are not what runs here), or waive this rule with the reason.");
  });

  it("a patch that shortens the pods' grace period below shutdown + drain is GRACE_PERIOD_TOO_SHORT at the patch", async () => {
    const text = withPatches("  - target: { kind: Rollout }\n    merge_patch: { spec: { template: { spec: { terminationGracePeriodSeconds: 10 } } } }\n");
    const result = await load(text);
    expect(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.message}`)).toEqual([
      expect.stringMatching(new RegExp(`^GRACE_PERIOD_TOO_SHORT@${positionOf(text, "target: { kind: Rollout }")} grace period 10s \\(Rollout/ledger, set by an escape hatch\\) does not exceed`)),
    ]);
    // Removed, Kubernetes gives 30s: still too short for the compliant manifest's shutdown.
    const removed = await load(withPatches("  - target: { kind: Rollout }\n    json_patch: [{ op: remove, path: /spec/template/spec/terminationGracePeriodSeconds }]\n"));
    expect(removed.diagnostics.map((d) => d.code)).toEqual(["GRACE_PERIOD_TOO_SHORT"]);
    const longer = await load(withPatches("  - target: { kind: Rollout }\n    merge_patch: { spec: { template: { spec: { terminationGracePeriodSeconds: 600 } } } }\n"));
    expect(longer.diagnostics).toEqual([]);
  });

  it("an extra workload is held to the same rules, at the extra object", async () => {
    const text = COMPLIANT.replace(
      "resources:\n",
      `extra_objects:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: ledger-worker }
    spec:
      selector: { matchLabels: { app: ledger-worker } }
      template:
        metadata: { labels: { app: ledger-worker } }
        spec: { containers: [{ name: worker, image: "ghcr.io/acme/worker" }] }
resources:
`,
    );
    const found = await findings(text);
    const at = positionOf(text, "apiVersion: apps/v1");
    expect(found.filter((f) => ["image-pinned", "resources-declared", "restricted-security"].includes(f.code)).map((f) => `${f.code}@${f.line}:${f.col}`)).toEqual([
      `image-pinned@${at}`,
      `resources-declared@${at}`,
      `restricted-security@${at}`,
    ]);
  });
});

describe("a patch says what it changes", TIMEOUT, () => {
  it("a patch without json_patch or merge_patch, and a key an operation does not take, are errors", async () => {
    const text = base("patches:\n  - target: { kind: Deployment }\n  - target: { kind: ServiceAccount }\n    json_patch: [{ op: remove, path: /automountServiceAccountToken, value: x }]\n");
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`PATCH_FAILED@${positionOf(text, "target: { kind: Deployment")}`, `FIELD_NOT_APPLICABLE@${positionOf(text, "value: x")}`]);
    expect(loaded.diagnostics[0]!.hint).toContain("Add `json_patch`");
  });
});

describe("escape hatches per environment", TIMEOUT, () => {
  it("an environment's patches replace the base list, and an error points into the environment's entry", async () => {
    const text = base(`patches:
  - target: { kind: Deployment }
    merge_patch: { metadata: { annotations: { example.com/env: base } } }
environments:
  staging: {}
  production:
    patches:
      - target: { kind: Deployment }
        json_patch: [{ op: replace, path: /spec/missing, value: 1 }]
`);
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`PATCH_FAILED@${positionOf(text, "{ op: replace")}`]);
    const fixed = text.replace("{ op: replace, path: /spec/missing, value: 1 }", "{ op: add, path: /metadata/annotations, value: { example.com/env: production } }");
    const fixedLoaded = await load(fixed);
    expect(codesAt(fixedLoaded)).toEqual([]);
    const models = fixedLoaded.models;
    const annotation = (name: string) => objectIn(buildKubeObjects(models.find((m) => m.environment.name === name)!), "deployment.yaml").metadata.annotations["example.com/env"];
    expect(annotation("staging")).toBe("base");
    expect(annotation("production")).toBe("production");
  });
});
