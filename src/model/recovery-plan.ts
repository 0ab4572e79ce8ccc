/**
 * The recovery promise of one service in one environment, as data: what is backed up, how, how
 * often, for how long, and the recovery point each asset actually gets from this configuration.
 * A pure function of the model: `recovery.md` renders it, and the checklist can reuse it.
 */
import type { Model, Seconds } from "./model.js";

/**
 * CloudNativePG closes and archives a WAL segment at least every 5 minutes (its default
 * `archive_timeout`), so with continuous archiving at most that much committed work is lost.
 */
export const WAL_ARCHIVE_TIMEOUT_SECONDS = 300;

export interface RecoveryAsset {
  /**
   * `data` assets (databases, volumes) are what the RPO target is about; `config` (the Kubernetes
   * objects, also re-creatable from the manifest) counts only when the service holds no data.
   */
  kind: "config" | "data";
  /** What is protected, e.g. `Kubernetes objects labelled app.kubernetes.io/instance=orders-api in orders-api`. */
  asset: string;
  /** How: the mechanism and the object that drives it. */
  method: string;
  /** The schedules (5-field cron, UTC), `continuous` for WAL archiving; empty when nothing backs it up. */
  schedules: string[];
  /** How long each backup is kept, in seconds, per schedule; undefined when berth does not set it. */
  retentionSeconds?: Seconds[];
  /**
   * The worst-case data loss this configuration allows: the longest gap between backups, or the WAL
   * archive timeout with PITR. Undefined when nothing berth generates protects the asset.
   */
  rpoSeconds?: Seconds;
  /** Why the RPO is what it is, or why the asset is not covered. */
  note: string;
}

export interface RecoveryPlan {
  service: string;
  environment: string;
  namespace: string;
  targets: { rpoSeconds?: Seconds; rtoSeconds?: Seconds };
  /** Where the backups go, e.g. `aws s3 acme-prod-backups/orders-api (eu-west-1)`; undefined: Velero's default location. */
  storage?: string;
  assets: RecoveryAsset[];
  /** The worst RPO across the assets the target applies to (what the service as a whole can promise). */
  achievedRpoSeconds?: Seconds;
  /** Assets the target applies to that nothing berth generates backs up. */
  uncovered: string[];
  drills?: { cadenceSeconds: Seconds; last?: string; evidence?: string };
  encryptionKey?: string;
}

/** The assets an RPO target is judged on: the data, or the configuration when the service holds none. */
export function targetAssets(assets: readonly RecoveryAsset[]): RecoveryAsset[] {
  const data = assets.filter((a) => a.kind === "data");
  return data.length ? data : [...assets];
}

/** What the recovery plan is worked out from: the rest of the normalized Model. */
export type RecoveryInputs = Pick<Model, "name" | "namespace" | "environment" | "backup" | "database" | "volumes">;

/**
 * The recovery plan, or undefined when the service has no (enabled) backup. Computed once, during
 * normalization: the backup emitter, the checklist and the backup rules all read it.
 */
export function recoveryPlan(m: RecoveryInputs): RecoveryPlan | undefined {
  const backup = m.backup;
  if (!backup) return undefined;
  const schedules = [backup.schedule.expression, ...backup.extraSchedules.map((s) => s.schedule.expression)];
  const retention = [backup.retentionSeconds, ...backup.extraSchedules.map((s) => s.retentionSeconds)];
  const veleroRpo = backup.gaps?.maxGapSeconds;
  const velero = `Velero Schedule${schedules.length > 1 ? "s" : ""} in ${backup.namespace}`;
  const assets: RecoveryAsset[] = [
    {
      kind: "config",
      asset: `Kubernetes objects labelled app.kubernetes.io/instance=${m.name} in namespace ${m.namespace} (events excluded)`,
      method: velero,
      schedules,
      retentionSeconds: retention,
      ...(veleroRpo !== undefined ? { rpoSeconds: veleroRpo } : {}),
      note: "longest gap between two runs of the schedules together",
    },
  ];
  const carried = { schedules, retention, rpo: veleroRpo, velero };
  assets.push(...volumeAssets(m, carried));
  const database = databaseAsset(m, carried);
  if (database) assets.push(database);
  const judged = targetAssets(assets);
  const covered = judged.filter((a) => a.rpoSeconds !== undefined).map((a) => a.rpoSeconds!);
  const uncovered = judged.filter((a) => a.rpoSeconds === undefined && !a.method.startsWith("outside")).map((a) => a.asset);
  const storage = backup.storage;
  return {
    service: m.name,
    environment: m.environment.name,
    namespace: m.namespace,
    targets: { ...(backup.rpoSeconds !== undefined ? { rpoSeconds: backup.rpoSeconds } : {}), ...(backup.rtoSeconds !== undefined ? { rtoSeconds: backup.rtoSeconds } : {}) },
    ...(storage
      ? { storage: `${storage.provider} ${storage.bucket}/${storage.prefix}${storage.region ? ` (${storage.region})` : ""}${storage.endpoint ? ` via ${storage.endpoint}` : ""}` }
      : {}),
    assets,
    ...(covered.length ? { achievedRpoSeconds: Math.max(...covered) } : {}),
    uncovered,
    ...(backup.drills ? { drills: { ...backup.drills } } : {}),
    ...(backup.encryptionKey ? { encryptionKey: `${backup.encryptionKey.secret}/${backup.encryptionKey.key}` } : {}),
  };
}

/** What the Velero schedules carry, shared by the assets they protect. */
interface Carried {
  schedules: string[];
  retention: Seconds[];
  rpo: Seconds | undefined;
  velero: string;
}

function volumeAssets(m: RecoveryInputs, { schedules, retention, rpo, velero }: Carried): RecoveryAsset[] {
  const volumes = m.volumes.filter((v) => v.persistent).map((v) => v.name);
  if (!volumes.length) return [];
  const asset = `Volumes ${volumes.join(", ")}`;
  return [
    m.backup!.includeVolumes
      ? { kind: "data", asset, method: `${velero}, file-system backup`, schedules, retentionSeconds: retention, ...(rpo !== undefined ? { rpoSeconds: rpo } : {}), note: "longest gap between two runs of the schedules together" }
      : { kind: "data", asset, method: "none", schedules: [], note: "not backed up: set backup.include_volumes" },
  ];
}

function databaseAsset(m: RecoveryInputs, { schedules, rpo, velero }: Carried): RecoveryAsset | undefined {
  const backup = m.backup!;
  const db = m.database;
  const cluster = backup.databaseCluster;
  if (db && cluster) {
    return backup.pitr
      ? {
          kind: "data",
          asset: `PostgreSQL cluster ${cluster}`,
          method: "CloudNativePG ScheduledBackup (barman-cloud plugin) + continuous WAL archiving",
          schedules: [...schedules, "continuous"],
          note: "point-in-time recovery; base-backup retention is the ObjectStore's retentionPolicy (not set by berth)",
          rpoSeconds: WAL_ARCHIVE_TIMEOUT_SECONDS,
        }
      : {
          kind: "data",
          asset: `PostgreSQL cluster ${cluster}`,
          method: "CloudNativePG ScheduledBackup (cold volume snapshot, standby preferred)",
          schedules,
          note: "no WAL archive: restores go back to the last snapshot; snapshot retention is the cluster's",
          ...(rpo !== undefined ? { rpoSeconds: rpo } : {}),
        };
  }
  if (db?.engine === "sqlite") {
    return {
      kind: "data",
      asset: `SQLite database ${db.path ?? ""}`.trim(),
      method: backup.includeVolumes ? `${velero}, file-system backup of its volume` : "none",
      schedules: backup.includeVolumes ? schedules : [],
      ...(backup.includeVolumes && rpo !== undefined ? { rpoSeconds: rpo } : {}),
      note: backup.includeVolumes ? "a file copy of a live database: consistent only if the app checkpoints" : "not backed up: set backup.include_volumes",
    };
  }
  if (db) {
    return {
      kind: "data",
      asset: `${db.engine === "postgres" ? "PostgreSQL" : "MySQL"} database (external)`,
      method: "outside berth (the provider's backups)",
      schedules: [],
      note: backup.pitr ? "PITR declared: the provider's point-in-time recovery, not verified by berth" : "not backed up by berth",
    };
  }
  return undefined;
}
