// Hand-written objects for the support tests: a hardened service as berth means to emit it (Deployment,
// Service, ServiceAccount, PodDisruptionBudget, HPA v2, NetworkPolicy, Argo Rollout + AnalysisTemplate), plus
// the custom resources of the backup and monitoring outputs, and helpers to write them as a kustomize folder.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { tempDir } from "./tools.js";

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; [k: string]: unknown }; [k: string]: unknown };

const name = "orders-api";
const labels = {
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/instance": `${name}-prod`,
  "app.kubernetes.io/version": "2.1.0",
  "app.kubernetes.io/component": "server",
  "app.kubernetes.io/part-of": "payments",
  "app.kubernetes.io/managed-by": "berth",
};
const selector = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": `${name}-prod` };
const meta = (kind: string) => ({ name: kind ? `${name}-${kind}` : name, namespace: "payments", labels });

/** A restricted-profile pod template (non-root, read-only root fs, no privilege escalation, caps dropped). */
export function podTemplate(): Record<string, unknown> {
  return {
    metadata: { labels, annotations: { "berth.dev/config-hash": "3f2a9c" } },
    spec: {
      serviceAccountName: name,
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 45,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: "RuntimeDefault" },
      },
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: { labelSelector: { matchLabels: selector }, topologyKey: "kubernetes.io/hostname" },
            },
          ],
        },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: selector },
        },
      ],
      containers: [
        {
          name,
          image: "ghcr.io/acme/orders-api:2.1.0",
          imagePullPolicy: "IfNotPresent",
          ports: [
            { name: "http", containerPort: 8080, protocol: "TCP" },
            { name: "metrics", containerPort: 9090, protocol: "TCP" },
          ],
          envFrom: [{ configMapRef: { name: `${name}-env` } }],
          resources: {
            requests: { cpu: "250m", memory: "256Mi" },
            limits: { cpu: "1", memory: "512Mi" },
          },
          livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10, timeoutSeconds: 2 },
          readinessProbe: { httpGet: { path: "/readyz", port: "http" }, periodSeconds: 5, timeoutSeconds: 2 },
          lifecycle: { preStop: { sleep: { seconds: 5 } } },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            privileged: false,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
          },
          volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
        },
      ],
      volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
    },
  };
}

export function deployment(): K8sObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(""),
    spec: {
      // no replicas: the HPA owns them
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: podTemplate(),
    },
  };
}

export function serviceAccount(): K8sObject {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(""), automountServiceAccountToken: false };
}

export function configMap(): K8sObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: meta("env"), data: { LOG_LEVEL: "info" } };
}

export function service(): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(""),
    spec: {
      type: "ClusterIP",
      selector,
      ports: [
        { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
        { name: "metrics", port: 9090, targetPort: "metrics", protocol: "TCP" },
      ],
    },
  };
}

export function podDisruptionBudget(): K8sObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta(""),
    spec: { maxUnavailable: 1, selector: { matchLabels: selector }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
  };
}

export function horizontalPodAutoscaler(): K8sObject {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta(""),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}

export function networkPolicy(): K8sObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(""),
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } } }],
          ports: [{ protocol: "TCP", port: "http" }],
        },
      ],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    },
  };
}

export function rollout(): K8sObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: meta(""),
    spec: {
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 600,
      progressDeadlineAbort: true,
      selector: { matchLabels: selector },
      template: podTemplate(),
      strategy: {
        canary: {
          maxSurge: "25%",
          maxUnavailable: 0,
          analysis: { templates: [{ templateName: `${name}-error-rate` }], startingStep: 1 },
          steps: [
            { setWeight: 10 },
            { pause: { duration: "5m" } },
            { setWeight: 50 },
            { pause: { duration: 300 } }, // int-or-string: seconds as a number
          ],
        },
      },
    },
  };
}

export function analysisTemplate(): K8sObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: meta("error-rate"),
    spec: {
      metrics: [
        {
          name: "error-rate",
          interval: "1m",
          count: 5,
          failureLimit: 1,
          successCondition: "len(result) == 0 || result[0] < 0.01",
          provider: {
            prometheus: {
              address: "http://prometheus.monitoring:9090",
              query:
                'sum(rate(http_requests_total{service="orders-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="orders-api"}[5m]))',
            },
          },
        },
      ],
    },
  };
}

export function veleroSchedule(): K8sObject {
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: { name: `${name}-daily`, namespace: "velero", labels },
    spec: {
      schedule: "0 3 * * *",
      useOwnerReferencesInBackup: false,
      template: {
        ttl: "720h0m0s",
        includedNamespaces: ["payments"],
        labelSelector: { matchLabels: { "app.kubernetes.io/instance": `${name}-prod` } },
        excludedResources: ["events", "events.events.k8s.io"],
        defaultVolumesToFsBackup: true,
        storageLocation: `${name}-backups`,
      },
    },
  };
}

export function veleroBackupStorageLocation(): K8sObject {
  return {
    apiVersion: "velero.io/v1",
    kind: "BackupStorageLocation",
    metadata: { name: `${name}-backups`, namespace: "velero", labels },
    spec: { provider: "aws", objectStorage: { bucket: "acme-backups", prefix: name }, config: { region: "eu-west-1" } },
  };
}

export function cnpgScheduledBackup(): K8sObject {
  return {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "ScheduledBackup",
    metadata: meta("db"),
    spec: {
      schedule: "0 0 2 * * *",
      backupOwnerReference: "self",
      cluster: { name: `${name}-db` },
      method: "plugin",
      pluginConfiguration: { name: "barman-cloud.cloudnative-pg.io" },
    },
  };
}

export function prometheusRule(): K8sObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: meta(""),
    spec: {
      groups: [
        {
          name: `${name}.rules`,
          rules: [
            {
              alert: "OrdersApiHighErrorRate",
              expr: 'sum(rate(http_requests_total{service="orders-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="orders-api"}[5m])) > 0.05',
              for: "5m",
              labels: { severity: "critical", team: "payments", service: name },
              annotations: {
                summary: "orders-api error rate above 5%",
                description: "More than 5% of requests fail.",
                runbook_url: "https://runbooks.acme.dev/ordersapihigherrorrate",
              },
            },
          ],
        },
      ],
    },
  };
}

export function serviceMonitor(): K8sObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: meta(""),
    spec: {
      selector: { matchLabels: selector },
      endpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }],
    },
  };
}

export function httpRoute(): K8sObject {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: meta(""),
    spec: {
      parentRefs: [{ name: "public", namespace: "gateway" }],
      hostnames: ["orders.acme.dev"],
      rules: [
        {
          matches: [{ path: { type: "PathPrefix", value: "/" } }],
          backendRefs: [{ name, port: 80 }],
        },
      ],
    },
  };
}

export function ingress(): K8sObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: meta(""),
    spec: {
      ingressClassName: "nginx",
      tls: [{ hosts: ["orders.acme.dev"], secretName: `${name}-tls` }],
      rules: [
        {
          host: "orders.acme.dev",
          http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name, port: { name: "http" } } } }] },
        },
      ],
    },
  };
}

/** The migration Job (Argo CD PreSync hook), with the same restricted pod. */
export function migrationJob(): K8sObject {
  const pod = podTemplate() as { metadata: unknown; spec: Record<string, unknown> };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { ...meta("migrate"), annotations: { "argocd.argoproj.io/hook": "PreSync" } },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 3600,
      template: { metadata: pod.metadata, spec: { ...pod.spec, restartPolicy: "Never" } },
    },
  };
}

export function cronJob(): K8sObject {
  const job = migrationJob().spec as Record<string, unknown>;
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: meta("cleanup"),
    spec: { schedule: "*/15 * * * *", concurrencyPolicy: "Forbid", timeZone: "Etc/UTC", jobTemplate: { spec: job } },
  };
}

export function persistentVolumeClaim(): K8sObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: meta("data"),
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } }, storageClassName: "standard" },
  };
}

/** The hardened Kubernetes folder: one object per file. */
export function hardenedService(): K8sObject[] {
  return [
    serviceAccount(),
    configMap(),
    deployment(),
    service(),
    podDisruptionBudget(),
    horizontalPodAutoscaler(),
    networkPolicy(),
    rollout(),
    analysisTemplate(),
  ];
}

/** Deep copy with one change applied (the object passed to `edit` is the copy). */
export function changed<T>(object: T, edit: (copy: T) => void): T {
  const copy = structuredClone(object);
  edit(copy);
  return copy;
}

/** `<kind>[-suffix].yaml`, the file name an object is written to. */
export function fileNameOf(o: K8sObject): string {
  const base = o.kind.toLowerCase();
  const suffix = o.metadata.name.startsWith(`${name}-`) ? `-${o.metadata.name.slice(name.length + 1)}` : "";
  return `${base}${suffix}.yaml`;
}

/** Writes objects one per file plus kustomization.yaml into a new temp folder (or `dir`); returns the folder. */
export function writeKustomizeDir(objects: K8sObject[], dir?: string): { dir: string; files: string[] } {
  const out = dir ?? tempDir("berth-support-");
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const o of objects) {
    const file = fileNameOf(o);
    writeFileSync(join(out, file), `# generated by a test\n${yaml.dump(o, { noRefs: true, lineWidth: -1 })}`);
    files.push(join(out, file));
  }
  const kustomization = {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: files.map((f) => f.slice(out.length + 1)),
  };
  writeFileSync(join(out, "kustomization.yaml"), yaml.dump(kustomization));
  return { dir: out, files };
}
