import { DEFAULTS } from "./defaults.js";
import type { BackupCovers, BackupSchedule, DatabaseBackupMethod, Model, Seconds, VeleroScope } from "./model.js";
import { byKey } from "./order.js";
import type { CronGaps } from "./cron-gap.js";
import { combinedGaps, toSchedule, type Schedule } from "./schedule.js";
import type { BackupCover, ResolvedSpec, VeleroScopeSpec } from "./spec.js";
import { parseDuration } from "./units.js";
import { addDays } from "./dates.js";
import { LABELS } from "./conventions.js";

type Backup = NonNullable<Model["backup"]>;

/**
 * How old the newest successful backup may be before it counts as late: the longest gap between runs
 * plus slack for a run's own duration and a scheduler's delay (a quarter of the gap, at least 1h).
 * The stale alerts fire past it and the dashboard draws it; undefined when the schedule never runs.
 */
function staleAfter(gaps: CronGaps | undefined): Seconds | undefined {
  return gaps ? gaps.maxGapSeconds + Math.max(3600, Math.ceil(gaps.maxGapSeconds / 4)) : undefined;
}

/** A schedule of the backup, with its lateness limit. */
function backupSchedule(name: string, schedule: Schedule, rest: Omit<BackupSchedule, "name" | "schedule" | "staleAfterSeconds">): BackupSchedule {
  const stale = staleAfter(schedule.gaps);
  return { name, schedule, ...rest, ...(stale !== undefined ? { staleAfterSeconds: stale } : {}) };
}

/** Both, unless the manifest says. */
function covers(written: readonly BackupCover[] | undefined): BackupCovers {
  return written ? { velero: written.includes("velero"), database: written.includes("database") } : { velero: true, database: true };
}

/** A schedule's Velero scope: its own keys over `backup.velero`'s, over berth's defaults. */
function veleroScope(spec: ResolvedSpec, base: VeleroScopeSpec | undefined, own: VeleroScopeSpec | undefined): VeleroScope {
  const s = { ...DEFAULTS.veleroScope, ...base, ...own };
  const includeVolumes = spec.backup?.include_volumes ?? DEFAULTS.backup.include_volumes;
  const namespace = spec.namespace ?? spec.name!;
  return {
    ...(s.whole_namespace ? {} : { selector: s.selector ? { ...s.selector } : { [LABELS.instance]: spec.name! } }),
    namespaces: [namespace, ...(s.extra_namespaces ?? []).filter((n) => n !== namespace)],
    paused: s.paused,
    volumes: includeVolumes ? s.volumes : "none",
    volumesByClass: includeVolumes
      ? Object.entries(s.volumes_by_class ?? {})
          .map(([storageClass, method]) => ({ storageClass, method }))
          .sort(byKey((v) => v.storageClass))
      : [],
  };
}

/** barman-cloud's retention: whole days (`30d`), at least the longest retention of the schedules taking base backups. */
function retentionPolicy(seconds: Seconds): string {
  return `${Math.max(1, Math.ceil(seconds / 86_400))}d`;
}

/** The Azure storage account an endpoint names: `https://<account>.blob.core.windows.net` (any cloud's suffix). */
function azureStorageAccount(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return undefined;
  }
  return /^([a-z0-9]{3,24})\.blob\./.exec(host)?.[1];
}

/** Where barman-cloud writes: the provider's URL scheme, bucket and prefix (Azure: the account's blob endpoint). */
function destinationPath(storage: NonNullable<Backup["storage"]>): string | undefined {
  switch (storage.provider) {
    case "aws": return `s3://${storage.bucket}/${storage.prefix}`;
    case "gcp": return `gs://${storage.bucket}/${storage.prefix}`;
    case "azure": return storage.endpoint ? `${storage.endpoint.replace(/\/+$/, "")}/${storage.bucket}/${storage.prefix}` : undefined;
  }
}

/**
 * The enabled backup, or undefined. Schedules are parsed once here, with their gaps per scope: the
 * Velero schedules that run (a paused one protects nothing) and the schedules covering the database.
 * The database method is what berth really configures, never what the manifest merely claims:
 * WAL archiving needs CloudNativePG, `pitr` and a storage destination for the ObjectStore.
 */
export function normalizeBackup(spec: ResolvedSpec): Backup | undefined {
  const backup = spec.backup;
  if (!backup || backup.enabled === false) return undefined;
  const db = spec.database;
  const main = backupSchedule("main", toSchedule(backup.schedule ?? DEFAULTS.backup.schedule, true), {
    retentionSeconds: parseDuration(backup.retention ?? DEFAULTS.backup.retention),
    covers: covers(backup.covers),
    velero: veleroScope(spec, backup.velero, undefined),
  });
  const extraSchedules = (backup.extra_schedules ?? [])
    .map((s) =>
      backupSchedule(s.name, toSchedule(s.schedule, true), {
        retentionSeconds: parseDuration(s.retention),
        covers: covers(s.covers),
        velero: veleroScope(spec, backup.velero, s.velero),
      }),
    )
    .sort(byKey((s) => s.name));
  const schedules = [main, ...extraSchedules];
  const velero = schedules.filter((s) => s.covers.velero && !s.velero.paused);
  const database = schedules.filter((s) => s.covers.database);
  const veleroGaps = velero.length ? combinedGaps(velero.map((s) => s.schedule)) : undefined;
  const databaseGaps = database.length ? combinedGaps(database.map((s) => s.schedule)) : undefined;
  const storage = backup.storage
    ? {
        provider: backup.storage.provider,
        bucket: backup.storage.bucket,
        prefix: backup.storage.prefix ?? spec.name!,
        ...(backup.storage.region ? { region: backup.storage.region } : {}),
        ...(backup.storage.endpoint ? { endpoint: backup.storage.endpoint } : {}),
        ...(backup.storage.provider === "azure" && azureStorageAccount(backup.storage.endpoint) ? { storageAccount: azureStorageAccount(backup.storage.endpoint)! } : {}),
        ...(backup.storage.credentials ? { credentials: { ...backup.storage.credentials } } : {}),
        ...(backup.storage.database_credentials ? { databaseCredentials: backup.storage.database_credentials.secret } : {}),
      }
    : undefined;
  const pitr = backup.pitr ?? DEFAULTS.backup.pitr;
  const cnpg = db?.engine === "postgres" && db.managed_by === "cloudnative-pg" && db.cluster ? db.cluster : undefined;
  const externalPostgres = db?.engine === "postgres" && (db.managed_by ?? DEFAULTS.database.managed_by) === "external" && db.url !== undefined;
  const destination = storage ? destinationPath(storage) : undefined;
  const databaseMethod: DatabaseBackupMethod | undefined = !database.length
    ? undefined
    : cnpg
      ? pitr && destination ? "wal-archive" : "volume-snapshot"
      : externalPostgres && backup.logical && storage ? "logical" : undefined;
  const logical = { ...DEFAULTS.backup.logical, ...backup.logical };
  const drills = backup.drills;
  return {
    schedule: main.schedule,
    retentionSeconds: main.retentionSeconds,
    includeVolumes: backup.include_volumes ?? DEFAULTS.backup.include_volumes,
    ...(storage ? { storage } : {}),
    pitr,
    ...(backup.rpo ? { rpoSeconds: parseDuration(backup.rpo) } : {}),
    ...(backup.rto ? { rtoSeconds: parseDuration(backup.rto) } : {}),
    ...(backup.encryption_key ? { encryptionKey: { ...backup.encryption_key } } : {}),
    ...(drills
      ? {
          drills: {
            cadenceSeconds: parseDuration(drills.cadence),
            ...(drills.last ? { last: drills.last, due: addDays(drills.last, Math.floor(parseDuration(drills.cadence) / 86_400)) } : {}),
            ...(drills.evidence ? { evidence: drills.evidence } : {}),
            ...(drills.measured_rto ? { measuredRtoSeconds: parseDuration(drills.measured_rto) } : {}),
            ...(drills.measured_rpo ? { measuredRpoSeconds: parseDuration(drills.measured_rpo) } : {}),
          },
        }
      : {}),
    covers: main.covers,
    velero: main.velero,
    extraSchedules,
    schedules,
    ...(veleroGaps ? { veleroGaps } : {}),
    ...(databaseGaps ? { databaseGaps, databaseStaleAfterSeconds: staleAfter(databaseGaps)! } : {}),
    ...(databaseMethod ? { databaseMethod } : {}),
    ...(databaseMethod === "wal-archive"
      ? {
          objectStore: {
            destinationPath: destination!,
            ...(storage!.endpoint && storage!.provider !== "azure" ? { endpoint: storage!.endpoint } : {}),
            retentionPolicy: retentionPolicy(Math.max(...database.map((s) => s.retentionSeconds))),
            ...(storage!.provider === "aws" && !storage!.endpoint ? { encryption: "AES256" as const } : {}),
          },
        }
      : {}),
    ...(databaseMethod === "logical" ? { logical: { image: logical.image, uploaderImage: logical.uploader_image, timeoutSeconds: parseDuration(logical.timeout) } } : {}),
    namespace: backup.namespace ?? DEFAULTS.backup.namespace,
    ...(cnpg && database.length ? { databaseCluster: cnpg } : {}),
  };
}
