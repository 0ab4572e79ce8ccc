/**
 * Alerts on the service's data: CloudNativePG replication lag; Velero backups (a failed run, or
 * no success for longer than the schedule's longest gap plus slack); the database's backups by the
 * path berth configured (CloudNativePG base-backup age and WAL archiving, or the logical-backup CronJobs).
 *
 * Velero Schedules are assumed named `<service>` (backup.schedule) and `<service>-<name>` (each
 * extra schedule): Velero labels its backup metrics with the schedule's name.
 */
import type { Alert, Model } from "../../src/model/model.js";
import { veleroScheduleName } from "../../src/model/names.js";
import { BACKUP_FAILURE_WINDOW_SECONDS, DEFAULT_FOR_SECONDS } from "./defaults.js";
import { num, promDuration, regexLiteral, selector } from "./promql.js";
import { alertingRule, param, type AlertingRule } from "./rules.js";

/**
 * CloudNativePG exports `cnpg_pg_replication_lag` (seconds) from every instance pod, named
 * `<cluster>-<n>`. Only for `managed_by: cloudnative-pg`; without `database.cluster` every instance
 * in the namespace counts.
 */
export function replicationLagAlert(m: Model, a: Alert): AlertingRule | undefined {
  const db = m.database;
  if (!db || db.managedBy !== "cloudnative-pg") return undefined;
  const above = param(a, "above");
  const series = selector("cnpg_pg_replication_lag", [
    ["namespace", "=", m.namespace],
    ...(db.cluster ? ([["pod", "=~", `${regexLiteral(db.cluster)}-[0-9]+`]] as const) : []),
  ]);
  return alertingRule(m, {
    suffix: "ReplicationLagHigh",
    severity: a.severity,
    expr: `max by (namespace, pod) (${series}) > ${num(above)}`,
    forSeconds: a.forSeconds ?? DEFAULT_FOR_SECONDS.replication_lag!,
    summary: `${m.name}: database replica lags more than ${promDuration(above)}.`,
    description: `Replica {{ $labels.pod }} is {{ $value | humanizeDuration }} behind the primary (threshold ${promDuration(above)}).`,
  });
}

/** Velero's counters of backups that did not complete: Failed, PartiallyFailed, FailedValidation. */
export const VELERO_FAILURE_COUNTERS = ["velero_backup_failure_total", "velero_backup_partial_failure_total", "velero_backup_validation_failure_total"] as const;

/** Each running Velero schedule of the service: its name, the longest gap between its runs and when it is late (a paused one takes nothing to alert on). */
export function veleroSchedules(m: Model): Array<{ name: string; gapSeconds?: number; staleAfterSeconds?: number }> {
  const b = m.backup;
  if (!b) return [];
  // The names the backup emitter gives the Velero Schedules (one place: the Model's names).
  const names = m.names.backup;
  return b.schedules
    .filter((s) => s.covers.velero && !s.velero.paused)
    .map((s) => ({ name: veleroScheduleName(names, s.name), gapSeconds: s.schedule.gaps?.maxGapSeconds, staleAfterSeconds: s.staleAfterSeconds }))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Two alerts per Velero schedule (a failed backup, a last success older than the gap plus slack), then the database's. */
export function backupAlerts(m: Model, a: Alert): AlertingRule[] {
  return [...veleroAlerts(m, a), ...databaseBackupAlerts(m, a)];
}

function veleroAlerts(m: Model, a: Alert): AlertingRule[] {
  const out: AlertingRule[] = [];
  const failWindow = promDuration(BACKUP_FAILURE_WINDOW_SECONDS);
  for (const s of veleroSchedules(m)) {
    const bySchedule = [["schedule", "=", s.name]] as const;
    out.push(
      alertingRule(m, {
        suffix: "BackupFailed",
        severity: a.severity,
        labels: { schedule: s.name },
        // PartiallyFailed (an item or a volume's data not taken) and FailedValidation (e.g. the storage
        // location unavailable: nothing is taken at all) count too. Velero counts each apart and records
        // no success for them, so only the stale alert would notice, a whole schedule gap later (or
        // never, for a schedule that has not succeeded once).
        expr: VELERO_FAILURE_COUNTERS.map((c) => `sum by (schedule) (increase(${selector(c, bySchedule)}[${failWindow}])) > 0`).join(" or "),
        forSeconds: a.forSeconds ?? DEFAULT_FOR_SECONDS.backup_failure!,
        summary: `${m.name}: Velero backup of schedule ${s.name} failed.`,
        description: `{{ $value | humanize }} backup(s) of Velero schedule {{ $labels.schedule }} failed, partially failed (items or volume data not backed up) or failed validation (e.g. its storage location unavailable) in the last ${failWindow}.`,
      }),
    );
  }
  for (const s of veleroSchedules(m)) {
    if (s.gapSeconds === undefined || s.staleAfterSeconds === undefined) continue; // a schedule that never runs cannot be late
    const limit = s.staleAfterSeconds;
    out.push(
      alertingRule(m, {
        suffix: "BackupStale",
        severity: a.severity,
        labels: { schedule: s.name },
        expr: `time() - max by (schedule) (${selector("velero_backup_last_successful_timestamp", [["schedule", "=", s.name]])}) > ${num(limit)}`,
        forSeconds: a.forSeconds ?? DEFAULT_FOR_SECONDS.backup_stale!,
        summary: `${m.name}: no successful Velero backup of schedule ${s.name} for ${promDuration(limit)}.`,
        description:
          `The last successful backup of Velero schedule {{ $labels.schedule }} finished {{ $value | humanizeDuration }} ago; ` +
          `the schedule runs at least every ${promDuration(s.gapSeconds)} (threshold ${promDuration(limit)} with slack).`,
      }),
    );
  }
  return out;
}

/**
 * The metric of the last available CloudNativePG base backup (a timestamp on every instance pod):
 * the barman-cloud plugin's with WAL archiving, the operator's own for volume snapshots.
 */
export function databaseBackupMetric(m: Model): string | undefined {
  switch (m.backup?.databaseMethod) {
    case "wal-archive": return "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp";
    case "volume-snapshot": return "cnpg_collector_last_available_backup_timestamp";
    default: return undefined;
  }
}

/** Each logical-backup CronJob: its name, the longest gap between its runs and when it is late. */
export function logicalBackupJobs(m: Model): Array<{ name: string; gapSeconds?: number; staleAfterSeconds?: number }> {
  const b = m.backup;
  if (!b || b.databaseMethod !== "logical") return [];
  return b.schedules
    .filter((s) => s.covers.database)
    .map((s) => ({ name: m.names.backup.logicalBackups[s.name]!, gapSeconds: s.schedule.gaps?.maxGapSeconds, staleAfterSeconds: s.staleAfterSeconds }))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/**
 * The database's backups, by the path berth configured: CloudNativePG's last available base backup
 * older than the database schedules' longest gap plus slack, the WAL archiver failing (its last
 * failure after its last success, CloudNativePG's own rule), or a logical-backup Job that failed
 * (while its run is the latest: until the next one is due) or no successful run for the gap plus slack.
 */
export function databaseBackupAlerts(m: Model, a: Alert): AlertingRule[] {
  const b = m.backup;
  const cluster = m.database?.cluster;
  const out: AlertingRule[] = [];
  const metric = databaseBackupMetric(m);
  const gap = b?.databaseGaps?.maxGapSeconds;
  const limit = b?.databaseStaleAfterSeconds;
  const forSeconds = (kind: string) => a.forSeconds ?? DEFAULT_FOR_SECONDS[kind]!;
  if (metric && cluster) {
    const pods = [["namespace", "=", m.namespace], ["pod", "=~", `${regexLiteral(cluster)}-[0-9]+`]] as const;
    if (gap !== undefined && limit !== undefined) {
      out.push(
        alertingRule(m, {
          suffix: "DatabaseBackupStale",
          severity: a.severity,
          labels: { cluster },
          expr: `time() - max by (namespace) (${selector(metric, pods)}) > ${num(limit)}`,
          forSeconds: forSeconds("backup_stale"),
          summary: `${m.name}: no CloudNativePG base backup of ${cluster} for ${promDuration(limit)}.`,
          description: `The newest available base backup of cluster ${cluster} is {{ $value | humanizeDuration }} old; the database schedules run at least every ${promDuration(gap)} (threshold ${promDuration(limit)} with slack).`,
        }),
      );
    }
    if (b?.databaseMethod === "wal-archive") {
      out.push(
        alertingRule(m, {
          suffix: "WALArchivingFailing",
          severity: a.severity,
          labels: { cluster },
          expr: `max by (namespace, pod) (${selector("cnpg_pg_stat_archiver_last_failed_time", pods)} - ${selector("cnpg_pg_stat_archiver_last_archived_time", pods)}) > 1`,
          forSeconds: forSeconds("backup_failure"),
          summary: `${m.name}: PostgreSQL ${cluster} fails to archive WAL: point-in-time recovery is falling behind.`,
          description: `Instance {{ $labels.pod }} last failed to archive a WAL segment {{ $value | humanizeDuration }} after its last success; until archiving recovers, the RPO grows.`,
        }),
      );
    }
  }
  for (const job of logicalBackupJobs(m)) {
    const jobs = [["namespace", "=", m.namespace], ["job_name", "=~", `${regexLiteral(job.name)}-[0-9]+`]] as const;
    const recent = job.gapSeconds ?? BACKUP_FAILURE_WINDOW_SECONDS;
    out.push(
      alertingRule(m, {
        suffix: "LogicalBackupFailed",
        severity: a.severity,
        labels: { cronjob: job.name },
        expr: `max by (namespace, job_name) (${selector("kube_job_status_failed", jobs)} > 0 and on (namespace, job_name) (time() - ${selector("kube_job_status_start_time", jobs)}) < ${num(recent)})`,
        forSeconds: forSeconds("backup_failure"),
        summary: `${m.name}: the logical backup ${job.name} failed.`,
        description: `Job {{ $labels.job_name }} of CronJob ${job.name} (pg_dump and upload) failed; its logs say why. The alert clears when the next run is due (${promDuration(recent)}).`,
      }),
    );
    if (job.gapSeconds === undefined || job.staleAfterSeconds === undefined) continue;
    const late = job.staleAfterSeconds;
    out.push(
      alertingRule(m, {
        suffix: "LogicalBackupStale",
        severity: a.severity,
        labels: { cronjob: job.name },
        expr: `time() - max by (namespace, cronjob) (${selector("kube_cronjob_status_last_successful_time", [["namespace", "=", m.namespace], ["cronjob", "=", job.name]])}) > ${num(late)}`,
        forSeconds: forSeconds("backup_stale"),
        summary: `${m.name}: no successful logical backup by ${job.name} for ${promDuration(late)}.`,
        description: `The last successful run of CronJob {{ $labels.cronjob }} finished {{ $value | humanizeDuration }} ago; it runs at least every ${promDuration(job.gapSeconds)} (threshold ${promDuration(late)} with slack).`,
      }),
    );
  }
  return out;
}
