/**
 * The recovery promise of one service in one environment, as data: what is backed up, how, how
 * often, for how long, and the recovery point each asset actually gets from this configuration.
 * A pure function of the model: `recovery.md` renders it, and the checklist can reuse it.
 */
import type { Model, Seconds } from "./model.js";
import { combinedGaps } from "./schedule.js";
import { veleroScheduleName } from "./names.js";

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
  drills?: NonNullable<Model["backup"]>["drills"];
  encryptionKey?: string;
  restore: RestoreFacts;
}

/** The assets an RPO target is judged on: the data, or the configuration when the service holds none. */
export function targetAssets(assets: readonly RecoveryAsset[]): RecoveryAsset[] {
  const data = assets.filter((a) => a.kind === "data");
  return data.length ? data : [...assets];
}

/** What the recovery plan is worked out from: the rest of the normalized Model. */
export type RecoveryInputs = Pick<Model, "name" | "namespace" | "environment" | "backup" | "database" | "volumes" | "names">;

/** What a restore works from, in the order the runbook restores it. */
export interface RestoreFacts {
  /** How the database comes back (undefined: berth does not back it up). */
  database?:
    | { method: "wal-archive"; cluster: string; objectStore: string; owned: boolean }
    | { method: "volume-snapshot"; cluster: string; owned: boolean }
    | { method: "logical"; location: string; encrypted: boolean; url?: string };
  /** Migrations run by a Job before the new version: the restored schema must be the one the image expects. */
  migrations?: "job" | "startup" | "external";
  /** Velero Schedules, by name, in schedule order. */
  veleroSchedules: string[];
  /** The Secret holding the backup encryption key (`name/key`). */
  encryptionKey?: string;
}

/**
 * The recovery plan, or undefined when the service has no (enabled) backup. Computed once, during
 * normalization: the backup emitter, the checklist and the backup rules all read it.
 */
export function recoveryPlan(m: RecoveryInputs): RecoveryPlan | undefined {
  const backup = m.backup;
  if (!backup) return undefined;
  const assets: RecoveryAsset[] = [...configAssets(m), ...volumeAssets(m)];
  const database = databaseAsset(m);
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
    restore: restoreFacts(m),
  };
}

type Backup = NonNullable<Model["backup"]>;
type Scheduled = Backup["schedules"][number];

/** The Velero Schedule's name of a schedule. */
function veleroName(m: RecoveryInputs, s: Scheduled): string {
  return veleroScheduleName(m.names.backup, s.name);
}

/** The running Velero schedules. */
function veleroSchedules(backup: Backup): Scheduled[] {
  return backup.schedules.filter((s) => s.covers.velero && !s.velero.paused);
}

function scopeText(scope: Scheduled["velero"]): string {
  const where = `namespace${scope.namespaces.length > 1 ? "s" : ""} ${scope.namespaces.join(", ")}`;
  if (!scope.selector) return `Every Kubernetes object in ${where} (events excluded)`;
  const labels = Object.entries(scope.selector).map(([k, v]) => `${k}=${v}`).join(", ");
  return `Kubernetes objects labelled ${labels} in ${where} (events excluded)`;
}

/** The Kubernetes objects, one row per distinct Velero scope (an extra schedule may take other namespaces). */
function configAssets(m: RecoveryInputs): RecoveryAsset[] {
  const backup = m.backup!;
  const running = veleroSchedules(backup);
  if (!running.length) {
    const paused = backup.schedules.some((s) => s.covers.velero && s.velero.paused);
    return [{ kind: "config", asset: scopeText(backup.velero), method: "none", schedules: [], note: paused ? "not backed up: every Velero schedule is paused" : "not backed up: no schedule covers velero" }];
  }
  const groups = new Map<string, Scheduled[]>();
  for (const s of running) groups.set(scopeText(s.velero), [...(groups.get(scopeText(s.velero)) ?? []), s]);
  return [...groups].map(([asset, schedules]) => {
    const gaps = combinedGaps(schedules.map((s) => s.schedule));
    return {
      kind: "config" as const,
      asset,
      method: `Velero Schedule${schedules.length > 1 ? "s" : ""} ${schedules.map((s) => veleroName(m, s)).join(", ")} in ${backup.namespace}`,
      schedules: schedules.map((s) => s.schedule.expression),
      retentionSeconds: schedules.map((s) => s.retentionSeconds),
      ...(gaps ? { rpoSeconds: gaps.maxGapSeconds } : {}),
      note: "longest gap between two runs of the schedules together",
    };
  });
}

function volumeMethod(scope: Scheduled["velero"]): string {
  const base = scope.volumes === "snapshot" ? "CSI volume snapshots" : "file-system backup";
  if (!scope.volumesByClass.length) return base;
  return `${base}; by StorageClass: ${scope.volumesByClass.map((v) => `${v.storageClass} ${v.method}`).join(", ")}`;
}

function volumeAssets(m: RecoveryInputs): RecoveryAsset[] {
  const backup = m.backup!;
  const volumes = m.volumes.filter((v) => v.persistent).map((v) => v.name);
  if (!volumes.length) return [];
  const asset = `Volumes ${volumes.join(", ")}`;
  const running = veleroSchedules(backup);
  if (!backup.includeVolumes || !running.length) {
    return [{ kind: "data", asset, method: "none", schedules: [], note: backup.includeVolumes ? "not backed up: no running Velero schedule" : "not backed up: set backup.include_volumes" }];
  }
  const rpo = backup.veleroGaps?.maxGapSeconds;
  return [
    {
      kind: "data",
      asset,
      method: `Velero, ${volumeMethod(backup.velero)}`,
      schedules: running.map((s) => s.schedule.expression),
      retentionSeconds: running.map((s) => s.retentionSeconds),
      ...(rpo !== undefined ? { rpoSeconds: rpo } : {}),
      note: "longest gap between two runs of the schedules together",
    },
  ];
}

function databaseAsset(m: RecoveryInputs): RecoveryAsset | undefined {
  const backup = m.backup!;
  const db = m.database;
  if (!db) return undefined;
  const covering = backup.schedules.filter((s) => s.covers.database);
  const expressions = covering.map((s) => s.schedule.expression);
  const retention = covering.map((s) => s.retentionSeconds);
  const rpo = backup.databaseGaps?.maxGapSeconds;
  if (db.engine === "sqlite") {
    const running = veleroSchedules(backup);
    const included = backup.includeVolumes && running.length > 0;
    const veleroRpo = backup.veleroGaps?.maxGapSeconds;
    return {
      kind: "data",
      asset: `SQLite database ${db.path ?? ""}`.trim(),
      method: included ? "Velero, file-system backup of its volume" : "none",
      schedules: included ? running.map((s) => s.schedule.expression) : [],
      ...(included && veleroRpo !== undefined ? { rpoSeconds: veleroRpo } : {}),
      note: included ? "a file copy of a live database: consistent only if the app checkpoints" : "not backed up: set backup.include_volumes",
    };
  }
  const engine = db.engine === "postgres" ? "PostgreSQL" : "MySQL";
  switch (backup.databaseMethod) {
    case "wal-archive":
      return {
        kind: "data",
        asset: `PostgreSQL cluster ${db.cluster}`,
        method: `CloudNativePG ScheduledBackup (barman-cloud plugin) + continuous WAL archiving to ObjectStore ${m.names.backup.objectStore}`,
        schedules: [...expressions, "continuous"],
        note: `point-in-time recovery within the ObjectStore's retentionPolicy (${backup.objectStore!.retentionPolicy})`,
        rpoSeconds: WAL_ARCHIVE_TIMEOUT_SECONDS,
      };
    case "volume-snapshot":
      return {
        kind: "data",
        asset: `PostgreSQL cluster ${db.cluster}`,
        method: "CloudNativePG ScheduledBackup (cold volume snapshot, standby preferred)",
        schedules: expressions,
        note: "no WAL archive: restores go back to the last snapshot; snapshot retention is the cluster's",
        ...(rpo !== undefined ? { rpoSeconds: rpo } : {}),
      };
    case "logical":
      return {
        kind: "data",
        asset: `${engine} database (external)`,
        method: `logical backup CronJob${covering.length > 1 ? "s" : ""} (pg_dump, uploaded with rclone${backup.encryptionKey ? ", encrypted" : ""})`,
        schedules: expressions,
        retentionSeconds: retention,
        note: "restores to the last dump: no point-in-time recovery",
        ...(rpo !== undefined ? { rpoSeconds: rpo } : {}),
      };
  }
  if (db.managedBy === "cloudnative-pg") {
    return { kind: "data", asset: `PostgreSQL cluster ${db.cluster ?? ""}`.trim(), method: "none", schedules: [], note: "not backed up: no schedule covers the database" };
  }
  return {
    kind: "data",
    asset: `${engine} database (external)`,
    method: "outside berth (the provider's backups)",
    schedules: [],
    note: db.engine === "postgres" ? "not backed up by berth: declare backup.logical for a pg_dump CronJob" : "not backed up by berth",
  };
}

function restoreFacts(m: RecoveryInputs): RestoreFacts {
  const backup = m.backup!;
  const db = m.database;
  const storage = backup.storage;
  let database: RestoreFacts["database"];
  if (db?.cluster && backup.databaseMethod === "wal-archive") database = { method: "wal-archive", cluster: db.cluster, objectStore: m.names.backup.objectStore, owned: db.cnpgCluster !== undefined };
  else if (db?.cluster && backup.databaseMethod === "volume-snapshot") database = { method: "volume-snapshot", cluster: db.cluster, owned: db.cnpgCluster !== undefined };
  else if (backup.databaseMethod === "logical" && storage) {
    database = { method: "logical", location: `${storage.bucket}/${storage.prefix}/logical/<schedule>/`, encrypted: backup.encryptionKey !== undefined, ...(db?.url ? { url: `${db.url.secret}/${db.url.key}` } : {}) };
  }
  return {
    ...(database ? { database } : {}),
    ...(db && db.engine !== "sqlite" ? { migrations: db.migrations.mode } : {}),
    veleroSchedules: backup.schedules.filter((s) => s.covers.velero).map((s) => veleroName(m, s)),
    ...(backup.encryptionKey ? { encryptionKey: `${backup.encryptionKey.secret}/${backup.encryptionKey.key}` } : {}),
  };
}
