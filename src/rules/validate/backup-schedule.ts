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
      if (!s.schedule.gaps) report("BACKUP_SCHEDULE_NEVER_RUNS", s.schedulePath, { schedule: s.label, expression: s.schedule.cron!.expression });
    }
    const rpo = backup.rpoSeconds;
    const gaps = backup.gaps;
    if (rpo === undefined || !gaps) return;
    const main = schedules[0]!;
    const facts = {
      rpo: spec.backup?.rpo ?? formatDuration(rpo),
      schedules: schedules.length,
      expression: main.schedule.cron!.expression,
      longestGap: formatDuration(gaps.maxGapSeconds),
      longestFrom: describeRunStart(gaps.longestFrom),
    };
    const db = model.database;
    const pitr = backup.pitr && db !== undefined && db.engine !== "sqlite";
    // Volume data the schedules carry: only persistent volumes, and only with include_volumes.
    const volumes = backup.includeVolumes && model.volumes.some((v) => v.persistent);
    if (pitr && db.managedBy === "cloudnative-pg" && rpo < WAL_ARCHIVE_TIMEOUT_SECONDS) {
      report("BACKUP_GAP_EXCEEDS_RPO", ["backup", "rpo"], { ...facts, reason: "archive-timeout", archiveTimeout: formatDuration(WAL_ARCHIVE_TIMEOUT_SECONDS) }, { severity: "warning" });
    }
    if (pitr && !volumes) return;
    const at = main.defaultSchedule ? { target: "key" as const } : {};
    if (pitr) {
      if (gaps.maxGapSeconds > rpo) {
        report("BACKUP_GAP_EXCEEDS_RPO", main.schedulePath, { ...facts, reason: "volumes-behind-pitr" }, { severity: "warning", ...at });
      }
      return;
    }
    if (rpo < gaps.minGapSeconds) {
      report("BACKUP_RPO_NEEDS_PITR", ["backup", "rpo"], { ...facts, shortestGap: formatDuration(gaps.minGapSeconds), pitrDeclared: spec.backup?.pitr === true });
    } else if (gaps.maxGapSeconds > rpo) {
      report("BACKUP_GAP_EXCEEDS_RPO", main.schedulePath, { ...facts, reason: "gap" }, at);
    }
  },
});
