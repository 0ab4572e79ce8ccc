import { validationRule } from "../validation-rule.js";

/**
 * Enabled backups say where they go. Without `storage`, Velero writes to its default location,
 * which may exist (installs often configure one) but is invisible to review: a warning, since a
 * team with a cluster-wide default location may accept it.
 */
export const backupStorage = validationRule({
  id: "backup-storage",
  check({ spec, report }) {
    const backup = spec.backup;
    if (!backup || backup.enabled === false || backup.storage) return;
    report("BACKUP_STORAGE_MISSING", ["backup"], {}, {
      severity: "warning",
      target: "key",
    });
  },
});
