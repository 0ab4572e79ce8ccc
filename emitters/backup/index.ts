import { backupStorageLocation } from "./backup-storage-location.js";
import { cluster, objectStore, podMonitor, pooler } from "./cloudnative-pg.js";
import { logicalBackupCronJob, logicalBackupNetworkPolicy } from "./logical-backup.js";
import { scheduledBackups } from "./scheduled-backup.js";
import { resourcePolicy, veleroSchedule } from "./velero-schedule.js";
import { generatedHeader } from "../../src/output/header.js";
import { yamlFile, type OutputFile } from "../../src/output/output-file.js";
import type { YamlValue } from "../../src/output/yaml.js";
import type { Emitter } from "../types.js";
import { renderRecovery } from "../../src/markdown/recovery.js";
import { veleroScheduleName } from "../../src/model/names.js";

const DIR = "backup";

/**
 * Velero schedules (with their resource policies) and storage location; for CloudNativePG the
 * ScheduledBackups, the barman-cloud ObjectStore, and the Cluster, its PodMonitor and its Pooler
 * when berth owns them; for an external PostgreSQL the logical-backup CronJobs; a
 * kustomization.yaml listing them (one folder a GitOps tool can apply), and recovery.md, the
 * recovery promise and runbook in one page. The Cluster and Pooler live here, not in the
 * kubernetes output: they are the database's, which this output protects, and the workload
 * outputs (and their Helm chart) stay the application's.
 */
export const backupEmitter: Emitter = {
  name: "backup",
  description: "Velero Schedule(s) and BackupStorageLocation, CloudNativePG ObjectStore/ScheduledBackup (and Cluster/Pooler when owned), logical-backup CronJobs, recovery.md",
  roots: [DIR],
  emit(model, ctx) {
    const backup = model.backup;
    const plan = model.recovery;
    const db = model.database;
    const objects: Array<{ file: string; object: YamlValue | undefined }> = [];
    // The Cluster and Pooler berth owns exist with or without backups.
    if (db) {
      objects.push({ file: "cluster.yaml", object: cluster(model, db, backup) as YamlValue | undefined });
      objects.push({ file: "podmonitor.yaml", object: podMonitor(model, db) as YamlValue | undefined });
      objects.push({ file: "pooler.yaml", object: pooler(model, db) as YamlValue | undefined });
    }
    if (backup && plan) {
      const names = model.names.backup;
      for (const s of backup.schedules) {
        const suffix = s.name === "main" ? "" : `-${s.name}`;
        if (s.covers.velero) {
          const policy = resourcePolicy(model, backup, names.resourcePolicies[s.name]!, s);
          const scheduleName = veleroScheduleName(names, s.name);
          objects.push({ file: `schedule${suffix}.yaml`, object: veleroSchedule(model, backup, scheduleName, s, policy ? names.resourcePolicies[s.name] : undefined) as YamlValue });
          objects.push({ file: `resourcepolicy${suffix}.yaml`, object: policy as YamlValue | undefined });
        }
        if (s.covers.database && backup.databaseMethod === "logical") {
          objects.push({ file: `cronjob-logical-backup${suffix}.yaml`, object: logicalBackupCronJob(model, backup, s) as YamlValue | undefined });
        }
      }
      if (backup.databaseMethod === "logical") objects.push({ file: "networkpolicy-logical-backup.yaml", object: logicalBackupNetworkPolicy(model, backup) as YamlValue | undefined });
      if (backup.storage) objects.push({ file: "backupstoragelocation.yaml", object: backupStorageLocation(model, backup, backup.storage) });
      objects.push({ file: "objectstore.yaml", object: objectStore(model, backup) as YamlValue | undefined });
      for (const { extra, object } of scheduledBackups(model)) {
        objects.push({ file: extra ? `scheduledbackup-${extra}.yaml` : "scheduledbackup.yaml", object: object as YamlValue });
      }
    }
    const present = objects.filter((o): o is { file: string; object: YamlValue } => o.object !== undefined);
    if (!present.length) return [];
    present.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const files: OutputFile[] = present.map(({ file, object }) => yamlFile(`${DIR}/${file}`, ctx.source, object));
    const kustomization = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: present.map((o) => o.file) };
    files.push(yamlFile(`${DIR}/kustomization.yaml`, ctx.source, kustomization));
    if (plan) files.push({ path: `${DIR}/recovery.md`, content: generatedHeader(ctx.source, "markdown") + "\n" + renderRecovery(plan) });
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  },
};
