import { validationRule } from "../validation-rule.js";

/**
 * The backup encryption key is not kept in the database's Secret. Whoever reads the database
 * credentials would also hold the key to every backup, and a restore that loses the Secret loses
 * both: the encryption protects nothing. An error.
 */
export const backupEncryptionKey = validationRule({
  id: "backup-encryption-key",
  check({ spec, report }) {
    const key = spec.backup?.encryption_key;
    const db = spec.database;
    if (!key || !db || spec.backup?.enabled === false) return;
    for (const [field, ref] of [["url", db.url], ["read_url", db.read_url]] as const) {
      if (ref && ref.secret === key.secret) {
        report("BACKUP_KEY_WITH_DATA", ["backup", "encryption_key", "secret"], { secret: key.secret, field });
        return;
      }
    }
  },
});
