import type { Model } from "../../src/model/model.js";
import type { Schedule } from "../../src/model/schedule.js";
import { metadata } from "../../src/kube/names.js";

/** The plugin that archives WAL and takes base backups to object storage (CloudNativePG ≥ 1.26). */
export const BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";

/**
 * CloudNativePG `ScheduledBackup`s in the Cluster's namespace (the service's): one on the main
 * schedule and one per extra schedule, cron with seconds first, so the database is backed up
 * whenever the rest of the service is. With PITR, base backups go through the barman-cloud plugin,
 * which also archives WAL continuously (the Cluster lists the plugin with `isWALArchiver: true`):
 * any point inside the retention window can be restored. Without PITR there is no WAL archive, and
 * the only consistent physical backup is a cold volume snapshot, taken on a standby when there is one.
 * The first backup runs at once (`immediate`), so a new service is protected before its first
 * scheduled run; each Backup is owned by its ScheduledBackup, so deleting it cleans them up.
 * (Retention of base backups is the ObjectStore's `retentionPolicy`: CloudNativePG keeps none per backup.)
 * WAL archiving is the Model's fact (`databaseMethod`), never the `pitr` claim alone.
 */
export function scheduledBackups(m: Model): Array<{ extra?: string; object: Record<string, unknown> }> {
  const backup = m.backup;
  const cluster = backup?.databaseCluster;
  const name = m.names.backup.scheduledBackup;
  if (!backup || !cluster || !name) return [];
  const method = backup.databaseMethod === "wal-archive"
    ? { method: "plugin", pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN } }
    : { method: "volumeSnapshot", online: false, target: "prefer-standby" };
  const one = (name: string, schedule: Schedule) => {
    return {
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "ScheduledBackup",
      metadata: metadata(m, "ScheduledBackup", name, { component: "backup" }),
      spec: {
        schedule: schedule.withSeconds!,
        cluster: { name: cluster },
        immediate: true,
        backupOwnerReference: "self",
        ...method,
      },
    };
  };
  // Only the schedules that cover the database: a Velero-only support snapshot takes no base backup.
  return backup.schedules
    .filter((s) => s.covers.database)
    .map((s) => (s.name === "main" ? { object: one(name, s.schedule) } : { extra: s.name, object: one(`${name}-${s.name}`, s.schedule) }));
}
