import { formatDuration } from "../../model/units.js";
import { validationRule } from "../validation-rule.js";
import { locatedSchedules } from "./backup-paths.js";

/**
 * Each schedule keeps its backups longer than the longest gap between its runs. Otherwise the
 * last backup expires before (or just as) the next one is taken, and for a while there is nothing
 * to restore: an impossible promise, so an error.
 */
export const backupRetention = validationRule({
  id: "backup-retention",
  area: "backup",
  check({ model, spec, report }) {
    for (const s of locatedSchedules(model, spec)) {
      const gaps = s.schedule.gaps;
      if (!gaps || s.retentionSeconds > gaps.maxGapSeconds) continue;
      report(
        "BACKUP_RETENTION_TOO_SHORT",
        s.retentionPath,
        { schedule: s.label, retention: formatDuration(s.retentionSeconds), defaultRetention: s.defaultRetention, longestGap: formatDuration(gaps.maxGapSeconds) },
        s.defaultRetention ? { target: "key" } : {},
      );
    }
  },
});
