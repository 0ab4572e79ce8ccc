/**
 * Alerts on the service's data: CloudNativePG replication lag, and Velero backups (a failed run, or
 * no success for longer than the schedule's longest gap plus slack).
 *
 * Velero Schedules are assumed named `<service>` (backup.schedule) and `<service>-<name>` (each
 * extra schedule): Velero labels its backup metrics with the schedule's name.
 */
import type { Alert, Model } from "../../src/model/model.js";
import { BACKUP_FAILURE_WINDOW_SECONDS, DEFAULT_FOR_SECONDS, backupSlackSeconds } from "./defaults.js";
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

/** Each Velero schedule of the service: its name and the longest gap between its runs. */
export function veleroSchedules(m: Model): Array<{ name: string; gapSeconds?: number }> {
  const b = m.backup;
  if (!b) return [];
  // The names the backup emitter gives the Velero Schedules (one place: the Model's names).
  const names = m.names.backup;
  return [
    { name: names.schedule, gapSeconds: b.schedule.gaps?.maxGapSeconds },
    ...b.extraSchedules.map((s) => ({ name: names.extraSchedules[s.name]!, gapSeconds: s.schedule.gaps?.maxGapSeconds })),
  ].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Two alerts per schedule: a failed backup, and a last success older than the gap plus slack. */
export function backupAlerts(m: Model, a: Alert): AlertingRule[] {
  const out: AlertingRule[] = [];
  const failWindow = promDuration(BACKUP_FAILURE_WINDOW_SECONDS);
  for (const s of veleroSchedules(m)) {
    const bySchedule = [["schedule", "=", s.name]] as const;
    out.push(
      alertingRule(m, {
        suffix: "BackupFailed",
        severity: a.severity,
        labels: { schedule: s.name },
        expr: `sum by (schedule) (increase(${selector("velero_backup_failure_total", bySchedule)}[${failWindow}])) > 0`,
        forSeconds: a.forSeconds ?? DEFAULT_FOR_SECONDS.backup_failure!,
        summary: `${m.name}: Velero backup of schedule ${s.name} failed.`,
        description: `{{ $value | humanize }} backup(s) of Velero schedule {{ $labels.schedule }} failed in the last ${failWindow}.`,
      }),
    );
  }
  for (const s of veleroSchedules(m)) {
    if (s.gapSeconds === undefined) continue; // a schedule that never runs cannot be late
    const limit = s.gapSeconds + backupSlackSeconds(s.gapSeconds);
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
