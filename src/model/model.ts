/**
 * What emitters read: one service in one environment, with every default applied, every unit
 * resolved to a number (durations in seconds, ratios as fractions, quantities with their value)
 * and every named collection in a stable order. Emitters never see YAML/HCL or unset optionals.
 */
import type { Quantity } from "./units.js";
import type { ObjectNames } from "./names.js";
import type { RecoveryPlan } from "./recovery-plan.js";
import type { Schedule } from "./schedule.js";
import type { CronGaps } from "./cron-gap.js";
import type { Prerequisite } from "./prerequisites.js";
import type { Dependency } from "./reachability.js";
import type { ObjectKind, Severity, SpreadMode, Strategy, Tier } from "./spec.js";

export type { Severity } from "./spec.js";

export type Seconds = number;
/** A fraction: 1% is 0.01. */
export type Fraction = number;

export interface SecretKeyRef {
  secret: string;
  key: string;
}

export interface Port {
  name: string;
  port: number;
  protocol: "TCP" | "UDP" | "SCTP";
  appProtocol?: string;
  exposed: boolean;
  /** Published outside the cluster by a Service of this type (besides the main Service). */
  publish?: { type: "LoadBalancer" | "NodePort"; port: number; nodePort?: number };
}

/** One Service berth emits in front of the server pods. */
export interface ServicePlan {
  name: string;
  /** The output file it is written to. */
  file: string;
  type: "ClusterIP" | "NodePort" | "LoadBalancer";
  headless: boolean;
  ports: Array<{ name: string; port: number; targetPort: string; protocol: Port["protocol"]; appProtocol?: string; nodePort?: number }>;
}

export interface EnvVar {
  name: string;
  value: string;
  /** Where the value comes from: `env` (the user's) or the manifest field berth derived it from. */
  from: string;
  /** A derived setting's name in berth's contract (`LOG_LEVEL`), when `name` is what `app_settings` made of it. */
  setting?: string;
  /** `app_settings.rename` named it. */
  renamed?: boolean;
}

/**
 * A setting the application enforces itself (README "Application environment"), and whether it
 * reaches the application: `env` is the variable it is passed in; without one, `withheld` says why
 * (`app_settings.inject: false`, or `app_settings.exclude[index]`).
 */
export interface AppSetting {
  /** berth's name for it: `LOG_LEVEL`, `QUEUE_ORDERS_RETRY_BACKOFF`. */
  setting: string;
  value: string;
  /** The manifest field it comes from (`logging.level`, `queues.orders.retry.backoff`). */
  from: string;
  env?: string;
  renamed?: boolean;
  withheld?: { by: "inject" } | { by: "exclude"; index: number };
}

export interface SecretEnvVar extends SecretKeyRef {
  name: string;
  from: string;
}

export type Probe = {
  port?: string | number;
  periodSeconds: Seconds;
  timeoutSeconds: Seconds;
  initialDelaySeconds: Seconds;
  failureThreshold: number;
  successThreshold: number;
} & (
  | { kind: "http"; path: string; scheme: "HTTP" | "HTTPS"; port: string | number }
  | { kind: "tcp"; port: string | number }
  | { kind: "grpc"; port: number; service?: string }
  | { kind: "exec"; command: string[] }
);

/** Resources of one container: declared, or berth's defaults (never another container's size). */
export interface Resources {
  requests: { cpu: Quantity; memory: Quantity };
  limits: { cpu: Quantity; memory: Quantity };
  declared: boolean;
  /** The bounds the manifest leaves to berth's defaults (`limits.cpu`, …), when it declares the others. */
  undeclared: string[];
}

/**
 * A container beside the service's own (`sidecars`, `init_containers`), in declared order (init
 * containers run in that order). `index` is its place in the manifest's list, for locating findings.
 */
export interface ExtraContainer {
  name: string;
  index: number;
  /** `sidecars` or `init_containers`: the manifest field it is declared in. */
  field: "sidecars" | "init_containers";
  /** Native sidecar: an init container with `restartPolicy: Always`. False for a plain sidecar and for init containers. */
  native: boolean;
  image: { reference: string; repository: string; tag?: string; digest?: string };
  command?: string[];
  args?: string[];
  ports: Port[];
  env: EnvVar[];
  secretEnv: SecretEnvVar[];
  resources: Resources;
  health: { liveness?: Probe; readiness?: Probe; startup?: Probe };
  /** Volume name (of `volumes`) → mount path, sorted by volume name. */
  mounts: Array<{ volume: string; mountPath: string }>;
}

export interface Volume {
  name: string;
  mountPath: string;
  size: Quantity;
  persistent: boolean;
  storageClass?: string;
  accessMode: string;
}

export interface Deploy {
  strategy: Strategy;
  /**
   * How the rolling strategy's Deployment replaces its pods. Recreate for SQLite: its one database file
   * must never have two writers, and a rolling update starts the new pod while the old one still runs
   * (its ReadWriteOnce volume may not even attach on another node), so the old pod stops first.
   */
  update: "RollingUpdate" | "Recreate";
  /** RollingUpdate only. */
  maxUnavailable: number | string;
  maxSurge: number | string;
  healthTimeoutSeconds: Seconds;
  /**
   * How long one release waits in all (`helm --timeout`): the migration Job's deadline (a hook
   * Helm waits for first), then the rollout's health timeout. Never the health timeout alone, or
   * `--atomic` would roll back every release whose migration takes longer than the rollout may.
   */
  releaseTimeoutSeconds: Seconds;
  autoRevert: boolean;
  canaryPercent: number;
  /** ceil(replicas × percent / 100): the pods running the new version during a canary. */
  canaryReplicas: number;
  /**
   * The most pods running at once during a deploy at full scale (the autoscaler's maximum, or the
   * replicas): plus `max_surge` (rolling, canary), or twice as many (blue-green's preview set).
   */
  peakPods: number;
  standbySeconds: Seconds;
  promotion: "manual" | "auto";
  observeSeconds: Seconds;
}

export interface Peer {
  service?: string;
  namespace?: string;
  cidr?: string;
  ports: number[];
  /** The ports' protocol, when declared (TCP otherwise; every protocol for a peer without ports). */
  protocol?: "TCP" | "UDP" | "SCTP";
  /** Its index in the manifest's list (the Model's list is sorted for stable output), to locate findings. */
  index: number;
}

export interface Alert {
  kind: string;
  /** The severity it fires with in this environment: the declared one, rewritten by the tier's `severity_by_tier`. */
  severity: Severity;
  forSeconds?: Seconds;
  /** The alert kind's own parameters, units resolved (`above` ratios as fractions, durations in seconds). */
  params: Record<string, number | string>;
}

/**
 * One service-level objective, its indicator as PromQL: the built-in availability (status ratio)
 * and latency (histogram) objectives and the manifest's custom ones alike.
 */
export interface SloObjective {
  /** The `slo` label of its recording rules and alerts: `availability`, `latency`, or a custom objective's name. */
  slo: string;
  /** PascalCase stem of its alert names (`Availability` → `<Service>AvailabilityErrorBudgetBurnFast`). */
  stem: string;
  source: "availability" | "latency" | "custom";
  target: Fraction;
  /** Bad events over all events, a PromQL template whose ranges are `{{.window}}` (src/promql/scope.ts WINDOW). */
  errorRatio: string;
  /** Selectors whose absence means the indicator cannot be computed (built-in objectives; a custom SLI's metrics are the user's). */
  absent: string[];
}

export interface Autoscaling {
  minReplicas: number;
  maxReplicas: number;
  cpuTarget?: Fraction;
  memoryTarget?: Fraction;
  scaleDownDelaySeconds: Seconds;
}

/** What one backup schedule takes. */
export interface BackupCovers {
  /** The Velero Schedule: Kubernetes objects (and volumes, with include_volumes). */
  velero: boolean;
  /** The database: CloudNativePG base backups, or the logical-backup CronJob. */
  database: boolean;
}

/** What a Velero Schedule selects, and how it takes volume data. */
export interface VeleroScope {
  /** Labels an object must carry; undefined: every object of the namespaces. */
  selector?: Record<string, string>;
  /** Included namespaces: the service's first, then the extra ones as written. */
  namespaces: string[];
  paused: boolean;
  /** `none` without include_volumes. */
  volumes: "none" | "file-system" | "snapshot";
  /** Per StorageClass (sorted), overriding `volumes`: Velero's resource policy. */
  volumesByClass: Array<{ storageClass: string; method: "file-system" | "snapshot" | "skip" }>;
}

/** One backup schedule (the main one, or an extra one) with everything its outputs need. */
export interface BackupSchedule {
  /** `main`, or the extra schedule's name. */
  name: string;
  schedule: Schedule;
  retentionSeconds: Seconds;
  covers: BackupCovers;
  velero: VeleroScope;
  /**
   * How old the newest successful backup of this schedule may be before it is late: the longest gap
   * between runs plus slack (the stale alerts' threshold, the dashboard's red line); undefined when it never runs.
   */
  staleAfterSeconds?: Seconds;
}

/**
 * How the database is backed up, when berth backs it up: `wal-archive` (CloudNativePG base backups
 * through the barman-cloud plugin plus continuous WAL archiving to the ObjectStore), `volume-snapshot`
 * (CloudNativePG cold snapshots, no WAL archive) or `logical` (pg_dump CronJobs of an external PostgreSQL).
 */
export type DatabaseBackupMethod = "wal-archive" | "volume-snapshot" | "logical";

/** JSON data as written in the manifest (keys in a canonical order: see normalize-escape-hatches.ts). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One `patches` entry: the object it changes and how, in the order written (RFC 6902 ops, RFC 7396 merge patch). */
export interface ObjectPatch {
  /** Its position in the environment's `patches` list (findings point there). */
  index: number;
  target: { kind: string; name?: string };
  mergePatch?: { [key: string]: JsonValue };
  jsonPatch?: Array<{ op: "add" | "remove" | "replace" | "move" | "copy" | "test"; path: string; from?: string; value?: JsonValue }>;
}

/** One `extra_objects` entry, as written (berth adds its namespace, labels and annotations when building objects). */
export interface ExtraObject {
  index: number;
  object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown }; [key: string]: unknown };
}

export interface Model {
  /** The manifest file, as given on the command line (named in every generated file's header). */
  source: string;
  name: string;
  /** Namespace of every namespaced object (the service's name unless the manifest says). */
  namespace: string;
  environment: { name: string; tier: Tier };
  /** Every generated object's name. */
  names: ObjectNames;
  identity: {
    team: string;
    owner?: string;
    description?: string;
    partOf?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    /** `pod_labels` / `pod_annotations`: on the service's pod templates only, after `labels`. */
    podLabels: Record<string, string>;
    podAnnotations: Record<string, string>;
    /** `object_metadata`: per generated kind, after `labels` / `annotations`. */
    objectMetadata: Partial<Record<ObjectKind, { labels: Record<string, string>; annotations: Record<string, string> }>>;
  };
  image: { reference: string; repository: string; tag?: string; digest?: string };
  command?: string[];
  args?: string[];
  replicas: number;
  ports: Port[];
  /** Plain configuration: the user's `env` plus the derived settings that reach the application (`appSettings`), by name. */
  env: EnvVar[];
  /** Every setting the application enforces itself, and how (or whether) it is passed to it (`app_settings`). */
  appSettings: { inject: boolean; settings: AppSetting[] };
  /** Variables filled from Secrets, by name. */
  secretEnv: SecretEnvVar[];
  configFiles: Array<{ path: string; content?: string; secret?: SecretKeyRef }>;
  resources: Resources;
  volumes: Volume[];
  /** `sidecars`, in declared order. */
  sidecars: ExtraContainer[];
  /** `init_containers`, in declared order. */
  initContainers: ExtraContainer[];
  /** Every port the server pod serves: the service container's, then its sidecars', sorted by name (the Service's ports). */
  podPorts: Port[];
  /**
   * The Services in front of the server pods: the main one (every port) and one per publishing type (`ports[].publish`). `reachable` lists the container ports reachable from outside the
   * cluster (a NodePort or LoadBalancer Service), and from where the NetworkPolicy admits them.
   */
  serviceExposure: {
    services: ServicePlan[];
    loadBalancer: { sourceRanges: string[]; annotations: Record<string, string>; externalTrafficPolicy: "Cluster" | "Local"; class?: string };
    reachable: Array<{ port: number; protocol: Port["protocol"]; from: string[] }>;
  };
  /** Secrets every pod pulls its images with, as written. */
  imagePullSecrets: string[];
  scheduling: {
    /** Node affinity: required terms (all must hold) and weighted preferences, as written. */
    nodeRequired: Array<{ key: string; operator: string; values?: string[] }>;
    nodePreferred: Array<{ key: string; operator: string; values?: string[]; weight: number }>;
    /** Pod affinity and anti-affinity terms, as written. */
    podAffinity: Array<{ match: Record<string, string>; anti: boolean; topology: string; required: boolean; weight: number; namespaces?: string[] }>;
    priorityClass?: string;
    nodeSelector: Record<string, string>;
    tolerations: Array<{ key: string; operator: "Equal" | "Exists"; value?: string; effect?: string; tolerationSeconds?: number }>;
    spread: { zones: SpreadMode; hosts: SpreadMode; maxSkew: number };
  };
  security: {
    runAsUser: number;
    runAsGroup: number;
    fsGroup: number;
    readOnlyRootFilesystem: boolean;
    writablePaths: string[];
    addCapabilities: string[];
    seccomp: "RuntimeDefault" | "Unconfined";
    serviceAccountToken: boolean;
    serviceAccountAnnotations: Record<string, string>;
  };
  health: { liveness?: Probe; readiness?: Probe; startup?: Probe; checkTimeoutSeconds?: Seconds };
  shutdown: { timeoutSeconds: Seconds; drainSeconds: Seconds; gracePeriodSeconds: Seconds };
  deploy: Deploy;
  autoscaling?: Autoscaling;
  /**
   * What autoscaling is when an operator turns it on at install time (the Helm chart's knob): the
   * manifest's autoscaling, or berth's defaults around the fixed replica count.
   */
  autoscalingWhenEnabled: Autoscaling;
  disruption: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    /**
     * The fewest ready pods the PodDisruptionBudget lets voluntary disruptions leave, counted on the
     * autoscaler's floor (or the fixed replicas), percentages rounded as Kubernetes rounds them; at
     * least 1 (no ready pod is an outage whatever the budget says). The pod-availability alert's threshold.
     */
    minHealthyPods: number;
    /**
     * The pods voluntary disruptions may take at once at the same count, percentages rounded up as
     * Kubernetes rounds them (`min_available: 60%` of 2 pods keeps 2): 0 blocks every node drain.
     */
    evictablePods: number;
  };
  expose?: {
    hosts: string[];
    path: string;
    port: string;
    tls?: { secret?: string; issuer?: string };
    gateway?: { name: string; namespace: string; section?: string };
    ingress?: { className: string; namespace: string };
  };
  http: {
    cors?: { origins: string[]; methods: string[]; headers: string[]; credentials: boolean; maxAgeSeconds: Seconds };
    rateLimit?: { enabled: boolean; requestsPerSecond?: number; burst?: number; key: string; header?: string; excludePaths: string[] };
    timeouts: { requestSeconds?: Seconds; readSeconds?: Seconds; writeSeconds?: Seconds; idleSeconds?: Seconds };
  };
  network: {
    allowFrom: Peer[];
    egress: Peer[];
    openEgress: boolean;
    /** The database and cache reached over the network, and what lets each through the NetworkPolicy. */
    dependencies: Dependency[];
  };
  auth?: {
    preset: string;
    jwtSecret?: SecretKeyRef & { env: string };
    bruteForce: { enabled: boolean; maxAttempts: number; windowSeconds: Seconds; lockoutSeconds: Seconds };
    sessionStore: string;
    sessionTtlSeconds?: Seconds;
    mfa: string;
  };
  database?: {
    engine: "postgres" | "mysql" | "sqlite";
    url?: SecretKeyRef & { env: string };
    readUrl?: SecretKeyRef & { env: string };
    path?: string;
    sslMode: string;
    pool: { max: number; min: number; maxLifetimeSeconds: Seconds; idleTimeoutSeconds: Seconds };
    maxConnections?: number;
    queryTimeoutSeconds?: Seconds;
    readHeavy: boolean;
    migrations: {
      mode: "job" | "startup" | "external";
      command?: string[];
      timeoutSeconds: Seconds;
      /** The Job's own image and size; undefined: the service's. */
      image?: Model["image"];
      resources?: Resources;
      backoffLimit: number;
    };
    managedBy: "cloudnative-pg" | "external";
    cluster?: string;
    /** The CloudNativePG Cluster berth owns and emits (`database.cloudnative_pg`). */
    cnpgCluster?: {
      instances: number;
      image?: string;
      storage: { size: Quantity; storageClass?: string };
      resources?: { requests: { cpu?: Quantity; memory?: Quantity }; limits: { cpu?: Quantity; memory?: Quantity } };
      monitoring: boolean;
    };
    pooler?: { instances: number; mode: "session" | "transaction"; maxClientConnections: number; defaultPoolSize: number };
  };
  backup?: {
    schedule: Schedule;
    retentionSeconds: Seconds;
    includeVolumes: boolean;
    storage?: {
      provider: "aws" | "gcp" | "azure";
      bucket: string;
      prefix: string;
      region?: string;
      endpoint?: string;
      /** Azure: the storage account, from the endpoint's host (`<account>.blob.…`); Velero's Azure plugin requires it. */
      storageAccount?: string;
      credentials?: SecretKeyRef;
      /** Secret (service namespace) with the database backups' object-store keys; undefined: workload identity. */
      databaseCredentials?: string;
    };
    pitr: boolean;
    rpoSeconds?: Seconds;
    rtoSeconds?: Seconds;
    encryptionKey?: SecretKeyRef;
    drills?: {
      cadenceSeconds: Seconds;
      last?: string;
      /** `last` + cadence (YYYY-MM-DD, UTC): after this date the drill is overdue. */
      due?: string;
      evidence?: string;
      measuredRtoSeconds?: Seconds;
      measuredRpoSeconds?: Seconds;
    };
    /** What the main schedule covers and how its Velero Schedule selects. */
    covers: BackupCovers;
    velero: VeleroScope;
    extraSchedules: BackupSchedule[];
    /** Every schedule, main first, then the extras by name. */
    schedules: BackupSchedule[];
    /** The running (not paused) Velero schedules taken together; undefined if one is invalid or none runs. */
    veleroGaps?: CronGaps;
    /** The schedules covering the database taken together; undefined if one is invalid, none runs or none covers it. */
    databaseGaps?: CronGaps;
    /** The database schedules' longest gap plus slack: how old the newest database backup may be before it is late. */
    databaseStaleAfterSeconds?: Seconds;
    /** How berth backs the database up; undefined when it does not (no database, or nothing configured). */
    databaseMethod?: DatabaseBackupMethod;
    /** The barman-cloud ObjectStore (with the WAL-archive method). */
    /**
     * The barman-cloud ObjectStore. `encryption`: the server-side encryption barman-cloud asks for, AES256
     * on AWS S3 only (an S3-compatible store such as MinIO without a KMS refuses the header, and every upload with it).
     */
    objectStore?: { destinationPath: string; endpoint?: string; retentionPolicy: string; encryption?: "AES256" };
    /** The logical backup's settings (with the logical method). */
    logical?: { image: string; uploaderImage: string; timeoutSeconds: Seconds };
    namespace: string;
    /** The CloudNativePG Cluster berth schedules database backups for (PostgreSQL managed by CloudNativePG). */
    databaseCluster?: string;
  };
  /** What the backups promise, asset by asset; undefined without an enabled backup. */
  recovery?: RecoveryPlan;
  monitoring: {
    metrics?: { port: string | number; path: string; intervalSeconds: Seconds };
    metricNames: { requests: string; statusLabel: string; errorStatuses: string; latency: string; connectorErrors: string; goroutines: string };
    runbookBaseUrl?: string;
    /** The manifest's extra alert labels (`monitoring.labels`). */
    labels: Record<string, string>;
    /** Every alert's labels but severity: `monitoring.labels`, then environment, team and service (which they cannot override), sorted. */
    alertLabels: Record<string, string>;
    /** How this environment's tier rewrites declared severities (already applied to every severity on the Model). */
    severityMap: Record<Severity, Severity>;
    ruleLabels: Record<string, string>;
    prometheusAddress: string;
    prometheusNamespace: string;
    /** Enabled alerts, built-in kinds in a fixed order, then custom ones by name. */
    alerts: Alert[];
    customAlerts: Array<{ name: string; expr: string; severity: Severity; forSeconds?: Seconds; summary?: string; description?: string }>;
    slo?: {
      windowSeconds: Seconds;
      availability?: Fraction;
      latency?: { objective: Fraction; thresholdSeconds: Seconds };
      /** Every objective, built-in ones first (availability, latency), then custom ones by name. */
      objectives: SloObjective[];
      /** The burn-rate alerts' severities in this environment: page (fast burn), ticket (slow burn), absent metrics. */
      severities: { page: Severity; ticket: Severity; absent: Severity };
    };
  };
  logging: { format: "json" | "text"; level: string };
  cache?: { backend: "memory" | "redis"; url?: SecretKeyRef & { env: string }; ttlSeconds?: Seconds };
  scheduledJobs: Array<{
    name: string;
    schedule: Schedule;
    command?: string[];
    lock: string;
    timeoutSeconds?: Seconds;
    /** The CronJob's own image and size; undefined: the service's. */
    image?: Model["image"];
    resources?: Resources;
    backoffLimit: number;
    concurrencyPolicy: "Forbid" | "Replace" | "Allow";
    history: { successful?: number; failed?: number };
  }>;
  queues: Array<{ name: string; retry: { attempts: number; delaySeconds: Seconds; maxDelaySeconds: Seconds; backoff: string }; deadLetter?: string }>;
  circuitBreakers: Array<{ name: string; failureThreshold: Fraction; resetTimeoutSeconds: Seconds; halfOpenRequests: number }>;
  /** The escape hatches: changes to the generated objects and objects added beside them (src/kube/escape-hatches.ts applies them). */
  escapeHatches: { patches: ObjectPatch[]; extraObjects: ExtraObject[] };
  /** What the cluster must have before the outputs apply (CRDs, PriorityClass, …), derived once. */
  prerequisites: Prerequisite[];
  checklist: {
    waivers: Array<{ rule: string; reason: string; expires: string; owner?: string }>;
    /** Overrides by rule id or code: the manifest's `checklist.severity` over the repository's (berth.config.yaml). */
    severity: Record<string, string>;
    attestations: Array<{ item: string; evidence: string; date?: string }>;
  };
}
