import type { PodNames } from "./pod-names.js";

/**
 * Names of every object berth generates for a service, resolved once during normalization so
 * every emitter (and every alert that points at an object) agrees on them.
 */

export interface ObjectNames {
  workload: string;
  serviceAccount: string;
  service: string;
  previewService: string;
  /** The Services publishing `ports[].publish` ports, by type. */
  publishedServices: { LoadBalancer: string; NodePort: string };
  envConfigMap: string;
  filesConfigMap: string;
  disruptionBudget: string;
  autoscaler: string;
  networkPolicy: string;
  route: string;
  ingress: string;
  /** The TLS Secret cert-manager fills for an issuer (and the Certificate it names after it). */
  tlsSecret: string;
  migrationJob: string;
  /**
   * The migration Job's own ServiceAccount and ConfigMaps: hooks that run just before the Job (a Helm
   * pre-install hook and an Argo CD PreSync hook both run before the release's ordinary objects exist).
   */
  migrationServiceAccount: string;
  migrationEnvConfigMap: string;
  migrationFilesConfigMap: string;
  analysisTemplate: string;
  /** PersistentVolumeClaim per volume name. */
  claims: Record<string, string>;
  /** CronJob per scheduled job name. */
  cronJobs: Record<string, string>;
  backup: BackupNames;
  /** Volumes and ConfigMap keys inside the pod. */
  pod: PodNames;
}

/**
 * Velero's namespace is shared by every service (and, in one cluster, every environment) it
 * protects, so its objects carry the service's namespace too unless that namespace is the
 * service's own name. Velero names each backup `<schedule>-<yyyyMMddHHmmss>`.
 */
export interface BackupNames {
  schedule: string;
  /** Velero Schedule per extra schedule name. */
  extraSchedules: Record<string, string>;
  storageLocation: string;
  /** CloudNativePG ScheduledBackup of the main schedule (extra schedules append `-<name>`). */
  scheduledBackup?: string;
  /** The barman-cloud ObjectStore the Cluster archives WAL and base backups to (in the service's namespace). */
  objectStore: string;
  /** The logical-backup CronJob per schedule (`main` or the extra schedule's name). */
  logicalBackups: Record<string, string>;
  /** Velero's resource-policy ConfigMap (volume method per StorageClass), per schedule (`main` or the extra's name). */
  resourcePolicies: Record<string, string>;
  /** The CloudNativePG Pooler (PgBouncer, read-write) of the cluster. */
  pooler?: string;
}

/** The Velero Schedule's name of a backup schedule (`main` or an extra schedule's name). */
export function veleroScheduleName(names: BackupNames, schedule: string): string {
  return schedule === "main" ? names.schedule : names.extraSchedules[schedule]!;
}

export function objectNames(
  name: string,
  namespace: string,
  parts: { volumes: readonly string[]; cronJobs: readonly string[]; extraSchedules: readonly string[]; cluster?: string; pod: PodNames },
  // The logical backup's CronJobs and the resource policies follow the Velero Schedules' names.
): ObjectNames {
  const backupBase = namespace === name ? name : `${namespace}-${name}`;
  const prefixed = (items: readonly string[], base: string) => Object.fromEntries(items.map((item) => [item, `${base}-${item}`]));
  return {
    workload: name,
    serviceAccount: name,
    service: name,
    previewService: `${name}-preview`,
    publishedServices: { LoadBalancer: `${name}-loadbalancer`, NodePort: `${name}-nodeport` },
    envConfigMap: `${name}-env`,
    filesConfigMap: `${name}-files`,
    disruptionBudget: name,
    autoscaler: name,
    networkPolicy: name,
    route: name,
    ingress: name,
    tlsSecret: `${name}-tls`,
    migrationJob: `${name}-migrate`,
    migrationServiceAccount: `${name}-migrate`,
    migrationEnvConfigMap: `${name}-migrate-env`,
    migrationFilesConfigMap: `${name}-migrate-files`,
    analysisTemplate: `${name}-error-rate`,
    claims: prefixed(parts.volumes, name),
    cronJobs: prefixed(parts.cronJobs, name),
    backup: {
      schedule: backupBase,
      extraSchedules: prefixed(parts.extraSchedules, backupBase),
      storageLocation: backupBase,
      ...(parts.cluster ? { scheduledBackup: parts.cluster === name ? name : `${name}-${parts.cluster}` } : {}),
      objectStore: parts.cluster ? `${parts.cluster}-backups` : `${name}-backups`,
      logicalBackups: {
        main: `${name}-logical-backup`,
        ...Object.fromEntries(parts.extraSchedules.map((s) => [s, `${name}-logical-backup-${s}`])),
      },
      resourcePolicies: {
        main: `${backupBase}-volumes`,
        ...Object.fromEntries(parts.extraSchedules.map((s) => [s, `${backupBase}-${s}-volumes`])),
      },
      ...(parts.cluster ? { pooler: `${parts.cluster}-pooler-rw` } : {}),
    },
    pod: parts.pod,
  };
}
