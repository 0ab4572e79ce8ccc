import { DEFAULTS } from "./defaults.js";
import { applicationSettings } from "./app-env.js";
import { injectedSecretEnv, primaryPort } from "./conventions.js";
import type { ExtraContainer, Model, Probe } from "./model.js";
import { OBJECT_KINDS } from "./spec.js";
import type { ContainerSpec, NodeRequirementSpec, ProbeSpec, ResolvedSpec, ResourcesSpec, SidecarSpec } from "./spec.js";
import { byKey, sortedRecord } from "./order.js";
import { parseCpu, parseDuration, parseMemory } from "./units.js";

type WorkloadPart = Pick<
  Model,
  | "identity" | "image" | "command" | "args" | "replicas" | "ports" | "env" | "appSettings" | "secretEnv" | "configFiles"
  | "resources" | "imagePullSecrets" | "volumes" | "sidecars" | "initContainers" | "podPorts" | "scheduling" | "security" | "health" | "shutdown"
>;

/** The container and its pod: what runs, with what configuration, how it is probed and stopped. */
export function normalizeWorkload(spec: ResolvedSpec): WorkloadPart {
  const ports = (spec.ports ?? [])
    .map((p) => ({
      name: p.name,
      port: p.port,
      protocol: p.protocol ?? DEFAULTS.port.protocol,
      ...(p.app_protocol ? { appProtocol: p.app_protocol } : {}),
      exposed: p.expose ?? (spec.expose !== undefined && spec.ports!.length === 1),
      ...(p.publish ? { publish: { type: p.publish.type, port: p.publish.port ?? p.port, ...(p.publish.node_port !== undefined ? { nodePort: p.publish.node_port } : {}) } } : {}),
    }))
    .sort(byKey((p) => p.name));
  const defaultProbePort = primaryPort(spec);
  const shutdownTimeout = parseDuration(spec.shutdown?.timeout ?? DEFAULTS.shutdown.timeout);
  const drain = parseDuration(spec.shutdown?.drain ?? DEFAULTS.shutdown.drain);
  const sidecars = (spec.sidecars ?? []).map((c, i) => extraContainer(c, i, "sidecars"));
  const initContainers = (spec.init_containers ?? []).map((c, i) => extraContainer(c, i, "init_containers"));
  const security = { ...DEFAULTS.security, ...spec.security };
  const appSettings = applicationSettings(spec);
  return {
    identity: {
      team: spec.team!,
      ...(spec.owner ? { owner: spec.owner } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.part_of ? { partOf: spec.part_of } : {}),
      labels: sortedRecord(spec.labels),
      annotations: sortedRecord(spec.annotations),
      podLabels: sortedRecord(spec.pod_labels),
      podAnnotations: sortedRecord(spec.pod_annotations),
      objectMetadata: objectMetadata(spec),
    },
    image: parseImage(spec.image!),
    ...(spec.command ? { command: spec.command } : {}),
    ...(spec.args ? { args: spec.args } : {}),
    replicas: spec.replicas ?? DEFAULTS.settings.replicas,
    ports,
    env: [
      ...Object.entries(spec.env ?? {}).map(([name, value]) => ({ name, value: String(value), from: "env" })),
      ...appSettings.settings.flatMap((s) => (s.env ? [{ name: s.env, value: s.value, from: s.from, setting: s.setting, ...(s.renamed ? { renamed: true } : {}) }] : [])),
    ].sort(byKey((e) => e.name)),
    appSettings,
    secretEnv: [
      ...Object.entries(spec.secrets ?? {}).map(([name, ref]) => ({ name, secret: ref.secret, key: ref.key, from: "secrets" })),
      ...injectedSecretEnv(spec).map((s) => ({ name: s.env, secret: s.ref.secret, key: s.ref.key, from: s.from })),
    ].sort(byKey((e) => e.name)),
    configFiles: (spec.config_files ?? [])
      .map((f) => ({ path: f.path, ...(f.content !== undefined ? { content: f.content } : {}), ...(f.secret ? { secret: { ...f.secret } } : {}) }))
      .sort(byKey((f) => f.path)),
    resources: resources(spec.resources),
    sidecars,
    initContainers,
    podPorts: [...ports, ...sidecars.flatMap((c) => c.ports)].sort(byKey((p) => p.name)),
    volumes: (spec.volumes ?? [])
      .map((v) => ({
        name: v.name,
        mountPath: v.mount,
        size: parseMemory(v.size),
        persistent: v.persistent ?? DEFAULTS.volume.persistent,
        ...(v.storage_class ? { storageClass: v.storage_class } : {}),
        accessMode: v.access_mode ?? DEFAULTS.volume.access_mode,
      }))
      .sort(byKey((v) => v.name)),
    imagePullSecrets: [...(spec.image_pull_secrets ?? [])],
    scheduling: {
      nodeRequired: (spec.affinity?.node_required ?? []).map((r) => nodeRequirement(r)),
      nodePreferred: (spec.affinity?.node_preferred ?? []).map((r) => ({ ...nodeRequirement(r), weight: r.weight ?? 1 })),
      podAffinity: (spec.affinity?.pods ?? []).map((p) => ({
        match: sortedRecord(p.match),
        anti: p.anti ?? DEFAULTS.podAffinityTerm.anti,
        topology: p.topology ?? DEFAULTS.podAffinityTerm.topology,
        required: p.required ?? DEFAULTS.podAffinityTerm.required,
        weight: p.weight ?? DEFAULTS.podAffinityTerm.weight,
        ...(p.namespaces ? { namespaces: [...p.namespaces] } : {}),
      })),
      ...(spec.priority_class ? { priorityClass: spec.priority_class } : {}),
      nodeSelector: sortedRecord(spec.node_selector),
      tolerations: (spec.tolerations ?? []).map((t) => ({
        key: t.key,
        operator: t.operator ?? DEFAULTS.toleration.operator,
        ...(t.value !== undefined ? { value: t.value } : {}),
        ...(t.effect ? { effect: t.effect } : {}),
        ...(t.for ? { tolerationSeconds: Math.ceil(parseDuration(t.for)) } : {}),
      }))
      // Toleration order carries no meaning in Kubernetes; sorting keeps reordered manifests byte-identical.
      .sort(byKey((t) => `${t.key}\0${t.operator}\0${t.value ?? ""}\0${t.effect ?? ""}`)),
      spread: {
        zones: spec.spread?.zones ?? DEFAULTS.spread.zones,
        hosts: spec.spread?.hosts ?? DEFAULTS.spread.hosts,
        maxSkew: spec.spread?.max_skew ?? DEFAULTS.spread.max_skew,
      },
    },
    security: {
      runAsUser: security.run_as_user,
      runAsGroup: security.run_as_group,
      fsGroup: security.fs_group,
      readOnlyRootFilesystem: security.read_only_root_filesystem,
      writablePaths: [...security.writable_paths].sort(),
      addCapabilities: [...(spec.security?.add_capabilities ?? [])].sort(),
      seccomp: security.seccomp,
      serviceAccountToken: security.service_account_token,
      serviceAccountAnnotations: sortedRecord(spec.security?.service_account_annotations),
    },
    health: {
      ...(spec.health?.liveness ? { liveness: probe(spec.health.liveness, defaultProbePort, ports) } : {}),
      ...(spec.health?.readiness ? { readiness: probe(spec.health.readiness, defaultProbePort, ports) } : {}),
      ...(spec.health?.startup ? { startup: probe(spec.health.startup, defaultProbePort, ports) } : {}),
      ...(spec.health?.check_timeout ? { checkTimeoutSeconds: parseDuration(spec.health.check_timeout) } : {}),
    },
    shutdown: {
      timeoutSeconds: shutdownTimeout,
      drainSeconds: drain,
      // Twice what stopping needs: a slow shutdown still ends cleanly instead of being killed (30s + 0s → 60s).
      gracePeriodSeconds: spec.shutdown?.grace_period ? parseDuration(spec.shutdown.grace_period) : Math.ceil(2 * (shutdownTimeout + drain)),
    },
  };
}

/** `object_metadata`, kinds in the schema's order, each map sorted. */
function objectMetadata(spec: ResolvedSpec): WorkloadPart["identity"]["objectMetadata"] {
  const out: WorkloadPart["identity"]["objectMetadata"] = {};
  for (const kind of OBJECT_KINDS) {
    const meta = spec.object_metadata?.[kind];
    if (meta) out[kind] = { labels: sortedRecord(meta.labels), annotations: sortedRecord(meta.annotations) };
  }
  return out;
}

function nodeRequirement(r: NodeRequirementSpec): { key: string; operator: string; values?: string[] } {
  return { key: r.key, operator: r.operator ?? DEFAULTS.nodeRequirement.operator, ...(r.values ? { values: [...r.values] } : {}) };
}

/** Requests and limits, berth's defaults for what is not written. */
export function resources(spec: ResourcesSpec | undefined): Model["resources"] {
  const requests = { ...DEFAULTS.resources.requests, ...spec?.requests };
  const limits = { ...DEFAULTS.resources.limits, ...spec?.limits };
  return {
    requests: { cpu: parseCpu(requests.cpu), memory: parseMemory(requests.memory) },
    limits: { cpu: parseCpu(limits.cpu), memory: parseMemory(limits.memory) },
    declared: spec !== undefined,
    undeclared: spec === undefined ? [] : (["requests", "limits"] as const).flatMap((k) => (["cpu", "memory"] as const).filter((q) => spec[k]?.[q] === undefined).map((q) => `${k}.${q}`)),
  };
}

/** A sidecar or init container: its own env, secrets, size and probes; its probes default to its first port. */
function extraContainer(spec: SidecarSpec | ContainerSpec, index: number, field: ExtraContainer["field"]): ExtraContainer {
  const sidecar = field === "sidecars" ? (spec as SidecarSpec) : undefined;
  const ports = (sidecar?.ports ?? [])
    .map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? DEFAULTS.containerPort.protocol, ...(p.app_protocol ? { appProtocol: p.app_protocol } : {}), exposed: false }))
    .sort(byKey((p) => p.name));
  const defaultPort = sidecar?.ports?.[0]?.name;
  const health = sidecar?.health;
  return {
    name: spec.name,
    index,
    field,
    native: sidecar ? (sidecar.native ?? DEFAULTS.sidecar.native) : false,
    image: parseImage(spec.image),
    ...(spec.command ? { command: spec.command } : {}),
    ...(spec.args ? { args: spec.args } : {}),
    ports,
    env: Object.entries(spec.env ?? {}).map(([name, value]) => ({ name, value: String(value), from: field })).sort(byKey((e) => e.name)),
    secretEnv: Object.entries(spec.secrets ?? {}).map(([name, ref]) => ({ name, secret: ref.secret, key: ref.key, from: field })).sort(byKey((e) => e.name)),
    resources: resources(spec.resources),
    health: {
      ...(health?.liveness ? { liveness: probe(health.liveness, defaultPort, ports) } : {}),
      ...(health?.readiness ? { readiness: probe(health.readiness, defaultPort, ports) } : {}),
      ...(health?.startup ? { startup: probe(health.startup, defaultPort, ports) } : {}),
    },
    mounts: Object.entries(spec.mounts ?? {}).map(([volume, mountPath]) => ({ volume, mountPath })).sort(byKey((m) => m.volume)),
  };
}

function probe(spec: ProbeSpec, defaultPort: string | undefined, ports: Model["ports"]): Probe {
  const common = {
    periodSeconds: parseDuration(spec.period ?? DEFAULTS.probe.period),
    timeoutSeconds: parseDuration(spec.timeout ?? DEFAULTS.probe.timeout),
    initialDelaySeconds: parseDuration(spec.initial_delay ?? DEFAULTS.probe.initial_delay),
    failureThreshold: spec.failure_threshold ?? DEFAULTS.probe.failure_threshold,
    successThreshold: spec.success_threshold ?? DEFAULTS.probe.success_threshold,
  };
  const port = spec.port ?? defaultPort!;
  if (spec.exec) return { ...common, kind: "exec", command: spec.exec };
  if (spec.path) return { ...common, kind: "http", path: spec.path, scheme: spec.scheme ?? DEFAULTS.probe.scheme, port };
  if (spec.grpc !== undefined && spec.grpc !== false) {
    // Kubernetes' gRPC probe takes a port number only. A name no port has (the port-references rule
    // reports it, and the manifest is refused) normalizes to 0 rather than failing the whole load.
    const number = typeof port === "number" ? port : (ports.find((p) => p.name === port)?.port ?? 0);
    return { ...common, kind: "grpc", port: number, ...(typeof spec.grpc === "string" ? { service: spec.grpc } : {}) };
  }
  return { ...common, kind: "tcp", port };
}

/** `ghcr.io/acme/app:1.2@sha256:…` → repository, tag and digest. */
export function parseImage(reference: string): Model["image"] {
  const [nameAndTag, digest] = reference.split("@") as [string, string | undefined];
  const lastSlash = nameAndTag.lastIndexOf("/");
  const colon = nameAndTag.lastIndexOf(":");
  const hasTag = colon > lastSlash;
  return {
    reference,
    repository: hasTag ? nameAndTag.slice(0, colon) : nameAndTag,
    ...(hasTag ? { tag: nameAndTag.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}
