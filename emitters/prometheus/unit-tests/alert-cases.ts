/**
 * promtool unit-test cases for every alert berth emits, built from the Model so thresholds, windows and
 * `for` durations follow the manifest. Each alert gets: pending before its `for` has passed then firing
 * on unhealthy series, and silent on healthy series just below the threshold. A custom alert's
 * expression is the user's: it gets no generated case.
 */
import type { Alert, Model } from "../../../src/model/model.js";
import { DEFAULT_FOR_SECONDS } from "../defaults.js";
import { VELERO_FAILURE_COUNTERS, databaseBackupMetric, logicalBackupJobs, veleroSchedules } from "../data-alerts.js";
import { certificateTarget } from "../platform-alerts.js";
import { pascalCase } from "../promql.js";
import { counter, expectedFrom, gauge, minutes, series, type Case, type RuleLike } from "./case-kit.js";
import { sloCases } from "./slo-cases.js";

export type { Case, RuleLike } from "./case-kit.js";
export { promtoolTests } from "./case-kit.js";

export function buildCases(m: Model, rules: RuleLike[]): Case[] {
  const P = pascalCase(m.name);
  const expected = expectedFrom(rules);
  const app = { namespace: m.namespace, service: m.name };
  const cases: Case[] = [];
  /** Firing after `for`, pending at `for`, silent when healthy; `bad`/`good` series start their condition at ~1m. */
  const standard = (alert: string, a: { forSeconds?: number } | undefined, kind: string, bad: Case["series"], good: Case["series"], labels: Record<string, string>, start = 1) => {
    const forMin = minutes(a?.forSeconds ?? DEFAULT_FOR_SECONDS[kind]!);
    const fires = { at: start + forMin + 5, alerts: [expected(alert, labels)] };
    // An alert with `for: 0s` fires at once: there is no pending state to show.
    cases.push(
      forMin > 0
        ? { name: `${alert} pending before for, then fires`, alert, series: bad, evals: [{ at: start + forMin - 1, alerts: [expected(alert, labels)], state: "pending" }, fires] }
        : { name: `${alert} fires`, alert, series: bad, evals: [fires] },
    );
    cases.push({ name: `${alert} silent just below`, alert, series: good, evals: [{ at: start + forMin + 5, alerts: [] }, { at: start + forMin + 30, alerts: [] }] });
  };
  const alertOf = (kind: string): Alert | undefined => m.monitoring.alerts.find((a) => a.kind === kind);
  const num = (a: Alert, key: string) => a.params[key] as number;
  const names = m.monitoring.metricNames;
  const len = 300;

  const errorRate = alertOf("error_rate");
  if (errorRate) {
    const above = num(errorRate, "above");
    const bad = Math.round(above * 10000 * 2);
    const edge = Math.round(above * 10000) - 1;
    standard(
      `${P}HighErrorRate`, errorRate, "error_rate",
      [series(names.requests, { ...app, pod: "a", [names.statusLabel]: "200" }, counter(10000 - bad, len)), series(names.requests, { ...app, pod: "a", [names.statusLabel]: "500" }, counter(bad, len))],
      // Errors on one pod only, traffic on two: the ratio must aggregate before dividing.
      [
        series(names.requests, { ...app, pod: "a", [names.statusLabel]: "200" }, counter(6000, len)),
        series(names.requests, { ...app, pod: "b", [names.statusLabel]: "200" }, counter(4000 - edge, len)),
        series(names.requests, { ...app, pod: "b", [names.statusLabel]: "503" }, counter(edge, len)),
      ],
      app,
    );
  }

  const latency = alertOf("latency");
  if (latency) {
    const above = num(latency, "above");
    const bounds = [above / 4, above / 2, above, above * 2.5];
    const buckets = (atAbove: number) => [
      ...bounds.map((le, i) => series(`${names.latency}_bucket`, { ...app, pod: "a", le: String(le) }, counter(i < 2 ? 0 : i === 2 ? atAbove : 1000, len))),
      series(`${names.latency}_bucket`, { ...app, pod: "a", le: "+Inf" }, counter(1000, len)),
    ];
    const q = num(latency, "quantile");
    // Bad: fewer than q of the requests within `above`; good: just more than q of them.
    standard(`${P}HighLatency`, latency, "latency", buckets(Math.floor(q * 1000) - 50), buckets(Math.ceil(q * 1000) + 10), app);
  }

  const restarts = alertOf("restarts");
  if (restarts) {
    const above = num(restarts, "above");
    const pod = { namespace: m.namespace, pod: `${m.name}-5d8f9c7b4-x2k9q` };
    const metric = "kube_pod_container_status_restarts_total";
    const steps = (to: number) => `0+0x9 ${to}+0x${len}`;
    standard(
      `${P}PodRestarting`, restarts, "restarts",
      [series(metric, { ...pod, container: "app" }, steps(above + 1)), series(metric, { namespace: m.namespace, pod: "other-5d8f9c7b4-x2k9q", container: "app" }, steps(above + 10))],
      [series(metric, { ...pod, container: "app" }, steps(above)), series(metric, { namespace: m.namespace, pod: `${m.name}-db-1`, container: "postgres" }, steps(above + 10))],
      pod,
      10,
    );
  }

  const cert = alertOf("certificate_expiry");
  if (cert) {
    const within = num(cert, "within");
    const target = certificateTarget(m);
    const metric = "certmanager_certificate_expiration_timestamp_seconds";
    const forMin = minutes(cert.forSeconds ?? DEFAULT_FOR_SECONDS.certificate_expiry!);
    // time() is the eval time in promtool (seconds from 0): healthy = expires just after `within` from then.
    const goodEval = (forMin + 30) * 60;
    standard(
      `${P}CertificateExpiringSoon`, cert, "certificate_expiry",
      // Just inside `within` (a tenth of it to spare), so a halved threshold no longer fires.
      [series(metric, { ...target, issuer_name: "letsencrypt-prod" }, gauge(Math.round(within * 0.9), len))],
      [series(metric, { ...target, issuer_name: "letsencrypt-prod" }, gauge(within + goodEval + 60, len))],
      target,
      0,
    );
  }

  const disk = alertOf("disk_usage");
  if (disk) {
    const above = num(disk, "above");
    const firstClaim = m.volumes.find((v) => v.persistent)!.name;
    const claim = { namespace: m.namespace, persistentvolumeclaim: `${m.name}-${firstClaim}` };
    const cap = 1e10;
    const usage = (share: number) => [
      series("kubelet_volume_stats_used_bytes", { ...claim, instance: "node-1" }, gauge(Math.round(share * cap), len)),
      series("kubelet_volume_stats_capacity_bytes", { ...claim, instance: "node-1" }, gauge(cap, len)),
    ];
    const otherClaim = { namespace: m.namespace, persistentvolumeclaim: `${m.name}-db-1` };
    const other = [
      series("kubelet_volume_stats_used_bytes", { ...otherClaim, instance: "node-2" }, gauge(cap, len)),
      series("kubelet_volume_stats_capacity_bytes", { ...otherClaim, instance: "node-2" }, gauge(cap, len)),
    ];
    standard(`${P}DiskUsageHigh`, disk, "disk_usage", usage(above + 0.05), [...usage(above - 0.001), ...other], claim, 0);
  }

  const lag = alertOf("replication_lag");
  if (lag && m.database?.managedBy === "cloudnative-pg") {
    const above = num(lag, "above");
    const cluster = m.database.cluster ?? "db";
    const replica = { namespace: m.namespace, pod: `${cluster}-2` };
    standard(
      `${P}ReplicationLagHigh`, lag, "replication_lag",
      [series("cnpg_pg_replication_lag", replica, gauge(above * 2, len)), series("cnpg_pg_replication_lag", { namespace: m.namespace, pod: `${cluster}-1` }, gauge(0, len))],
      [series("cnpg_pg_replication_lag", replica, gauge(above - 1, len)), series("cnpg_pg_replication_lag", { namespace: "elsewhere", pod: `${cluster}-3` }, gauge(above * 10, len))],
      replica,
      0,
    );
  }

  const backup = alertOf("backup_failure");
  if (backup) {
    for (const s of veleroSchedules(m)) {
      const schedule = { schedule: s.name };
      // Every counter of backups that did not complete, quiet; one of them rising.
      const quiet = VELERO_FAILURE_COUNTERS.map((c) => series(c, schedule, gauge(0, len)));
      const rising = (counter: string) => VELERO_FAILURE_COUNTERS.map((c) => series(c, schedule, c === counter ? `0+0x9 1+0x${len}` : gauge(0, len)));
      standard(
        `${P}BackupFailed`, backup, "backup_failure",
        rising("velero_backup_failure_total"),
        [...quiet, ...VELERO_FAILURE_COUNTERS.map((c) => series(c, { schedule: "someone-else" }, `0+0x9 3+0x${len}`))],
        schedule,
        10,
      );
      // A PartiallyFailed backup (a volume's data not taken) and a FailedValidation one (nothing taken) are failed backups too.
      const failFor = minutes(backup.forSeconds ?? DEFAULT_FOR_SECONDS.backup_failure!);
      for (const [counter, what] of [["velero_backup_partial_failure_total", "partially failed"], ["velero_backup_validation_failure_total", "failed validation"]] as const) {
        cases.push({
          name: `${P}BackupFailed fires on a backup that ${what} (${s.name})`,
          alert: `${P}BackupFailed`,
          series: rising(counter),
          evals: [{ at: 10 + failFor + 5, alerts: [expected(`${P}BackupFailed`, schedule)] }],
        });
      }
      if (s.staleAfterSeconds === undefined) continue;
      const limit = s.staleAfterSeconds;
      const forMin = minutes(backup.forSeconds ?? DEFAULT_FOR_SECONDS.backup_stale!);
      const lastEval = (forMin + 30) * 60;
      standard(
        `${P}BackupStale`, { forSeconds: backup.forSeconds }, "backup_stale",
        [series("velero_backup_last_successful_timestamp", schedule, gauge(-(limit + 3600), len))],
        // The newest success just inside the limit at the last eval.
        [series("velero_backup_last_successful_timestamp", schedule, gauge(lastEval - limit + 60, len))],
        schedule,
        0,
      );
    }
  }

  if (backup) {
    // The database's backups: CloudNativePG base-backup age and WAL archiving, or the logical-backup CronJobs.
    const metric = databaseBackupMetric(m);
    const cluster = m.database?.cluster;
    const limit = m.backup?.databaseStaleAfterSeconds;
    const lastEval = (minutes(backup.forSeconds ?? DEFAULT_FOR_SECONDS.backup_stale!) + 30) * 60;
    if (metric && cluster && limit !== undefined) {
      const pod = (n: number, namespace = m.namespace) => ({ namespace, pod: `${cluster}-${n}` });
      standard(
        `${P}DatabaseBackupStale`, { forSeconds: backup.forSeconds }, "backup_stale",
        [series(metric, pod(1), gauge(-(limit + 3600), len)), series(metric, pod(2), gauge(-(limit + 7200), len))],
        // The newest backup (on any instance) just inside the limit; another namespace's stale cluster is not ours.
        [series(metric, pod(1), gauge(-(limit * 2), len)), series(metric, pod(2), gauge(lastEval - limit + 60, len)), series(metric, pod(1, "elsewhere"), gauge(-(limit * 10), len))],
        { namespace: m.namespace, cluster },
        0,
      );
    }
    if (m.backup?.databaseMethod === "wal-archive" && cluster) {
      const pod = { namespace: m.namespace, pod: `${cluster}-1` };
      const archiver = (labels: Record<string, string>, failed: number, archived: number) => [
        series("cnpg_pg_stat_archiver_last_failed_time", labels, gauge(failed, len)),
        series("cnpg_pg_stat_archiver_last_archived_time", labels, gauge(archived, len)),
      ];
      standard(
        `${P}WALArchivingFailing`, backup, "backup_failure",
        archiver(pod, 1000, 400),
        // Failed once, archived since (recovered); a failing cluster elsewhere is not ours.
        [...archiver(pod, 400, 1000), ...archiver({ namespace: "elsewhere", pod: `${cluster}-1` }, 1000, 400)],
        { ...pod, cluster },
        0,
      );
    }
    for (const job of logicalBackupJobs(m)) {
      const recent = job.gapSeconds!;
      const run = (suffix: string) => ({ namespace: m.namespace, job_name: `${job.name}-${suffix}` });
      standard(
        `${P}LogicalBackupFailed`, backup, "backup_failure",
        [series("kube_job_status_failed", run("29100000"), `0+0x9 1+0x${len}`), series("kube_job_status_start_time", run("29100000"), gauge(540, len))],
        [
          series("kube_job_status_failed", run("29100000"), gauge(0, len)),
          series("kube_job_status_start_time", run("29100000"), gauge(540, len)),
          // A failure older than one schedule gap (the next run replaced it), and another CronJob's failure.
          series("kube_job_status_failed", run("29000000"), gauge(1, len)),
          series("kube_job_status_start_time", run("29000000"), gauge(-(recent + 3600), len)),
          series("kube_job_status_failed", { namespace: m.namespace, job_name: "other-backup-29100000" }, gauge(1, len)),
          series("kube_job_status_start_time", { namespace: m.namespace, job_name: "other-backup-29100000" }, gauge(540, len)),
        ],
        { ...run("29100000"), cronjob: job.name },
        10,
      );
      const late = job.staleAfterSeconds!;
      const cron = { namespace: m.namespace, cronjob: job.name };
      standard(
        `${P}LogicalBackupStale`, { forSeconds: backup.forSeconds }, "backup_stale",
        [series("kube_cronjob_status_last_successful_time", cron, gauge(-(late + 3600), len))],
        [series("kube_cronjob_status_last_successful_time", cron, gauge(lastEval - late + 60, len))],
        cron,
        0,
      );
    }
  }

  const connector = alertOf("connector_errors");
  if (connector) {
    const above = num(connector, "above");
    const perMinute = above * 60;
    standard(
      `${P}ConnectorErrors`, connector, "connector_errors",
      [series(names.connectorErrors, { ...app, pod: "a" }, counter(perMinute * 2 + 60, len))],
      [series(names.connectorErrors, { ...app, pod: "a" }, counter(Math.max(0, perMinute - 1), len))],
      app,
    );
  }

  const goroutines = alertOf("goroutine_leak");
  if (goroutines) {
    const above = num(goroutines, "above");
    const pod = { ...app, pod: `${m.name}-5d8f9c7b4-x2k9q` };
    standard(`${P}GoroutineLeak`, goroutines, "goroutine_leak", [series(names.goroutines, pod, gauge(above * 2, len))], [series(names.goroutines, pod, gauge(above, len))], pod, 0);
  }

  const availability = alertOf("pod_availability");
  if (availability) {
    const min = m.disruption.minHealthyPods;
    const metric = "kube_pod_status_ready";
    const pod = (i: number, name = m.name) => ({ namespace: m.namespace, pod: `${name}-5d8f9c7b4-${String(i).padStart(5, "p")}` });
    const ready = (count: number, notReady: number) => [
      ...Array.from({ length: count }, (_, i) => series(metric, { ...pod(i), condition: "true" }, gauge(1, len))),
      ...Array.from({ length: notReady }, (_, i) => series(metric, { ...pod(count + i), condition: "true" }, gauge(0, len))),
    ];
    // Another service's ready pods in the namespace never count.
    const others = Array.from({ length: min + 1 }, (_, i) => series(metric, { ...pod(i, `${m.name}x`), condition: "true" }, gauge(1, len)));
    standard(`${P}PodsUnavailable`, availability, "pod_availability", [...ready(min - 1, 1), ...others], ready(min, 0), {}, 0);
    const fires = minutes(availability.forSeconds ?? DEFAULT_FOR_SECONDS.pod_availability!) + 5;
    cases.push({ name: `${P}PodsUnavailable fires with no pod at all`, alert: `${P}PodsUnavailable`, series: others, evals: [{ at: fires, alerts: [expected(`${P}PodsUnavailable`, {})] }] });
  }

  cases.push(...sloCases(m, expected));
  return cases;
}
