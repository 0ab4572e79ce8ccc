import { validationRule } from "../validation-rule.js";

/**
 * Enabled backups say where they go. Without `storage`, Velero writes to its default location,
 * which may exist (installs often configure one) but is invisible to review: a warning, since a
 * team with a cluster-wide default location may accept it. On Azure the location needs the storage
 * account, which berth reads from the endpoint.
 */
export const backupStorage = validationRule({
  id: "backup-storage",
  check({ model, spec, report }) {
    const backup = spec.backup;
    if (!backup || backup.enabled === false) return;
    // Velero's Azure plugin fails the location ("storageAccount not defined") without the account.
    const storage = model.backup?.storage;
    if (storage?.provider === "azure" && !storage.storageAccount) {
      report("BACKUP_STORAGE_ACCOUNT_MISSING", ["backup", "storage", ...(backup.storage?.endpoint !== undefined ? ["endpoint"] : [])], {}, { severity: "warning", target: backup.storage?.endpoint !== undefined ? "value" : "key" });
    }
    if (backup.storage) return;
    report("BACKUP_STORAGE_MISSING", ["backup"], {}, {
      severity: "warning",
      target: "key",
    });
  },
});
