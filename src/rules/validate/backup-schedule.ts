import type { CronGaps } from "../../model/cron-gap.js";
import { describeRunStart } from "../../model/cron-gap.js";
import { WAL_ARCHIVE_TIMEOUT_SECONDS } from "../../model/recovery-plan.js";
import { formatDuration } from "../../model/units.js";
import { validationRule } from "../validation-rule.js";
import { locatedSchedules, type LocatedSchedule } from "./backup-paths.js";

/**
 * The backup schedules can keep the RPO promise: every schedule runs at all, and the longest gap
 * between two backups of each kind of data (over every calendar case in UTC) fits the RPO.
 *
 * Each kind of data is judged on the schedules that really take it: the database on the schedules
 * covering `database` (CloudNativePG base backups or the logical-backup CronJobs), volumes on the
 * running Velero schedules; the Kubernetes objects only when the service holds no data. WAL
 * archiving counts only when berth configures it (CloudNativePG, `pitr`, a storage destination):
 * then the database is covered between backups and only volume data still depends on a schedule.
 * Severities: an RPO no schedule can meet, or one a schedule breaks at its longest gap, is an
 * impossible promise (error); with WAL archiving protecting the database, volumes missing the RPO
 * is a warning (a user may accept older files).
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
    if (rpo === undefined) return;
    const facts = (set: LocatedSchedule[], gaps: CronGaps) => ({
      rpo: spec.backup?.rpo ?? formatDuration(rpo),
      schedules: set.length,
      expression: set[0]!.schedule.cron!.expression,
      longestGap: formatDuration(gaps.maxGapSeconds),
      longestFrom: describeRunStart(gaps.longestFrom),
    });
    const at = (s: LocatedSchedule) => (s.defaultSchedule ? { target: "key" as const } : {});
    const velero = schedules.filter((s) => s.normalized.covers.velero && !s.normalized.velero.paused);
    const database = schedules.filter((s) => s.normalized.covers.database);
    const db = model.database;
    const method = backup.databaseMethod;
    // Volume data the Velero schedules carry: only persistent volumes, only with include_volumes (SQLite lives on one).
    const volumes = backup.includeVolumes && model.volumes.some((v) => v.persistent);
    const walArchive = method === "wal-archive";
    if (walArchive && rpo < WAL_ARCHIVE_TIMEOUT_SECONDS && backup.databaseGaps) {
      report("BACKUP_GAP_EXCEEDS_RPO", ["backup", "rpo"], { ...facts(database, backup.databaseGaps), reason: "archive-timeout", archiveTimeout: formatDuration(WAL_ARCHIVE_TIMEOUT_SECONDS) }, { severity: "warning" });
    }
    if (walArchive) {
      const gaps = backup.veleroGaps;
      if (volumes && gaps && gaps.maxGapSeconds > rpo) {
        report("BACKUP_GAP_EXCEEDS_RPO", velero[0]!.schedulePath, { ...facts(velero, gaps), reason: "volumes-behind-pitr" }, { severity: "warning", ...at(velero[0]!) });
      }
      return;
    }
    // What the target is judged on: the database's backups, the volumes' (Velero), or the objects when there is no data.
    const judged: Array<{ set: LocatedSchedule[]; gaps: CronGaps | undefined }> = [];
    if (method) judged.push({ set: database, gaps: backup.databaseGaps });
    // A database berth does not back up is reported by backup-database-path, not judged on the Velero schedules.
    if (volumes || !db || db.engine === "sqlite") judged.push({ set: velero, gaps: backup.veleroGaps });
    const seen = new Set<string>();
    for (const { set, gaps } of judged) {
      if (!set.length || !gaps || seen.has(set.map((s) => s.label).join())) continue;
      seen.add(set.map((s) => s.label).join());
      const main = set[0]!;
      if (rpo < gaps.minGapSeconds) {
        report("BACKUP_RPO_NEEDS_PITR", ["backup", "rpo"], { ...facts(set, gaps), shortestGap: formatDuration(gaps.minGapSeconds), pitrDeclared: spec.backup?.pitr === true});
      } else if (gaps.maxGapSeconds > rpo) {
        report("BACKUP_GAP_EXCEEDS_RPO", main.schedulePath, { ...facts(set, gaps), reason: "gap" }, at(main));
      }
    }
  },
});
