import { validationRule } from "../validation-rule.js";

/**
 * The backup encryption key is not kept in the database's Secret. Whoever reads the database
 * credentials would also hold the key to every backup, and a restore that loses the Secret loses
 * both: the encryption protects nothing. An error.
 *
 * And it encrypts something: only the logical backup's upload (rclone's crypt remote) reads it.
 * Velero and the barman-cloud ObjectStore take no client-side key, so without a logical backup the
 * key encrypts nothing berth generates: a warning, not a silent promise.
 */
export const backupEncryptionKey = validationRule({
  id: "backup-encryption-key",
  check({ model, spec, report }) {
    const key = spec.backup?.encryption_key;
    const db = spec.database;
    if (!key || spec.backup?.enabled === false) return;
    for (const [field, ref] of [["url", db?.url], ["read_url", db?.read_url]] as const) {
      if (ref && ref.secret === key.secret) {
        report("BACKUP_KEY_WITH_DATA", ["backup", "encryption_key", "secret"], { secret: key.secret, field });
        return;
      }
    }
    if (model.backup && model.backup.databaseMethod !== "logical") {
      report("FIELD_NOT_APPLICABLE", ["backup", "encryption_key"], { reason: "encryption-key-unused", field: "backup.encryption_key" }, { target: "key", severity: "warning" });
    }
  },
});
