/**
 * What users write: the manifest's data after parsing, before defaults and units are resolved.
 * It mirrors schema/service.schema.json; emitters never see it (they read `Model`).
 *
 * ```yaml
 * apiVersion: berth/v1
 * kind: Service
 * name: orders-api
 * team: payments
 * image: ghcr.io/acme/orders-api:2.1.0
 * ports: [{ name: http, port: 8080, expose: true }]
 * health:
 *   liveness:  { path: /healthz, port: http }
 *   readiness: { path: /readyz,  port: http }
 * environments:
 *   production: { replicas: 3 }
 * ```
 */

/** `30s`, `5m`, `1h30m`, `30d`. */
export type DurationText = string;
/** `1%`, `99.9%`. */
export type RatioText = string;
export type CountOrRatio = number | string;
export type PortRef = string | number;
export type Tier = "production" | "staging" | "development";

export interface SecretRefSpec {
  secret: string;
  key: string;
}
export interface InjectedSecretSpec extends SecretRefSpec {
  env?: string;
}

export interface PortSpec {
  name: string;
  port: number;
  protocol?: "TCP" | "UDP" | "SCTP";
  app_protocol?: "http" | "http2" | "grpc" | "tcp" | "tls";
  expose?: boolean;
  publish?: PublishPortSpec;
}
export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer";
export interface PublishPortSpec {
  type: Exclude<ServiceType, "ClusterIP">;
  port?: number;
  node_port?: number;
}
export interface ServiceSettingsSpec {
  type?: ServiceType;
  headless?: boolean;
  load_balancer?: { source_ranges?: string[]; annotations?: Record<string, string>; external_traffic_policy?: "Cluster" | "Local"; class?: string };
}
export type ContainerPortSpec = Omit<PortSpec, "expose" | "publish">;
/** A container beside the service's own: `sidecars` (native by default) and `init_containers`. */
export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string | number | boolean>;
  secrets?: Record<string, SecretRefSpec>;
  resources?: ResourcesSpec;
  /** Volume name → mount path. */
  mounts?: Record<string, string>;
}
export interface SidecarSpec extends ContainerSpec {
  native?: boolean;
  ports?: ContainerPortSpec[];
  health?: { liveness?: ProbeSpec; readiness?: ProbeSpec; startup?: ProbeSpec };
}
export interface ConfigFileSpec {
  path: string;
  content?: string;
  secret?: SecretRefSpec;
}
export interface ResourcesSpec {
  requests?: { cpu?: string | number; memory?: string };
  limits?: { cpu?: string | number; memory?: string };
}
export interface VolumeSpec {
  name: string;
  mount: string;
  size: string;
  persistent?: boolean;
  storage_class?: string;
  access_mode?: "ReadWriteOnce" | "ReadWriteOncePod" | "ReadWriteMany" | "ReadOnlyMany";
}
export interface TolerationSpec {
  key: string;
  operator?: "Equal" | "Exists";
  value?: string;
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  for?: DurationText;
}
export interface NodeRequirementSpec {
  key: string;
  operator?: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";
  values?: string[];
  weight?: number;
}
export interface PodAffinityTermSpec {
  match: Record<string, string>;
  anti?: boolean;
  topology?: string;
  required?: boolean;
  weight?: number;
  namespaces?: string[];
}
export interface AffinitySpec {
  node_required?: NodeRequirementSpec[];
  node_preferred?: NodeRequirementSpec[];
  pods?: PodAffinityTermSpec[];
}
export type SpreadMode = "required" | "preferred" | "none";
export interface SpreadSpec {
  zones?: SpreadMode;
  hosts?: SpreadMode;
  max_skew?: number;
}
export interface SecuritySpec {
  run_as_user?: number;
  run_as_group?: number;
  fs_group?: number;
  read_only_root_filesystem?: boolean;
  writable_paths?: string[];
  add_capabilities?: string[];
  seccomp?: "RuntimeDefault" | "Unconfined";
  service_account_token?: boolean;
  service_account_annotations?: Record<string, string>;
}
export interface ProbeSpec {
  path?: string;
  scheme?: "HTTP" | "HTTPS";
  tcp?: true;
  grpc?: boolean | string;
  exec?: string[];
  port?: PortRef;
  period?: DurationText;
  timeout?: DurationText;
  initial_delay?: DurationText;
  failure_threshold?: number;
  success_threshold?: number;
}
export interface HealthSpec {
  liveness?: ProbeSpec;
  readiness?: ProbeSpec;
  startup?: ProbeSpec;
  check_timeout?: DurationText;
}
export interface ShutdownSpec {
  timeout?: DurationText;
  drain?: DurationText;
  grace_period?: DurationText;
}
export type Strategy = "rolling" | "blue-green" | "canary";
export interface DeploySpec {
  strategy?: Strategy;
  max_unavailable?: CountOrRatio;
  max_surge?: CountOrRatio;
  health_timeout?: DurationText;
  auto_revert?: boolean;
  canary_percent?: number;
  standby?: DurationText;
  promotion?: "manual" | "auto";
  observe?: DurationText;
}
export interface AutoscalingSpec {
  enabled?: boolean;
  min_replicas?: number;
  max_replicas: number;
  cpu_target?: RatioText;
  memory_target?: RatioText;
  scale_down_delay?: DurationText;
}
export interface DisruptionSpec {
  min_available?: CountOrRatio;
  max_unavailable?: CountOrRatio;
}
export interface ExposeSpec {
  hosts: string[];
  path?: string;
  tls?: { secret?: string; issuer?: string };
  gateway?: { name: string; namespace: string; section?: string };
  ingress?: { class: string; namespace?: string };
}
export interface HttpSpec {
  cors?: { origins: string[]; methods?: string[]; headers?: string[]; credentials?: boolean; max_age?: DurationText };
  rate_limit?: {
    enabled?: boolean;
    requests_per_second?: number;
    burst?: number;
    key?: "ip" | "header" | "user";
    header?: string;
    exclude_paths?: string[];
  };
  timeouts?: { request?: DurationText; read?: DurationText; write?: DurationText; idle?: DurationText };
}
export interface PeerSpec {
  service?: string;
  namespace?: string;
  cidr?: string;
  ports?: number[];
  protocol?: "TCP" | "UDP" | "SCTP";
}
export interface NetworkSpec {
  allow_from?: PeerSpec[];
  egress?: PeerSpec[];
  open_egress?: boolean;
}
export interface AuthSpec {
  preset?: "strict" | "standard" | "none";
  jwt_secret?: InjectedSecretSpec;
  brute_force_protection?: { enabled?: boolean; max_attempts?: number; window?: DurationText; lockout?: DurationText };
  session_store?: "memory" | "redis" | "database";
  session_ttl?: DurationText;
  mfa?: "required" | "optional" | "off";
}
export interface DatabaseSpec {
  engine: "postgres" | "mysql" | "sqlite";
  url?: InjectedSecretSpec;
  read_url?: InjectedSecretSpec;
  path?: string;
  port?: number;
  ssl_mode?: "disable" | "allow" | "prefer" | "require" | "verify-ca" | "verify-full";
  pool?: { max?: number; min?: number; max_lifetime?: DurationText; idle_timeout?: DurationText };
  max_connections?: number;
  query_timeout?: DurationText;
  read_heavy?: boolean;
  migrations?: { mode?: "job" | "startup" | "external"; command?: string[]; timeout?: DurationText; image?: string; resources?: ResourcesSpec; backoff_limit?: number };
  managed_by?: "cloudnative-pg" | "external";
  cluster?: string;
  cloudnative_pg?: { instances?: number; image?: string; storage: { size: string; class?: string }; resources?: ResourcesSpec; monitoring?: boolean };
  pooler?: { instances?: number; mode?: "session" | "transaction"; max_client_connections?: number; default_pool_size?: number };
}
export type BackupCover = "velero" | "database";
export type VolumeMethod = "file-system" | "snapshot";
export interface VeleroScopeSpec {
  selector?: Record<string, string>;
  whole_namespace?: boolean;
  extra_namespaces?: string[];
  paused?: boolean;
  volumes?: VolumeMethod;
  volumes_by_class?: Record<string, VolumeMethod | "skip">;
}
export interface BackupSpec {
  enabled?: boolean;
  schedule?: string;
  retention?: DurationText;
  include_volumes?: boolean;
  storage?: {
    provider: "aws" | "gcp" | "azure";
    bucket: string;
    prefix?: string;
    region?: string;
    endpoint?: string;
    credentials?: SecretRefSpec;
    database_credentials?: { secret: string };
  };
  pitr?: boolean;
  rpo?: DurationText;
  rto?: DurationText;
  encryption_key?: SecretRefSpec;
  drills?: { cadence: DurationText; last?: string; evidence?: string; measured_rto?: DurationText; measured_rpo?: DurationText };
  extra_schedules?: Array<{ name: string; schedule: string; retention: DurationText; covers?: BackupCover[]; velero?: VeleroScopeSpec }>;
  namespace?: string;
  covers?: BackupCover[];
  velero?: VeleroScopeSpec;
  logical?: { image?: string; uploader_image?: string; timeout?: DurationText };
}
export type Severity = "critical" | "warning" | "info";
/** How one tier rewrites the severities the manifest declares (declared → emitted). */
export type SeverityMapSpec = Partial<Record<Severity, Severity>>;
/** Per tier, how declared severities are rewritten (production pages, staging warns, development does not page). */
export type SeverityByTierSpec = Partial<Record<Tier, SeverityMapSpec>>;
export interface CustomSliSpec {
  name: string;
  objective: RatioText;
  good?: string;
  bad?: string;
  total: string;
}
export interface AlertCommonSpec {
  enabled?: boolean;
  severity?: Severity;
  for?: DurationText;
}
export interface AlertsSpec {
  error_rate?: AlertCommonSpec & { above?: RatioText };
  latency?: AlertCommonSpec & { quantile?: number; above?: DurationText };
  restarts?: AlertCommonSpec & { above?: number; window?: DurationText };
  certificate_expiry?: AlertCommonSpec & { within?: DurationText };
  disk_usage?: AlertCommonSpec & { above?: RatioText };
  replication_lag?: AlertCommonSpec & { above?: DurationText };
  backup_failure?: AlertCommonSpec;
  connector_errors?: AlertCommonSpec & { above?: number };
  goroutine_leak?: AlertCommonSpec & { above?: number };
  pod_availability?: AlertCommonSpec;
  custom?: Array<AlertCommonSpec & { name: string; expr: string; summary?: string; description?: string }>;
}
export interface MonitoringSpec {
  metrics?: { port: PortRef; path?: string; interval?: DurationText };
  metric_names?: { requests?: string; status_label?: string; error_statuses?: string; latency?: string; connector_errors?: string; goroutines?: string };
  runbook_base_url?: string;
  labels?: Record<string, string>;
  rule_labels?: Record<string, string>;
  prometheus_address?: string;
  prometheus_namespace?: string;
  severity_by_tier?: SeverityByTierSpec;
  alerts?: AlertsSpec;
  slo?: { window?: DurationText; availability?: RatioText; latency?: { objective: RatioText; threshold: DurationText }; custom?: CustomSliSpec[] };
}
export interface ScheduledJobSpec {
  name: string;
  schedule: string;
  command?: string[];
  lock?: "none" | "redis" | "database";
  timeout?: DurationText;
  image?: string;
  resources?: ResourcesSpec;
  backoff_limit?: number;
  concurrency_policy?: "Forbid" | "Replace" | "Allow";
  history?: { successful?: number; failed?: number };
}
export interface QueueSpec {
  name: string;
  retry?: { attempts?: number; delay?: DurationText; max_delay?: DurationText; backoff?: "exponential" | "linear" | "fixed" };
  dead_letter?: string;
}
export interface CircuitBreakerSpec {
  name: string;
  failure_threshold?: RatioText;
  reset_timeout?: DurationText;
  half_open_requests?: number;
}
export interface ChecklistSpec {
  waivers?: Array<{ rule: string; reason: string; expires: string; owner?: string }>;
  severity?: Record<string, "error" | "warning" | "info" | "off">;
  attestations?: Array<{ item: string; evidence: string; date?: string }>;
}

/** Kinds of object berth generates (`object_metadata` keys): the schema lists the same. */
export const OBJECT_KINDS = [
  "ServiceAccount", "ConfigMap", "PersistentVolumeClaim", "Deployment", "Rollout", "AnalysisTemplate", "Service",
  "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "HTTPRoute", "Ingress", "Job", "CronJob",
  "PrometheusRule", "ServiceMonitor", "Schedule", "BackupStorageLocation", "ScheduledBackup", "Cluster", "ObjectStore",
  "Pooler", "PodMonitor",
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];
export interface KindMetadataSpec {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
/** How app-enforced settings reach the application (README "Application environment"). */
export interface AppSettingsSpec {
  inject?: boolean;
  env_prefix?: string;
  rename?: Record<string, string>;
  exclude?: string[];
}
/** RFC 6902 operation, as written (the library checks what each op needs). */
export interface JsonPatchOperationSpec {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  from?: string;
  value?: unknown;
}
/** A change to a generated (or extra) Kubernetes object. */
export interface PatchSpec {
  target: { kind: string; name?: string };
  json_patch?: JsonPatchOperationSpec[];
  merge_patch?: Record<string, unknown>;
}
/** A raw Kubernetes object added to the output. */
export interface ExtraObjectSpec {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [field: string]: unknown };
  [field: string]: unknown;
}

/** Everything an environment may override. */
export interface SettingsSpec {
  tier?: Tier;
  namespace?: string;
  priority_class?: string;
  team?: string;
  owner?: string;
  description?: string;
  part_of?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  pod_labels?: Record<string, string>;
  pod_annotations?: Record<string, string>;
  object_metadata?: Partial<Record<ObjectKind, KindMetadataSpec>>;
  image?: string;
  command?: string[];
  args?: string[];
  replicas?: number;
  ports?: PortSpec[];
  env?: Record<string, string | number | boolean>;
  secrets?: Record<string, SecretRefSpec>;
  config_files?: ConfigFileSpec[];
  resources?: ResourcesSpec;
  volumes?: VolumeSpec[];
  service?: ServiceSettingsSpec;
  sidecars?: SidecarSpec[];
  init_containers?: ContainerSpec[];
  image_pull_secrets?: string[];
  affinity?: AffinitySpec;
  node_selector?: Record<string, string>;
  tolerations?: TolerationSpec[];
  spread?: SpreadSpec;
  security?: SecuritySpec;
  health?: HealthSpec;
  shutdown?: ShutdownSpec;
  deploy?: DeploySpec;
  autoscaling?: AutoscalingSpec;
  disruption?: DisruptionSpec;
  expose?: ExposeSpec;
  http?: HttpSpec;
  network?: NetworkSpec;
  auth?: AuthSpec;
  database?: DatabaseSpec;
  backup?: BackupSpec;
  monitoring?: MonitoringSpec;
  logging?: { format?: "json" | "text"; level?: "debug" | "info" | "warn" | "error" };
  cache?: { backend: "memory" | "redis"; url?: InjectedSecretSpec; port?: number; ttl?: DurationText };
  app_settings?: AppSettingsSpec;
  scheduled_jobs?: ScheduledJobSpec[];
  queues?: QueueSpec[];
  circuit_breakers?: CircuitBreakerSpec[];
  patches?: PatchSpec[];
  extra_objects?: ExtraObjectSpec[];
  checklist?: ChecklistSpec;
}

/** A whole manifest file. */
export interface ManifestSpec extends SettingsSpec {
  apiVersion: "berth/v1";
  kind: "Service";
  name: string;
  team: string;
  image: string;
  default_environment?: string;
  environments?: Record<string, SettingsSpec>;
}

/** One environment's view: the base manifest with that environment's overrides merged in. */
export type ResolvedSpec = Omit<ManifestSpec, "environments" | "default_environment">;
