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
    `| RTO | ${duration(targets.rtoSeconds)} | ${plan.drills?.last ? `last tested by a restore drill on ${plan.drills.last}` : "unproven: no restore drill on record"} |`,
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
    `- Restore drills: ${plan.drills ? `every ${formatDuration(plan.drills.cadenceSeconds)}${plan.drills.last ? `, last ${plan.drills.last}` : ""}${plan.drills.evidence ? ` ([evidence](${plan.drills.evidence}))` : ""}` : "none declared"}`,
    "",
    "## Restore",
    "",
    `- Kubernetes objects${plan.assets.some((a) => a.asset.startsWith("Volumes") && a.rpoSeconds !== undefined) ? " and volumes" : ""}: \`velero restore create --from-schedule <schedule>\` (latest backup), or \`--from-backup <name>\`.`,
    "  Only objects carrying the instance label are in the backup: Secrets created outside berth need the label to be included.",
    ...(plan.assets.some((a) => a.method.includes("WAL"))
      ? ["- PostgreSQL: bootstrap a new Cluster with `recovery` from the ObjectStore; set `recoveryTarget.targetTime` for point-in-time recovery."]
      : []),
    "",
  ];
  return lines.join("\n");
}
