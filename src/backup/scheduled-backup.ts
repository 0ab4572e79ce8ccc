import { parseCron } from "../model/cron.js";
import { withSeconds } from "../model/cron-gap.js";
import type { Model } from "../model/model.js";
import { metadata } from "../kube/names.js";
import { backupNames } from "./names.js";

/** The plugin that archives WAL and takes base backups to object storage (CloudNativePG ≥ 1.26). */
export const BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";

/** The database berth schedules backups for: PostgreSQL whose Cluster CloudNativePG runs. */
export function cnpgCluster(m: Model): string | undefined {
  const db = m.database;
  return m.backup && db?.engine === "postgres" && db.managedBy === "cloudnative-pg" ? db.cluster : undefined;
}

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
 */
export function scheduledBackups(m: Model): Array<{ extra?: string; object: Record<string, unknown> }> {
  const cluster = cnpgCluster(m);
  const backup = m.backup;
  if (!cluster || !backup) return [];
  const method = backup.pitr
    ? { method: "plugin", pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN } }
    : { method: "volumeSnapshot", online: false, target: "prefer-standby" };
  const names = backupNames(m);
  const one = (name: string, schedule: string) => {
    const parsed = parseCron(schedule);
    if (!parsed.ok) throw new Error(`internal: schedule ${schedule} passed validation but does not parse`);
    return {
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "ScheduledBackup",
      metadata: metadata(m, name, { component: "backup" }),
      spec: {
        schedule: withSeconds(parsed.schedule),
        cluster: { name: cluster },
        immediate: true,
        backupOwnerReference: "self",
        ...method,
      },
    };
  };
  return [
    { object: one(names.scheduledBackup(cluster), backup.schedule) },
    ...backup.extraSchedules.map((extra) => ({ extra: extra.name, object: one(`${names.scheduledBackup(cluster)}-${extra.name}`, extra.schedule) })),
  ];
}
