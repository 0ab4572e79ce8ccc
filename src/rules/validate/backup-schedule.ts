import { describeRunStart } from "../../model/cron-gap.js";
import { WAL_ARCHIVE_TIMEOUT_SECONDS } from "../../model/recovery-plan.js";
import { formatDuration } from "../../model/units.js";
import { validationRule } from "../validation-rule.js";
import { locatedSchedules } from "./backup-paths.js";

/**
 * The backup schedules can keep the RPO promise: every schedule runs at all, and the longest gap
 * between two backups (all schedules together, over every calendar case in UTC) fits the RPO.
 *
 * Point-in-time recovery of a database (WAL archiving) covers the database between backups, so
 * with PITR only volume data still depends on the schedule. Severities: an RPO no schedule can
 * meet, or one the schedule breaks at its longest gap, is an impossible promise (error); with PITR
 * protecting the database, volumes missing the RPO is a warning (a user may accept older files).
 */
export const backupSchedule = validationRule({
  id: "backup-schedule",
  area: "backup",
  check({ model, spec, report }) {
    const backup = model.backup;
    const schedules = locatedSchedules(model, spec);
    if (!backup || schedules.some((s) => s.schedule.error)) return;
    for (const s of schedules) {
      if (!s.schedule.gaps) report("BACKUP_SCHEDULE_NEVER_RUNS", s.schedulePath, `${s.label} "${s.schedule.cron!.expression}" never runs: no date matches it`);
    }
    const rpo = backup.rpoSeconds;
    const rpoText = spec.backup?.rpo;
    const gaps = backup.gaps;
    if (rpo === undefined || !gaps) return;
    const db = model.database;
    const pitr = backup.pitr && db !== undefined && db.engine !== "sqlite";
    // Volume data the schedules carry: only persistent volumes, and only with include_volumes.
    const volumes = backup.includeVolumes && model.volumes.some((v) => v.persistent);
    if (pitr && db.managedBy === "cloudnative-pg" && rpo < WAL_ARCHIVE_TIMEOUT_SECONDS) {
      report("BACKUP_GAP_EXCEEDS_RPO", ["backup", "rpo"], `rpo ${rpoText} is shorter than the ${formatDuration(WAL_ARCHIVE_TIMEOUT_SECONDS)} CloudNativePG waits before archiving a WAL segment (archive_timeout)`, {
        severity: "warning",
        hint: "Lower `archive_timeout` in the Cluster's postgresql.parameters (CloudNativePG's default is 5min), or raise `rpo` to 5m.",
      });
    }
    if (pitr && !volumes) return;
    const main = schedules[0]!;
    const which = schedules.length > 1 ? "the backup schedules together" : `schedule "${main.schedule.cron!.expression}"`;
    const longest = `${formatDuration(gaps.maxGapSeconds)} (from ${describeRunStart(gaps.longestFrom)})`;
    const at = main.defaultSchedule ? { target: "key" as const } : {};
    if (pitr) {
      if (gaps.maxGapSeconds > rpo) {
        report(
          "BACKUP_GAP_EXCEEDS_RPO",
          main.schedulePath,
          `point-in-time recovery covers the database, but volume data is only as recent as the last backup: ${which} leave gaps up to ${longest}, longer than rpo ${rpoText}`,
          { severity: "warning", ...at },
        );
      }
      return;
    }
    if (rpo < gaps.minGapSeconds) {
      report(
        "BACKUP_RPO_NEEDS_PITR",
        ["backup", "rpo"],
        `rpo ${rpoText} is shorter than any interval between backups (${which}: at least ${formatDuration(gaps.minGapSeconds)}, at most ${formatDuration(gaps.maxGapSeconds)}) and point-in-time recovery is ${spec.backup?.pitr ? "declared but there is no database for it to cover" : "off"}`,
      );
    } else if (gaps.maxGapSeconds > rpo) {
      report("BACKUP_GAP_EXCEEDS_RPO", main.schedulePath, `${which} leave a gap of ${longest} between backups, longer than rpo ${rpoText}`, at);
    }
  },
});
