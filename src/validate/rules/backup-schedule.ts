import { specSchedules } from "../../backup/spec-schedules.js";
import { cronGaps, describeRunStart } from "../../model/cron-gap.js";
import { DEFAULTS } from "../../model/defaults.js";
import { formatDuration, parseDuration } from "../../model/units.js";
import { WAL_ARCHIVE_TIMEOUT_SECONDS } from "../../backup/recovery-plan.js";
import type { ManifestRule } from "../rule.js";

/**
 * The backup schedules can keep the RPO promise: every schedule runs at all, and the longest gap
 * between two backups (all schedules together, over every calendar case in UTC) fits the RPO.
 *
 * Point-in-time recovery of a database (WAL archiving) covers the database between backups, so
 * with PITR only volume data still depends on the schedule. Severities: an RPO no schedule can
 * meet, or one the schedule breaks at its longest gap, is an impossible promise (error); with PITR
 * protecting the database, volumes missing the RPO is a warning (a user may accept older files).
 */
export const backupSchedule: ManifestRule = {
  id: "backup-schedule",
  scope: "environment",
  check({ spec, report }) {
    const schedules = specSchedules(spec);
    if (!schedules) return;
    for (const s of schedules) {
      if (!cronGaps([s.schedule])) {
        report("BACKUP_SCHEDULE_NEVER_RUNS", s.schedulePath, `${s.label} "${s.schedule.expression}" never runs: no date matches it`);
      }
    }
    const backup = spec.backup!;
    if (!backup.rpo) return;
    const rpo = parseDuration(backup.rpo);
    const gaps = cronGaps(schedules.map((s) => s.schedule));
    if (!gaps) return;
    const pitr = (backup.pitr ?? DEFAULTS.backup.pitr) && spec.database !== undefined && spec.database.engine !== "sqlite";
    // Volume data the schedules carry: only persistent volumes, and only with include_volumes.
    const volumes =
      (backup.include_volumes ?? DEFAULTS.backup.include_volumes) && (spec.volumes ?? []).some((v) => v.persistent ?? DEFAULTS.volume.persistent);
    if (pitr && spec.database?.managed_by === "cloudnative-pg" && rpo < WAL_ARCHIVE_TIMEOUT_SECONDS) {
      report("BACKUP_GAP_EXCEEDS_RPO", ["backup", "rpo"], `rpo ${backup.rpo} is shorter than the ${formatDuration(WAL_ARCHIVE_TIMEOUT_SECONDS)} CloudNativePG waits before archiving a WAL segment (archive_timeout)`, {
        severity: "warning",
        hint: "Lower `archive_timeout` in the Cluster's postgresql.parameters (CloudNativePG's default is 5min), or raise `rpo` to 5m.",
      });
    }
    if (pitr && !volumes) return;
    const which = schedules.length > 1 ? "the backup schedules together" : `schedule "${schedules[0]!.schedule.expression}"`;
    const longest = `${formatDuration(gaps.maxGapSeconds)} (from ${describeRunStart(gaps.longestFrom)})`;
    if (pitr) {
      if (gaps.maxGapSeconds > rpo) {
        report(
          "BACKUP_GAP_EXCEEDS_RPO",
          schedules[0]!.schedulePath,
          `point-in-time recovery covers the database, but volume data is only as recent as the last backup: ${which} leave gaps up to ${longest}, longer than rpo ${backup.rpo}`,
          { severity: "warning", ...(schedules[0]!.defaultSchedule ? { target: "key" } : {}) },
        );
      }
      return;
    }
    if (rpo < gaps.minGapSeconds) {
      report(
        "BACKUP_RPO_NEEDS_PITR",
        ["backup", "rpo"],
        `rpo ${backup.rpo} is shorter than any interval between backups (${which}: at least ${formatDuration(gaps.minGapSeconds)}, at most ${formatDuration(gaps.maxGapSeconds)}) and point-in-time recovery is ${backup.pitr ? "declared but there is no database for it to cover" : "off"}`,
      );
    } else if (gaps.maxGapSeconds > rpo) {
      report(
        "BACKUP_GAP_EXCEEDS_RPO",
        schedules[0]!.schedulePath,
        `${which} leave a gap of ${longest} between backups, longer than rpo ${backup.rpo}`,
        schedules[0]!.defaultSchedule ? { target: "key" } : {},
      );
    }
  },
};
