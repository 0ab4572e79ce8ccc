import { targetAssets, type RecoveryAsset, type RecoveryPlan } from "../model/recovery-plan.js";
import { formatDuration } from "../model/units.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const duration = (seconds: number | undefined) => (seconds === undefined ? "—" : formatDuration(seconds));

/** The asset's RPO, judged against the target when the target applies to it (data, or config when there is no data). */
function rpoCell(asset: RecoveryAsset, target: number | undefined, judged: boolean): string {
  if (asset.rpoSeconds === undefined) return asset.method.startsWith("outside") ? "outside berth" : "not covered";
  const verdict = target === undefined || !judged ? "" : asset.rpoSeconds <= target ? " ✓" : ` ✗ (target ${formatDuration(target)})`;
  return `≤ ${formatDuration(asset.rpoSeconds)}${verdict}`;
}

function assetRow(asset: RecoveryAsset, plan: RecoveryPlan, judged: boolean): string {
  const schedules = asset.schedules.length ? asset.schedules.map((s) => (s === "continuous" ? s : `\`${s}\``)).join(" + ") : "—";
  const retention = asset.retentionSeconds ? asset.retentionSeconds.map(duration).join(" / ") : "—";
  return `| ${[asset.asset, asset.method, schedules, retention, rpoCell(asset, plan.targets.rpoSeconds, judged), asset.note].map(cell).join(" | ")} |`;
}

/** `recovery.md`: the recovery promise of one service in one environment, for the operator on call. */
export function renderRecovery(plan: RecoveryPlan): string {
  const { targets } = plan;
  const judged = new Set(targetAssets(plan.assets));
  const achieved = [
    ...(plan.achievedRpoSeconds === undefined ? [] : [`≤ ${formatDuration(plan.achievedRpoSeconds)}`]),
    ...(plan.uncovered.length ? [`not covered: ${plan.uncovered.join(", ")}`] : []),
  ].join("; ") || "—";
  const lines = [
    `# Recovery: ${plan.service} (${plan.environment})`,
    "",
    "Schedules are cron in UTC. RPO achieved is the worst case this configuration allows: the longest gap between",
    "two consecutive backups over every calendar case (weekends, month lengths, leap years), or the WAL archive",
    "timeout with point-in-time recovery. The RPO target is judged on the data (databases, volumes); the Kubernetes",
    "objects are configuration, also re-created from the manifest.",
    "",
    "| Target | Declared | Achieved by this configuration |",
    "| --- | --- | --- |",
    `| RPO | ${duration(targets.rpoSeconds)} | ${achieved} |`,
    `| RTO | ${duration(targets.rtoSeconds)} | ${rtoAchieved(plan)} |`,
    ...(plan.drills?.measuredRpoSeconds !== undefined ? [`| RPO measured | ${duration(targets.rpoSeconds)} | ${measured(plan.drills.measuredRpoSeconds, targets.rpoSeconds, plan.drills.last)} |`] : []),
    "",
    "## What is backed up",
    "",
    "| Asset | How | Schedule (UTC) | Retention | RPO achieved | Note |",
    "| --- | --- | --- | --- | --- | --- |",
    ...plan.assets.map((a) => assetRow(a, plan, judged.has(a))),
    "",
    "## Where",
    "",
    `- Storage: ${plan.storage ?? "Velero's default BackupStorageLocation (none declared)"}`,
    `- Encryption key: ${plan.encryptionKey ? `Secret ${plan.encryptionKey}` : "none declared"}`,
    `- Restore drills: ${plan.drills ? `every ${formatDuration(plan.drills.cadenceSeconds)}${plan.drills.last ? `, last ${plan.drills.last}` : ""}${plan.drills.due ? `, next due by ${plan.drills.due} (\`berth lint --as-of\` reports it overdue after that)` : ""}${plan.drills.evidence ? ` ([evidence](${plan.drills.evidence}))` : ""}` : "none declared"}`,
    "",
    ...runbook(plan),
    "",
  ];
  return lines.join("\n");
}

/** A drill's measurement against its target. */
function measured(seconds: number, target: number | undefined, date: string | undefined): string {
  const verdict = target === undefined ? "" : seconds <= target ? " ✓" : ` ✗ (target ${formatDuration(target)})`;
  return `${formatDuration(seconds)} measured in the restore drill${date ? ` on ${date}` : ""}${verdict}`;
}

function rtoAchieved(plan: RecoveryPlan): string {
  const drills = plan.drills;
  if (drills?.measuredRtoSeconds !== undefined) return measured(drills.measuredRtoSeconds, plan.targets.rtoSeconds, drills.last);
  return drills?.last ? `last tested by a restore drill on ${drills.last} (duration not recorded: \`drills.measured_rto\`)` : "unproven: no restore drill on record";
}

/** The restore, in order: the database first, then what depends on it, then the application, then proof. */
function runbook(plan: RecoveryPlan): string[] {
  const r = plan.restore;
  const db = r.database;
  const step = (n: number, text: string) => `${n}. ${text}`;
  const out = ["## Restore, in this order", ""];
  let n = 1;
  if (db?.method === "wal-archive") {
    out.push(
      step(n++, `**Database first.** Create a new Cluster (a new name: never over the damaged one) with \`bootstrap.recovery.source: origin\` and \`externalClusters: [{ name: origin, plugin: { name: barman-cloud.cloudnative-pg.io, parameters: { barmanObjectName: ${db.objectStore}, serverName: ${db.cluster} } } }]\`; for point-in-time recovery add \`recoveryTarget.targetTime\` (UTC). Wait until it is healthy, then point the database Secret at it.`),
    );
  } else if (db?.method === "volume-snapshot") {
    out.push(step(n++, `**Database first.** Create a new Cluster bootstrapped from the newest completed Backup of ${db.cluster} (\`bootstrap.recovery.backup.name\`, from \`kubectl get backups -n ${plan.namespace}\`): it holds the data as of that snapshot.`));
  } else if (db?.method === "logical") {
    out.push(
      step(n++, `**Database first.** Fetch the newest dump from \`${db.location}\` with rclone, configured like the logical-backup CronJob${db.encrypted ? " (through its `vault` crypt remote, with the encryption key)" : ""}; then \`pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" dump.pgc\` into an empty or replacement database${db.url ? ` (the URL in Secret ${db.url})` : ""}.`),
    );
  } else if (plan.assets.some((a) => a.kind === "data" && a.method.startsWith("outside"))) {
    out.push(step(n++, "**Database first**, from the provider's own backups (outside berth)."));
  }
  out.push(
    step(n++, `**Verify before the application returns.** ${r.migrations === "job" ? "The restored schema must be at or behind the version the image migrates to: the migration Job runs again on deploy. " : r.migrations ? `Migrations are \`${r.migrations}\`: check the restored schema matches the image before it serves. ` : ""}${r.encryptionKey ? `The encryption key Secret ${r.encryptionKey} must exist (restored from where it is kept apart from the backups) and decrypt them.` : "No backup encryption key is declared."}`),
  );
  out.push(
    step(n++, `**Re-apply the application.** ${r.veleroSchedules.length ? `\`velero restore create --from-schedule ${r.veleroSchedules[0]}\` (latest backup) or \`--from-backup <name>\` brings back the Kubernetes objects${plan.assets.some((a) => a.asset.startsWith("Volumes") && a.rpoSeconds !== undefined) ? " and volumes" : ""}; or let GitOps re-apply the compiled manifests.` : "Let GitOps re-apply the compiled manifests (no Velero schedule covers the objects)."} Only objects the schedule selects are in a backup: Secrets created outside berth need its labels.`),
  );
  out.push(step(n++, "**Verify.** Pods ready, the error-rate alert silent, a recent known record present, and the next scheduled backup succeeds."));
  if (db?.method === "volume-snapshot" && !db.owned) {
    out.push(
      "",
      "## Volume snapshots on a Cluster berth does not own",
      "",
      `Cluster ${db.cluster} is managed outside berth: CloudNativePG fails its cold volume-snapshot backups until it has a \`backup.volumeSnapshot\` section (here the default VolumeSnapshotClass):`,
      "",
      "```sh",
      `kubectl patch cluster ${db.cluster} -n ${plan.namespace} --type merge -p '{"spec":{"backup":{"volumeSnapshot":{"online":false}}}}'`,
      "```",
    );
  }
  if (db?.method === "wal-archive" && !db.owned) {
    out.push(
      "",
      "## WAL archiving on a Cluster berth does not own",
      "",
      `Cluster ${db.cluster} is managed outside berth: WAL archiving to ObjectStore ${db.objectStore} runs only once it lists the plugin:`,
      "",
      "```sh",
      `kubectl patch cluster ${db.cluster} -n ${plan.namespace} --type merge -p '{"spec":{"plugins":[{"name":"barman-cloud.cloudnative-pg.io","isWALArchiver":true,"parameters":{"barmanObjectName":"${db.objectStore}"}}]}}'`,
      "```",
    );
  }
  return out;
}
