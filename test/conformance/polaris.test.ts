import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GoTemplateError, renderGoTemplate } from "./go-template.js";
import {
  activePolarisChecks,
  describeFailures,
  evaluatePolaris,
  polarisScore,
  polarisAvailable,
  polarisDataDir,
  translateGoRegExp,
  type PolarisOptions,
  type PolarisResult,
} from "./polaris.js";

/** Fixtures are plain, freely mutated manifests. */
type Obj = Record<string, any>;

const available = polarisAvailable();
const inCI = process.env.CI === "true";
if (!available) {
  console.warn(`[polaris] ${polarisDataDir} not found: skipping the Polaris evaluator tests${inCI ? " (CI=true, so this fails)" : ""}`);
}

describe("Polaris check data", () => {
  it.runIf(inCI)("is present in CI", () => {
    expect(available, `${polarisDataDir} must exist when CI=true`).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Fixtures: a well-hardened web service, every object a real Polaris passes.

const NS = "shop";
const podLabels = { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "web" };

const containerSecurity = () => ({
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
});

function podSpec(): Obj {
  return {
    serviceAccountName: "web",
    automountServiceAccountToken: false,
    priorityClassName: "standard",
    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: podLabels } },
    ],
    initContainers: [
      { name: "migrate", image: "ghcr.io/acme/web:1.2.3", imagePullPolicy: "Always", command: ["/app/migrate"], securityContext: containerSecurity() },
    ],
    containers: [
      {
        name: "web",
        image: "ghcr.io/acme/web:1.2.3",
        imagePullPolicy: "Always",
        ports: [{ name: "http", containerPort: 8080 }],
        env: [
          { name: "LOG_LEVEL", value: "info" },
          { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "web-db", key: "password" } } },
        ],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        livenessProbe: { httpGet: { path: "/healthz", port: "http" } },
        readinessProbe: { httpGet: { path: "/readyz", port: "http" } },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
        securityContext: containerSecurity(),
      },
    ],
    volumes: [{ name: "tmp", emptyDir: {} }],
  };
}

function hardened(): Obj[] {
  return structuredClone(hardenedShared());
}

function hardenedShared(): Obj[] {
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: NS }, automountServiceAccountToken: false },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: NS, labels: podLabels },
      spec: { replicas: 3, selector: { matchLabels: podLabels }, template: { metadata: { labels: podLabels }, spec: podSpec() } },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: NS, labels: podLabels },
      spec: { selector: podLabels, ports: [{ name: "http", port: 80, targetPort: "http" }] },
    },
    {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web", namespace: NS },
      spec: { minAvailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "web" } } },
    },
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web", namespace: NS },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "web", namespace: NS },
      spec: {
        // Exactly ONE of the pod's labels: Polaris's schema is a oneOf over the pod labels.
        podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } },
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } } }], ports: [{ port: 8080 }] }],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: "UDP" }] }],
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", namespace: NS },
      spec: {
        tls: [{ hosts: ["web.example.com"], secretName: "web-tls" }],
        rules: [{ host: "web.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } }],
      },
    },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web", namespace: NS }, data: { LOG_FORMAT: "json", "app.yaml": "feature: on\n" } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "web-config-reader", namespace: NS },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "web-config-reader", namespace: NS },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "web-config-reader" },
      subjects: [{ kind: "ServiceAccount", name: "web", namespace: NS }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "web-node-reader" },
      rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "web-node-reader" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "web-node-reader" },
      subjects: [{ kind: "ServiceAccount", name: "web", namespace: NS }],
    },
  ];
}

/** The one object of that kind (and name, when given) in a fixture set. */
function find(objects: Obj[], kind: string, name?: string): Obj {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`fixture: no ${kind}`);
  return found;
}
const deployment = (objects: Obj[]) => find(objects, "Deployment");
const pod = (objects: Obj[]) => deployment(objects).spec.template.spec;
const container = (objects: Obj[], name = "web") => [...pod(objects).initContainers, ...pod(objects).containers].find((c: Obj) => c.name === name);
const without = (objects: Obj[], kind: string) => objects.filter((o) => o.kind !== kind);

/** Failures as `check Kind/name[container]`, sorted: the form most assertions compare. */
function failures(results: PolarisResult[]): string[] {
  return results
    .filter((r) => !r.passed)
    .map((r) => `${r.check} ${r.object}${r.container !== undefined ? `[${r.container}]` : ""}`)
    .sort();
}

function evaluate(objects: Obj[], options?: PolarisOptions): PolarisResult[] {
  return evaluatePolaris(objects, options);
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!available)("Polaris evaluator (shared check data)", () => {
  it("runs every check whose default severity is warning or danger", () => {
    const active = activePolarisChecks();
    expect(active.length).toBe(44);
    expect(active.find((c) => c.check === "runAsRootAllowed")).toEqual({ check: "runAsRootAllowed", severity: "danger", target: "Container" });
    expect(active.find((c) => c.check === "tlsSettingsMissing")).toEqual({ check: "tlsSettingsMissing", severity: "warning", target: "networking.k8s.io/Ingress" });
  });

  it("passes the hardened set on every check, and every check runs on it", () => {
    const results = evaluate(hardened());
    expect(describeFailures(results)).toEqual([]);
    const ran = new Set(results.map((r) => r.check));
    expect(activePolarisChecks().filter((c) => !ran.has(c.check)).map((c) => c.check)).toEqual([]);
    // Container checks ran on the init container too, except those that exclude it.
    expect(results.some((r) => r.check === "runAsRootAllowed" && r.container === "migrate")).toBe(true);
    expect(results.some((r) => r.check === "livenessProbeMissing" && r.container === "migrate")).toBe(false);
    expect(results.some((r) => r.check === "cpuLimitsMissing" && r.container === "migrate")).toBe(false);
    // Severities and messages come from the data.
    const tls = results.find((r) => r.check === "tlsSettingsMissing")!;
    expect(tls).toEqual({
      check: "tlsSettingsMissing",
      severity: "warning",
      target: "networking.k8s.io/Ingress",
      object: "Ingress/web",
      passed: true,
      message: "Ingress has TLS configured",
    });
  });

  it("scores like Polaris: 100 · 2·passes / (2·passes + warnings + 2·dangers)", () => {
    expect(polarisScore(evaluate(hardened()))).toBe(100);
    const objects = hardened();
    delete find(objects, "Ingress").spec.tls; // one failed warning
    container(objects).env[1] = { name: "DB_PASSWORD", value: "hunter2" }; // one failed danger
    const results = evaluate(objects);
    const passes = results.filter((r) => r.passed).length;
    expect(polarisScore(results)).toBe(Math.floor((100 * 2 * passes) / (2 * passes + 1 + 2)));
  });

  describe("fails what a real Polaris fails", () => {
    it("runAsNonRoot / runAsUser missing → runAsRootAllowed, for every container", () => {
      const objects = hardened();
      delete pod(objects).securityContext.runAsNonRoot;
      delete pod(objects).securityContext.runAsUser;
      for (const c of [...pod(objects).initContainers, ...pod(objects).containers]) delete c.securityContext.runAsNonRoot;
      expect(failures(evaluate(objects))).toEqual(["runAsRootAllowed Deployment/web[migrate]", "runAsRootAllowed Deployment/web[web]"]);
    });

    it("runAsNonRoot at the pod level, overridden by runAsUser: 0 in one container → that container fails", () => {
      const objects = hardened();
      delete container(objects).securityContext.runAsNonRoot;
      container(objects).securityContext.runAsUser = 0;
      expect(failures(evaluate(objects))).toEqual(["runAsRootAllowed Deployment/web[web]"]);
    });

    it("no NetworkPolicy → missingNetworkPolicy", () => {
      expect(failures(evaluate(without(hardened(), "NetworkPolicy")))).toEqual(["missingNetworkPolicy Deployment/web"]);
    });

    it("a NetworkPolicy selecting on BOTH pod labels fails too (the schema's oneOf allows exactly one)", () => {
      const objects = hardened();
      find(objects, "NetworkPolicy").spec.podSelector.matchLabels = { ...podLabels };
      expect(failures(evaluate(objects))).toEqual(["missingNetworkPolicy Deployment/web"]);
    });

    it("a NetworkPolicy without egress rules, or in another namespace, does not count", () => {
      const noEgress = hardened();
      delete find(noEgress, "NetworkPolicy").spec.egress;
      expect(failures(evaluate(noEgress))).toEqual(["missingNetworkPolicy Deployment/web"]);
      const elsewhere = hardened();
      find(elsewhere, "NetworkPolicy").metadata.namespace = "other";
      expect(failures(evaluate(elsewhere))).toEqual(["missingNetworkPolicy Deployment/web"]);
    });

    it("instance label ≠ metadata.name → metadataAndInstanceMismatched", () => {
      const objects = hardened();
      deployment(objects).metadata.labels = { ...podLabels, "app.kubernetes.io/instance": "web-blue" };
      expect(failures(evaluate(objects))).toEqual(["metadataAndInstanceMismatched Deployment/web"]);
    });

    it("Ingress without tls → tlsSettingsMissing", () => {
      const objects = hardened();
      delete find(objects, "Ingress").spec.tls;
      expect(failures(evaluate(objects))).toEqual(["tlsSettingsMissing Ingress/web"]);
    });

    it("a secret-looking env var with a literal value → sensitiveContainerEnvVar (danger)", () => {
      const objects = hardened();
      container(objects).env[1] = { name: "DB_PASSWORD", value: "hunter2" };
      const results = evaluate(objects);
      expect(failures(results)).toEqual(["sensitiveContainerEnvVar Deployment/web[web]"]);
      expect(results.find((r) => !r.passed)!.severity).toBe("danger");
    });

    it("an empty literal value is dropped by the typed round trip, so it passes (as in Polaris)", () => {
      const objects = hardened();
      container(objects).env[1] = { name: "API_TOKEN", value: "" };
      expect(failures(evaluate(objects))).toEqual([]);
    });

    it("PDB with maxUnavailable 0 (or minAvailable 100%) → pdbDisruptionsIsZero", () => {
      const zero = hardened();
      find(zero, "PodDisruptionBudget").spec = { maxUnavailable: 0, selector: { matchLabels: { "app.kubernetes.io/name": "web" } } };
      expect(failures(evaluate(zero))).toEqual(["pdbDisruptionsIsZero PodDisruptionBudget/web"]);
      const all = hardened();
      find(all, "PodDisruptionBudget").spec.minAvailable = "100%";
      expect(failures(evaluate(all))).toEqual(["pdbDisruptionsIsZero PodDisruptionBudget/web"]);
    });

    it("PDB minAvailable above the HPA's minReplicas → pdbMinAvailableGreaterThanHPAMinReplicas", () => {
      const objects = hardened();
      find(objects, "PodDisruptionBudget").spec.minAvailable = 3;
      expect(failures(evaluate(objects))).toEqual(["pdbMinAvailableGreaterThanHPAMinReplicas Deployment/web"]);
    });

    it("no PDB → missingPodDisruptionBudget; one replica → deploymentMissingReplicas", () => {
      expect(failures(evaluate(without(hardened(), "PodDisruptionBudget")))).toEqual(["missingPodDisruptionBudget Deployment/web"]);
      const objects = hardened();
      deployment(objects).spec.replicas = 1;
      expect(failures(evaluate(objects))).toEqual(["deploymentMissingReplicas Deployment/web"]);
    });

    it("HPA min = max, or min 1 → hpaMaxAvailability / hpaMinAvailability", () => {
      const same = hardened();
      find(same, "HorizontalPodAutoscaler").spec.maxReplicas = 2;
      expect(failures(evaluate(same))).toEqual(["hpaMaxAvailability HorizontalPodAutoscaler/web"]);
      const one = hardened();
      find(one, "HorizontalPodAutoscaler").spec.minReplicas = 1;
      expect(failures(evaluate(one))).toEqual(["hpaMinAvailability HorizontalPodAutoscaler/web"]);
    });

    it("automount: pod field unset needs a matching ServiceAccount that disables it; no serviceAccountName never matches", () => {
      const viaAccount = hardened();
      delete pod(viaAccount).automountServiceAccountToken;
      expect(failures(evaluate(viaAccount))).toEqual([]);
      const noName = hardened();
      delete pod(noName).automountServiceAccountToken;
      delete pod(noName).serviceAccountName;
      expect(failures(evaluate(noName))).toEqual(["automountServiceAccountToken Deployment/web"]);
      const accountMounts = without(hardened(), "ServiceAccount");
      delete pod(accountMounts).automountServiceAccountToken;
      expect(failures(evaluate(accountMounts))).toEqual(["automountServiceAccountToken Deployment/web"]);
    });

    it("image tag, pull policy, host namespaces, privilege, capabilities, probes, resources", () => {
      const objects = hardened();
      const web = container(objects);
      web.image = "ghcr.io/acme/web:latest";
      web.imagePullPolicy = "IfNotPresent";
      web.ports[0].hostPort = 8080;
      web.securityContext.privileged = true;
      web.securityContext.allowPrivilegeEscalation = true;
      web.securityContext.readOnlyRootFilesystem = false;
      web.securityContext.capabilities = { add: ["NET_ADMIN"], drop: ["ALL"] };
      delete web.livenessProbe;
      delete web.resources.limits.memory;
      pod(objects).hostNetwork = true;
      pod(objects).hostPID = true;
      pod(objects).hostIPC = true;
      pod(objects).volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } });
      expect(failures(evaluate(objects))).toEqual([
        "dangerousCapabilities Deployment/web[web]",
        "hostIPCSet Deployment/web",
        "hostNetworkSet Deployment/web",
        "hostPIDSet Deployment/web",
        "hostPathSet Deployment/web",
        "hostPortSet Deployment/web[web]",
        "livenessProbeMissing Deployment/web[web]",
        "memoryLimitsMissing Deployment/web[web]",
        "notReadOnlyRootFilesystem Deployment/web[web]",
        "privilegeEscalationAllowed Deployment/web[web]",
        "pullPolicyNotAlways Deployment/web[web]",
        "runAsPrivileged Deployment/web[web]",
        "tagNotSpecified Deployment/web[web]",
      ]);
    });

    it("linuxHardening: no seccomp, SELinux or dropped capabilities fails; an AppArmor annotation for the container passes", () => {
      const objects = hardened();
      delete pod(objects).securityContext.seccompProfile;
      for (const c of [...pod(objects).initContainers, ...pod(objects).containers]) delete c.securityContext.capabilities;
      expect(failures(evaluate(objects))).toEqual([
        "insecureCapabilities Deployment/web[migrate]",
        "insecureCapabilities Deployment/web[web]",
        "linuxHardening Deployment/web[migrate]",
        "linuxHardening Deployment/web[web]",
      ]);
      deployment(objects).spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/web": "runtime/default" };
      expect(failures(evaluate(objects))).toEqual([
        "insecureCapabilities Deployment/web[migrate]",
        "insecureCapabilities Deployment/web[web]",
        "linuxHardening Deployment/web[migrate]",
      ]);
    });

    it("linuxHardening: an Unconfined pod seccomp profile needs a container-level profile", () => {
      const objects = hardened();
      pod(objects).securityContext.seccompProfile = { type: "Unconfined" };
      for (const c of [...pod(objects).initContainers, ...pod(objects).containers]) delete c.securityContext.capabilities.drop;
      const failed = failures(evaluate(objects)).filter((f) => f.startsWith("linuxHardening"));
      expect(failed).toEqual(["linuxHardening Deployment/web[migrate]", "linuxHardening Deployment/web[web]"]);
      for (const c of [...pod(objects).initContainers, ...pod(objects).containers]) c.securityContext.seccompProfile = { type: "RuntimeDefault" };
      expect(failures(evaluate(objects)).filter((f) => f.startsWith("linuxHardening"))).toEqual([]);
    });

    it("ConfigMap keys or values that look secret → sensitiveConfigmapContent", () => {
      const objects = hardened();
      find(objects, "ConfigMap").data.api_token = "abc";
      expect(failures(evaluate(objects))).toEqual(["sensitiveConfigmapContent ConfigMap/web"]);
      const key = hardened();
      find(key, "ConfigMap").data["tls.key"] = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n";
      expect(failures(evaluate(key))).toEqual(["sensitiveConfigmapContent ConfigMap/web"]);
    });

    it("RBAC: exec-capable Roles and cluster-admin bindings", () => {
      const exec = hardened();
      find(exec, "Role").rules.push({ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] });
      expect(failures(evaluate(exec))).toEqual(["rolePodExecAttach Role/web-config-reader", "rolebindingRolePodExecAttach RoleBinding/web-config-reader"]);
      const admin = hardened();
      find(admin, "ClusterRoleBinding").roleRef.name = "cluster-admin";
      // cluster-admin is not among the objects: the ClusterRoleBinding also fails the exec check ("or that does not exist").
      expect(failures(evaluate(admin))).toEqual([
        "clusterrolebindingClusterAdmin ClusterRoleBinding/web-node-reader",
        "clusterrolebindingPodExecAttach ClusterRoleBinding/web-node-reader",
      ]);
    });
  });

  describe("applicability", () => {
    it("annotation and config exemptions suppress results, as in Polaris", () => {
      const objects = hardened();
      deployment(objects).metadata.annotations = { "polaris.fairwinds.com/runAsRootAllowed-exempt": "true" };
      delete pod(objects).securityContext.runAsNonRoot;
      delete pod(objects).securityContext.runAsUser;
      for (const c of [...pod(objects).initContainers, ...pod(objects).containers]) delete c.securityContext.runAsNonRoot;
      const results = evaluate(objects);
      expect(results.some((r) => r.check === "runAsRootAllowed")).toBe(false);
      expect(failures(results)).toEqual([]);

      // default.yaml exempts controllers whose name starts with "polaris" from missingNetworkPolicy.
      const renamed = without(hardened(), "NetworkPolicy");
      deployment(renamed).metadata.name = "polaris-dashboard";
      deployment(renamed).metadata.labels["app.kubernetes.io/instance"] = "polaris-dashboard";
      const r2 = evaluate(renamed);
      expect(r2.some((r) => r.check === "missingNetworkPolicy")).toBe(false);
    });

    it("CronJob: the pod spec is found under jobTemplate; probe and spread checks exclude Jobs and CronJobs", () => {
      const labels = { "app.kubernetes.io/name": "cleanup", "app.kubernetes.io/instance": "cleanup" };
      const spec = podSpec();
      spec.restartPolicy = "OnFailure";
      delete spec.topologySpreadConstraints;
      delete spec.containers[0].livenessProbe;
      delete spec.containers[0].readinessProbe;
      const objects: Obj[] = [
        { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: NS }, automountServiceAccountToken: false },
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          metadata: { name: "cleanup", namespace: NS, labels },
          spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { metadata: { labels }, spec } } } },
        },
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "cleanup", namespace: NS },
          spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "cleanup" } }, ingress: [{}], egress: [{}] },
        },
      ];
      const results = evaluate(objects);
      expect(describeFailures(results)).toEqual([]);
      const ran = new Set(results.map((r) => r.check));
      for (const id of ["livenessProbeMissing", "readinessProbeMissing", "topologySpreadConstraint", "deploymentMissingReplicas", "missingPodDisruptionBudget"]) {
        expect(ran.has(id), id).toBe(false);
      }
      expect(ran.has("missingNetworkPolicy")).toBe(true);
      expect(ran.has("metadataAndInstanceMismatched")).toBe(true);
      // Without pod labels the NetworkPolicy template renders `oneOf:` with no entries: nothing can match.
      delete find(objects, "CronJob").spec.jobTemplate.spec.template.metadata;
      expect(failures(evaluate(objects))).toEqual(["missingNetworkPolicy CronJob/cleanup"]);
    });

    it("Argo Rollout is a controller; by default it is also checked like a Deployment", () => {
      const objects = hardened().map((o) =>
        o.kind === "Deployment" ? { ...o, apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", spec: { ...o.spec, strategy: { canary: {} } } } : o,
      );
      find(objects, "HorizontalPodAutoscaler").spec.scaleTargetRef = { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "web" };
      expect(describeFailures(evaluate(objects))).toEqual([]);
      find(objects, "Rollout").spec.replicas = 1;
      expect(failures(evaluate(objects))).toEqual(["deploymentMissingReplicas Rollout/web"]);
      // Polaris's exact behaviour: include: [Deployment] does not match kind Rollout.
      const exact = evaluate(objects, { rolloutAsDeployment: false });
      expect(failures(exact)).toEqual([]);
      expect(exact.some((r) => r.check === "missingPodDisruptionBudget")).toBe(false);
      expect(exact.some((r) => r.check === "runAsRootAllowed" && r.object === "Rollout/web")).toBe(true);
    });

    it("typed round trip: numeric quantities count as set", () => {
      const objects = hardened();
      container(objects).resources = { requests: { cpu: 0.1, memory: 134217728 }, limits: { cpu: 1, memory: 268435456 } };
      expect(failures(evaluate(objects))).toEqual([]);
    });

    it("rendered schemas are YAML 1.1, as in Go: a pod label value `yes` becomes a boolean and no NetworkPolicy matches it", () => {
      const objects = hardened();
      const labels = { ...podLabels, "app.kubernetes.io/name": "yes" };
      deployment(objects).spec.template.metadata.labels = labels;
      deployment(objects).spec.selector.matchLabels = labels;
      find(objects, "NetworkPolicy").spec.podSelector.matchLabels = { "app.kubernetes.io/name": "yes" };
      find(objects, "PodDisruptionBudget").spec.selector.matchLabels = { "app.kubernetes.io/instance": "web" };
      expect(failures(evaluate(objects))).toEqual(["missingNetworkPolicy Deployment/web"]);
    });

    it("reads another config: config-full.yaml's custom checks (resourceMinimum/Maximum quantities)", () => {
      const options = { configFile: join(polarisDataDir, "config", "config-full.yaml") };
      const objects = hardened();
      expect(describeFailures(evaluate(objects, options))).toEqual([]);
      expect(evaluate(objects, options).filter((r) => r.check === "resourceLimits").map((r) => r.passed)).toEqual([true]);
      container(objects).resources.limits.memory = "8Gi";
      container(objects).image = "quay.io/acme/web:1.2.3";
      expect(failures(evaluate(objects, options))).toEqual(["imageRegistry Deployment/web[web]", "resourceLimits Deployment/web[web]"]);
    });

    it("throws instead of guessing on objects Polaris could not load", () => {
      expect(() => evaluate([{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { template: "nope" } }])).toThrow(/not a map/);
      expect(() => evaluate([{ kind: "ConfigMap", metadata: { name: "x" } }])).toThrow(/apiVersion/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The evaluator's building blocks (no shared data needed)

describe("Go template subset", () => {
  const data = {
    metadata: { name: "web", labels: { b: "2", a: "1" }, annotations: null },
    spec: { minReplicas: 2, list: ["x", "y"] },
    Polaris: { PodSpec: { automountServiceAccountToken: false } },
  };

  it("prints values like Go, including <no value> for a missing key", () => {
    expect(renderGoTemplate("{{ .metadata.name }}/{{ .spec.minReplicas }}/{{ .nope }}/{{ .nope.deeper }}", data)).toBe("web/2/<no value>/<no value>");
    expect(renderGoTemplate('{{ print "a" .metadata.name }} {{ print 1 2 }} {{ .spec.list }}', data)).toBe("aweb 1 2 [x y]");
  });

  it("trims with {{- and -}}, drops comments", () => {
    expect(renderGoTemplate("a  \n  {{- .metadata.name -}}  \n  b{{/* gone\n */}}c{{- /* x */ -}}  d", data)).toBe("awebbcd");
  });

  it("ranges over maps in sorted key order, with an else branch", () => {
    expect(renderGoTemplate("{{ range $k, $v := .metadata.labels }}{{ $k }}={{ $v }};{{ end }}", data)).toBe("a=1;b=2;");
    expect(renderGoTemplate("{{ range $k, $v := .nope }}x{{ else }}empty{{ end }}", data)).toBe("empty");
    expect(renderGoTemplate("{{ range .spec.list }}[{{ . }}]{{ end }}", data)).toBe("[x][y]");
  });

  it("if / else if / else, eq / ne / not / and / or, hasPrefix, index", () => {
    const t = '{{ if eq .metadata.name "api" }}api{{ else if hasPrefix .metadata.name "we" }}we{{ else }}other{{ end }}';
    expect(renderGoTemplate(t, data)).toBe("we");
    expect(renderGoTemplate("{{ if not (eq .Polaris.PodSpec.automountServiceAccountToken false) }}mounts{{ else }}off{{ end }}", data)).toBe("off");
    expect(renderGoTemplate("{{ if not (eq .Polaris.PodSpec.missing false) }}mounts{{ end }}", data)).toBe("mounts");
    expect(renderGoTemplate('{{ and .metadata.name .nope "x" }}|{{ or .nope "" .metadata.name }}|{{ ne .metadata.name "web" }}', data)).toBe("<no value>|web|false");
    expect(renderGoTemplate('{{ index .metadata "labels" "a" }}|{{ index .metadata.labels "zz" }}|{{ if index .metadata.labels "zz" }}y{{ else }}n{{ end }}', data)).toBe("1|<no value>|n");
  });

  it("variables: := declares in the enclosing block, = assigns the outer one", () => {
    const t = "{{ $x := false }}{{ if .metadata.name }}{{ $x = .metadata.name }}{{ $y := 1 }}{{ end }}{{ $x }}";
    expect(renderGoTemplate(t, data)).toBe("web");
    expect(() => renderGoTemplate("{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}", data)).toThrow(/undefined variable/);
  });

  it("fails loudly on what it does not support, and where Go fails", () => {
    for (const t of ["{{ with .metadata }}x{{ end }}", "{{ len .spec.list }}", '{{ template "x" }}', '{{ .metadata.name | printf "%s" }}', "{{ range .spec.list }}{{ break }}{{ end }}", "{{ 'c' }}"]) {
      expect(() => renderGoTemplate(t, data), t).toThrow(GoTemplateError);
    }
    expect(() => renderGoTemplate("{{ .metadata.annotations.x }}", data)).toThrow(/nil pointer/);
    expect(() => renderGoTemplate('{{ hasPrefix .nope "x" }}', data)).toThrow(/expected string/);
    expect(() => renderGoTemplate('{{ eq .spec.minReplicas "2" }}', data)).toThrow(/incompatible types/);
    expect(() => renderGoTemplate("{{ if true }}x", data)).toThrow(/missing \{\{ end \}\}/);
  });
});

describe("Go regexp translation", () => {
  it("turns a whole-pattern (?i) into the i flag", () => {
    expect(translateGoRegExp("^(?i)ALL$")).toEqual({ source: "^ALL$", flags: "i" });
    expect(translateGoRegExp("(?i)\\s*-BEGIN\\s+.*PRIVATE KEY-\\s*")).toEqual({ source: "\\s*-BEGIN\\s+.*PRIVATE KEY-\\s*", flags: "i" });
    expect(translateGoRegExp("^.+:latest$")).toEqual({ source: "^.+:latest$", flags: "" });
    expect(translateGoRegExp("(?P<tag>[a-z]+)\\z")).toEqual({ source: "(?<tag>[a-z]+)(?![\\s\\S])", flags: "" });
  });

  it("refuses flags that apply to only part of the pattern", () => {
    expect(() => translateGoRegExp("a(?i)b")).toThrow(/not supported/);
    expect(() => translateGoRegExp("(a(?i)b)")).toThrow(/not supported/);
    expect(() => translateGoRegExp("(?i:ab)")).toThrow(/not supported/);
    expect(() => translateGoRegExp("[[:alpha:]]")).toThrow(/not supported/);
  });
});
