import { validationRule } from "../validation-rule.js";

/**
 * A production service with backups declares how often a restore is tested. A warning: nothing
 * breaks without one, and a new service may not have run its first drill yet, but the RTO is
 * unproven until it has.
 */
export const backupDrills = validationRule({
  id: "backup-drills",
  check({ spec, tier, report }) {
    const backup = spec.backup;
    if (tier !== "production" || !backup || backup.enabled === false || backup.drills) return;
    report("BACKUP_NO_DRILL", ["backup"], {}, { severity: "warning", target: "key" });
  },
});
