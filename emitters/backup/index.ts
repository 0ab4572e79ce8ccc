import { backupStorageLocation } from "./backup-storage-location.js";
import { scheduledBackups } from "./scheduled-backup.js";
import { veleroSchedule } from "./velero-schedule.js";
import { generatedHeader } from "../../src/output/header.js";
import { yamlFile, type OutputFile } from "../../src/output/output-file.js";
import type { YamlValue } from "../../src/output/yaml.js";
import type { Emitter } from "../types.js";
import { renderRecovery } from "../../src/markdown/recovery.js";

const DIR = "backup";

/**
 * Velero schedules and storage location, a CloudNativePG ScheduledBackup for an operator-run
 * PostgreSQL, a kustomization.yaml listing them (one folder a GitOps tool can apply), and
 * recovery.md, the recovery promise in one page. Nothing when the service has no enabled backup.
 */
export const backupEmitter: Emitter = {
  name: "backup",
  description: "Velero Schedule(s) and BackupStorageLocation, CloudNativePG ScheduledBackup, recovery.md",
  roots: [DIR],
  emit(model, ctx) {
    const backup = model.backup;
    const plan = model.recovery;
    if (!backup || !plan) return [];
    const names = model.names.backup;
    const objects: Array<{ file: string; object: YamlValue }> = [
      { file: "schedule.yaml", object: veleroSchedule(model, backup, names.schedule, backup.schedule, backup.retentionSeconds) },
      ...backup.extraSchedules.map((extra) => ({
        file: `schedule-${extra.name}.yaml`,
        object: veleroSchedule(model, backup, names.extraSchedules[extra.name]!, extra.schedule, extra.retentionSeconds),
      })),
    ];
    if (backup.storage) objects.push({ file: "backupstoragelocation.yaml", object: backupStorageLocation(model, backup, backup.storage) });
    for (const { extra, object } of scheduledBackups(model)) {
      objects.push({ file: extra ? `scheduledbackup-${extra}.yaml` : "scheduledbackup.yaml", object: object as YamlValue });
    }
    objects.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const files: OutputFile[] = objects.map(({ file, object }) => yamlFile(`${DIR}/${file}`, ctx.source, object));
    const kustomization = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: objects.map((o) => o.file) };
    files.push(yamlFile(`${DIR}/kustomization.yaml`, ctx.source, kustomization));
    files.push({ path: `${DIR}/recovery.md`, content: generatedHeader(ctx.source, "markdown") + "\n" + renderRecovery(plan) });
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  },
};
