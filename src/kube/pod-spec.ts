import type { ExtraContainer, Model, Probe, Resources } from "../model/model.js";
import { LABELS } from "../model/conventions.js";
import { CONFIG_FILES_VOLUME } from "../model/pod-names.js";
import type { YamlValue } from "../output/yaml.js";
import { podTemplateMetadata, selectorLabels } from "./names.js";

type Container = Record<string, YamlValue>;

export interface PodOptions {
  /** Replace the image's command (migration jobs, cron jobs). */
  command?: string[];
  /** The long-running server: probes, ports, lifecycle and topology spread. */
  server: boolean;
  restartPolicy?: "Always" | "Never" | "OnFailure";
  /** The ServiceAccount and ConfigMaps the pod reads, when not the service's own (the migration hook's). */
  refs?: PodRefs;
  /** A job's own image and size, when not the service's. */
  image?: string;
  resources?: Resources;
  /**
   * Mount the service's PersistentVolumeClaims (default). The migration hook does not: it runs before
   * a first install has created the claims (a Helm pre-install or Argo CD PreSync hook), and on an
   * upgrade a ReadWriteOnce claim is held by the running pods, so its pod would never start.
   */
  claims?: boolean;
}

export interface PodRefs {
  serviceAccount: string;
  envConfigMap: string;
  filesConfigMap: string;
}

/** The pod spec every workload of the service shares: restricted security, config, secrets, volumes. */
export function podSpec(m: Model, options: PodOptions): Record<string, YamlValue> {
  const names = options.refs ?? m.names;
  const volumes = podVolumes(m, names, options.claims !== false);
  return {
    serviceAccountName: names.serviceAccount,
    automountServiceAccountToken: m.security.serviceAccountToken,
    ...(options.server ? { terminationGracePeriodSeconds: Math.ceil(m.shutdown.gracePeriodSeconds) } : {}),
    ...(m.scheduling.priorityClass ? { priorityClassName: m.scheduling.priorityClass } : {}),
    ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: m.security.runAsUser,
      runAsGroup: m.security.runAsGroup,
      fsGroup: m.security.fsGroup,
      seccompProfile: { type: m.security.seccomp },
    },
    ...(Object.keys(m.scheduling.nodeSelector).length ? { nodeSelector: m.scheduling.nodeSelector } : {}),
    ...(m.scheduling.tolerations.length ? { tolerations: m.scheduling.tolerations } : {}),
    ...affinity(m, options.server),
    ...(m.imagePullSecrets.length ? { imagePullSecrets: m.imagePullSecrets.map((name) => ({ name })) } : {}),
    ...(options.server ? spread(m) : {}),
    ...(options.server && initContainers(m).length ? { initContainers: initContainers(m) } : {}),
    containers: [container(m, options), ...(options.server ? m.sidecars.filter((c) => !c.native).map((c) => extraContainer(m, c)) : [])],
    ...(volumes.length ? { volumes } : {}),
  };
}

function container(m: Model, options: PodOptions): Container {
  const names = options.refs ?? m.names;
  const mounts = volumeMounts(m, options.claims !== false);
  return {
    name: m.name,
    image: options.image ?? m.image.reference,
    imagePullPolicy: "Always",
    ...(options.command ? { command: options.command } : m.command ? { command: m.command } : {}),
    ...(!options.command && m.args ? { args: m.args } : {}),
    ...(options.server && m.ports.length
      ? { ports: m.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })) }
      : {}),
    ...(m.env.length ? { envFrom: [{ configMapRef: { name: names.envConfigMap } }] } : {}),
    ...(m.secretEnv.length
      ? { env: m.secretEnv.map((s) => ({ name: s.name, valueFrom: { secretKeyRef: { name: s.secret, key: s.key } } })) }
      : {}),
    resources: resources(options.resources ?? m.resources),
    ...(options.server ? probes(m.health) : {}),
    ...(options.server && m.shutdown.drainSeconds > 0
      ? { lifecycle: { preStop: { sleep: { seconds: Math.ceil(m.shutdown.drainSeconds) } } } }
      : {}),
    securityContext: containerSecurity(m),
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
}

/** Init containers in order (the declared ones first, so they finish before a native sidecar starts), then native sidecars. */
function initContainers(m: Model): Container[] {
  return [...m.initContainers, ...m.sidecars.filter((c) => c.native)].map((c) => extraContainer(m, c));
}

/** A sidecar or init container: the same restricted security context and writable paths as the service's container. */
function extraContainer(m: Model, c: ExtraContainer): Container {
  const mounts: Array<Record<string, YamlValue>> = [
    ...m.security.writablePaths.map((path) => ({ name: m.names.pod.writable[path]!, mountPath: path })),
    ...c.mounts.map((mount) => ({ name: m.names.pod.volumes[mount.volume]!, mountPath: mount.mountPath })),
  ];
  return {
    name: c.name,
    image: c.image.reference,
    imagePullPolicy: "Always",
    ...(c.native ? { restartPolicy: "Always" } : {}),
    ...(c.command ? { command: c.command } : {}),
    ...(c.args ? { args: c.args } : {}),
    ...(c.ports.length ? { ports: c.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })) } : {}),
    ...(c.env.length || c.secretEnv.length
      ? {
          env: [
            ...c.env.map((e) => ({ name: e.name, value: e.value })),
            ...c.secretEnv.map((s) => ({ name: s.name, valueFrom: { secretKeyRef: { name: s.secret, key: s.key } } })),
          ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        }
      : {}),
    resources: resources(c.resources),
    ...probes(c.health),
    securityContext: containerSecurity(m),
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
}

function resources(r: Resources): Record<string, YamlValue> {
  return {
    requests: { cpu: r.requests.cpu.text, memory: r.requests.memory.text },
    limits: { cpu: r.limits.cpu.text, memory: r.limits.memory.text },
  };
}

function containerSecurity(m: Model): Record<string, YamlValue> {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: m.security.readOnlyRootFilesystem,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"], ...(m.security.addCapabilities.length ? { add: m.security.addCapabilities } : {}) },
    seccompProfile: { type: m.security.seccomp },
  };
}

function probes(health: { liveness?: Probe; readiness?: Probe; startup?: Probe }): Record<string, YamlValue> {
  const out: Record<string, YamlValue> = {};
  if (health.startup) out.startupProbe = probe(health.startup);
  if (health.liveness) out.livenessProbe = probe(health.liveness);
  if (health.readiness) out.readinessProbe = probe(health.readiness);
  return out;
}

/** Probes exactly as declared (validation has made every timing a whole number of seconds). */
function probe(p: Probe): Record<string, YamlValue> {
  const handler =
    p.kind === "http" ? { httpGet: { path: p.path, port: p.port, scheme: p.scheme } }
    : p.kind === "tcp" ? { tcpSocket: { port: p.port } }
    : p.kind === "grpc" ? { grpc: { port: p.port, ...(p.service ? { service: p.service } : {}) } }
    : { exec: { command: p.command } };
  return {
    ...handler,
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
    successThreshold: p.successThreshold,
  };
}

/** Node affinity and pod (anti-)affinity, as the manifest writes them (every pod of the service). */
/**
 * Node affinity holds for every pod of the service, and so does pod (anti-)affinity, but for a term
 * that selects the service's own pods ("keep replicas apart"): it is about the server's replicas, so
 * it is narrowed to them (`app.kubernetes.io/component: server`) and left off the jobs' pods. As
 * written, a required one kept the migration hook Pending on every upgrade, off every node a replica
 * runs on (found on a real control plane).
 */
function affinity(m: Model, server: boolean): Record<string, YamlValue> {
  const s = m.scheduling;
  const serverLabels: Record<string, string> = podTemplateMetadata(m, "server", m.name).labels;
  const selectsServer = (match: Record<string, string>) => Object.entries(match).every(([k, v]) => serverLabels[k] === v);
  const expression = (r: { key: string; operator: string; values?: string[] }) => ({ key: r.key, operator: r.operator, ...(r.values ? { values: r.values } : {}) });
  const node: Record<string, YamlValue> = {
    ...(s.nodeRequired.length ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: s.nodeRequired.map(expression) }] } } : {}),
    ...(s.nodePreferred.length
      ? { preferredDuringSchedulingIgnoredDuringExecution: s.nodePreferred.map((r) => ({ weight: r.weight, preference: { matchExpressions: [expression(r)] } })) }
      : {}),
  };
  const pods = (anti: boolean): Record<string, YamlValue> => {
    const ownPods = (t: (typeof s.podAffinity)[number]) => (!t.namespaces || t.namespaces.includes(m.namespace)) && selectsServer(t.match);
    const terms = s.podAffinity.filter((t) => t.anti === anti && (server || !ownPods(t)));
    const term = (t: (typeof terms)[number]) => ({
      labelSelector: { matchLabels: ownPods(t) ? { ...t.match, [LABELS.component]: serverLabels[LABELS.component]! } : t.match },
      topologyKey: t.topology,
      ...(t.namespaces ? { namespaces: t.namespaces } : {}),
    });
    const required = terms.filter((t) => t.required).map(term);
    const preferred = terms.filter((t) => !t.required).map((t) => ({ weight: t.weight, podAffinityTerm: term(t) }));
    return {
      ...(required.length ? { requiredDuringSchedulingIgnoredDuringExecution: required } : {}),
      ...(preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
    };
  };
  const out: Record<string, YamlValue> = {
    ...(Object.keys(node).length ? { nodeAffinity: node } : {}),
    ...(Object.keys(pods(false)).length ? { podAffinity: pods(false) } : {}),
    ...(Object.keys(pods(true)).length ? { podAntiAffinity: pods(true) } : {}),
  };
  return Object.keys(out).length ? { affinity: out } : {};
}

/** Spread replicas over zones and nodes so one failure takes only a share of them. */
function spread(m: Model): Record<string, YamlValue> {
  const constraints = (
    [
      ["topology.kubernetes.io/zone", m.scheduling.spread.zones],
      ["kubernetes.io/hostname", m.scheduling.spread.hosts],
    ] as const
  )
    .filter(([, mode]) => mode !== "none")
    .map(([key, mode]) => ({
      maxSkew: m.scheduling.spread.maxSkew,
      topologyKey: key,
      whenUnsatisfiable: mode === "required" ? "DoNotSchedule" : "ScheduleAnyway",
      labelSelector: { matchLabels: selectorLabels(m) },
    }));
  return constraints.length ? { topologySpreadConstraints: constraints } : {};
}

function podVolumes(m: Model, names: PodRefs, claims: boolean): Array<Record<string, YamlValue>> {
  const out: Array<Record<string, YamlValue>> = [];
  for (const path of m.security.writablePaths) out.push({ name: m.names.pod.writable[path]!, emptyDir: {} });
  if (m.configFiles.some((f) => f.content !== undefined)) out.push({ name: CONFIG_FILES_VOLUME, configMap: { name: names.filesConfigMap } });
  for (const secret of [...new Set(m.configFiles.filter((f) => f.secret).map((f) => f.secret!.secret))].sort()) {
    out.push({ name: m.names.pod.secrets[secret]!, secret: { secretName: secret } });
  }
  for (const v of m.volumes) {
    if (v.persistent && !claims) continue;
    out.push(
      v.persistent
        ? { name: m.names.pod.volumes[v.name]!, persistentVolumeClaim: { claimName: m.names.claims[v.name]! } }
        : { name: m.names.pod.volumes[v.name]!, emptyDir: { sizeLimit: v.size.text } },
    );
  }
  return out;
}

function volumeMounts(m: Model, claims = true): Array<Record<string, YamlValue>> {
  const out: Array<Record<string, YamlValue>> = [];
  for (const path of m.security.writablePaths) out.push({ name: m.names.pod.writable[path]!, mountPath: path });
  for (const f of m.configFiles) {
    out.push(
      f.secret
        ? { name: m.names.pod.secrets[f.secret.secret]!, mountPath: f.path, subPath: f.secret.key, readOnly: true }
        : { name: CONFIG_FILES_VOLUME, mountPath: f.path, subPath: m.names.pod.configFileKeys[f.path]!, readOnly: true },
    );
  }
  for (const v of m.volumes) if (claims || !v.persistent) out.push({ name: m.names.pod.volumes[v.name]!, mountPath: v.mountPath });
  return out;
}
