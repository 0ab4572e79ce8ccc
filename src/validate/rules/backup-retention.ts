import { specSchedules } from "../../backup/spec-schedules.js";
import { cronGaps } from "../../model/cron-gap.js";
import { formatDuration } from "../../model/units.js";
import type { ManifestRule } from "../rule.js";

/**
 * Each schedule keeps its backups longer than the longest gap between its runs. Otherwise the
 * last backup expires before (or just as) the next one is taken, and for a while there is nothing
 * to restore: an impossible promise, so an error.
 */
export const backupRetention: ManifestRule = {
  id: "backup-retention",
  scope: "environment",
  check({ spec, report }) {
    for (const s of specSchedules(spec) ?? []) {
      const gaps = cronGaps([s.schedule]);
      if (!gaps || s.retentionSeconds > gaps.maxGapSeconds) continue;
      report(
        "BACKUP_RETENTION_TOO_SHORT",
        s.retentionPath,
        `${s.label}: retention ${formatDuration(s.retentionSeconds)}${s.defaultRetention ? " (the default)" : ""} does not outlast the longest gap between its runs (${formatDuration(gaps.maxGapSeconds)}): each backup expires before the next one exists`,
        s.defaultRetention ? { target: "key" } : {},
      );
    }
  },
};
