import { describe, expect, it } from "vitest";
import { BASE_YAML, load, positionOf } from "../../helpers.js";

/** Storage and drills, so a case triggers only the rule it studies (the base manifest is production). */
const COMPLETE = "  storage: { provider: aws, bucket: acme-backups, region: eu-west-1 }\n  drills: { cadence: 90d }\n";
/** CloudNativePG with the Cluster berth owns (so WAL archiving is berth's to configure). */
const DB = "database: { engine: postgres, url: { secret: orders-db, key: uri }, managed_by: cloudnative-pg, cluster: orders-pg, cloudnative_pg: { storage: { size: 10Gi } }, migrations: { mode: external } }\n";
/** An external PostgreSQL: backed up by berth only with backup.logical (pg_dump CronJobs). */
const EXTERNAL_PG = "database: { engine: postgres, url: { secret: ledger-db, key: url }, migrations: { mode: external } }\nnetwork: { egress: [{ cidr: 10.40.0.0/24, ports: [5432] }] }\n";

interface Case {
  name: string;
  text: string;
  code: string;
  severity: "error" | "warning";
  /** The text the caret lands on, searched after `after`. */
  at: string;
  after?: string;
  /** Other codes the case cannot avoid (a missing storage is also a storage warning). */
  also?: string[];
}

const backup = (lines: string, extra = "") => `${BASE_YAML}${extra}backup:\n${lines}${COMPLETE}`;

const FAILING: Case[] = [
  {
    name: "weekday backups leave a weekend gap longer than the RPO",
    text: backup('  schedule: "0 2 * * 1-5"\n  rpo: 48h\n'),
    code: "BACKUP_GAP_EXCEEDS_RPO", severity: "error", at: '"0 2 * * 1-5"',
  },
  {
    name: "the 1st and 15th: 14 days apart mid-month, but 17 from the 15th of a 31-day month to the 1st",
    text: backup('  schedule: "0 0 1,15 * *"\n  rpo: 15d\n'),
    code: "BACKUP_GAP_EXCEEDS_RPO", severity: "error", at: '"0 0 1,15 * *"',
  },
  {
    name: "the default daily schedule and a 12h RPO without PITR",
    text: backup("  rpo: 12h\n"),
    code: "BACKUP_RPO_NEEDS_PITR", severity: "error", at: "12h", after: "rpo:",
  },
  {
    name: "a 5m RPO with daily backups and no PITR",
    text: backup('  schedule: "0 2 * * *"\n  rpo: 5m\n', DB),
    code: "BACKUP_RPO_NEEDS_PITR", severity: "error", at: "5m", after: "rpo:",
  },
  {
    name: "PITR covers the database, but volume data still waits for the daily backup",
    text: backup('  schedule: "0 2 * * *"\n  rpo: 1h\n  pitr: true\n  include_volumes: true\n', `${DB}volumes: [{ name: uploads, mount: /uploads, size: 5Gi }]\n`),
    code: "BACKUP_GAP_EXCEEDS_RPO", severity: "warning", at: '"0 2 * * *"',
  },
  {
    name: "PITR on CloudNativePG archives WAL every 5 minutes: a 1m RPO needs a shorter archive_timeout",
    text: backup('  rpo: 1m\n  pitr: true\n', DB),
    code: "BACKUP_GAP_EXCEEDS_RPO", severity: "warning", at: "1m", after: "rpo:",
  },
  {
    name: "a schedule that never runs (February 30)",
    text: backup('  schedule: "0 0 30 2 *"\n'),
    code: "BACKUP_SCHEDULE_NEVER_RUNS", severity: "error", at: '"0 0 30 2 *"',
  },
  {
    name: "retention shorter than the weekly schedule's interval",
    text: backup('  schedule: weekly\n  retention: 3d\n'),
    code: "BACKUP_RETENTION_TOO_SHORT", severity: "error", at: "3d", after: "retention:",
  },
  {
    name: "retention equal to the interval (the old backup expires as the new one starts)",
    text: backup("  schedule: hourly\n  retention: 1h\n"),
    code: "BACKUP_RETENTION_TOO_SHORT", severity: "error", at: "1h", after: "retention:",
  },
  {
    name: "an extra schedule whose retention is shorter than its interval",
    text: backup('  extra_schedules:\n    - { name: hourly, schedule: "0 */6 * * *", retention: 4h }\n'),
    code: "BACKUP_RETENTION_TOO_SHORT", severity: "error", at: "4h }",
  },
  {
    name: "the default retention (30d) with a monthly schedule (31-day gaps)",
    text: backup("  schedule: monthly\n"),
    code: "BACKUP_RETENTION_TOO_SHORT", severity: "error", at: "backup:",
  },
  {
    name: "backups without storage",
    text: `${BASE_YAML}backup:\n  schedule: daily\n  drills: { cadence: 90d }\n`,
    code: "BACKUP_STORAGE_MISSING", severity: "warning", at: "backup:",
  },
  {
    name: "the encryption key in the database's Secret",
    text: backup("  encryption_key: { secret: orders-db, key: backup-key }\n", DB),
    code: "BACKUP_KEY_WITH_DATA", severity: "error", at: "orders-db, key: backup-key",
  },
  {
    name: "the encryption key in the read replica's Secret",
    text: backup(
      "  encryption_key: { secret: orders-ro, key: k }\n",
      "database: { engine: postgres, url: { secret: orders-db, key: uri }, read_url: { secret: orders-ro, key: uri }, migrations: { mode: external } }\n",
    ),
    code: "BACKUP_KEY_WITH_DATA", severity: "error", at: "orders-ro, key: k",
  },
  // The logical backup of an external PostgreSQL: the same cron max-gap check, on the schedules covering the database.
  {
    name: "logical backup: weekday dumps leave a 3-day weekend gap, longer than a 24h RPO",
    text: backup('  schedule: "0 2 * * 1-5"\n  rpo: 24h\n  logical: {}\n', EXTERNAL_PG),
    code: "BACKUP_GAP_EXCEEDS_RPO", severity: "error", at: '"0 2 * * 1-5"',
  },
  {
    name: "logical backup: a Velero-only extra schedule does not shorten the database's gap",
    text: backup('  schedule: "0 2 * * *"\n  rpo: 6h\n  logical: {}\n  extra_schedules:\n    - { name: support, schedule: "0 */4 * * *", retention: 7d, covers: [velero] }\n', EXTERNAL_PG),
    code: "BACKUP_RPO_NEEDS_PITR", severity: "error", at: "6h", after: "rpo:",
  },
  {
    name: "logical backup: dumps every 6h do not meet a 1h RPO (no point-in-time recovery for pg_dump)",
    text: backup('  schedule: "0 */6 * * *"\n  rpo: 1h\n  logical: {}\n', EXTERNAL_PG),
    code: "BACKUP_RPO_NEEDS_PITR", severity: "error", at: "1h", after: "rpo:",
  },
  {
    name: "an external PostgreSQL with an RPO but no database backup path",
    text: backup("  rpo: 24h\n", EXTERNAL_PG),
    code: "BACKUP_NO_DATABASE_PATH", severity: "error", at: "24h", after: "rpo:",
  },
  {
    name: "PITR claimed for an external PostgreSQL",
    text: backup("  pitr: true\n", EXTERNAL_PG),
    code: "BACKUP_NO_DATABASE_PATH", severity: "error", at: "true", after: "pitr:",
  },
  {
    name: "PITR on CloudNativePG without storage for the ObjectStore",
    text: `${BASE_YAML}${DB}backup:\n  pitr: true\n  drills: { cadence: 90d }\n`,
    code: "BACKUP_NO_DATABASE_PATH", severity: "error", at: "true", after: "pitr:", also: ["BACKUP_STORAGE_MISSING"],
  },
  {
    name: "a logical backup without storage to upload to",
    text: `${BASE_YAML}${EXTERNAL_PG}backup:\n  logical: {}\n  drills: { cadence: 90d }\n`,
    code: "BACKUP_NO_DATABASE_PATH", severity: "error", at: "logical", after: "backup:", also: ["BACKUP_STORAGE_MISSING"],
  },
  {
    name: "a logical backup no schedule runs",
    text: backup("  covers: [velero]\n  logical: {}\n", EXTERNAL_PG),
    code: "BACKUP_NO_DATABASE_PATH", severity: "error", at: "logical", after: "backup:",
  },
  {
    name: "a schedule covering a database berth does not back up",
    text: backup('  extra_schedules:\n    - { name: db, schedule: "0 */6 * * *", retention: 7d, covers: [database] }\n', EXTERNAL_PG),
    code: "BACKUP_NO_DATABASE_PATH", severity: "error", at: "[database]", after: "extra_schedules",
  },
  {
    name: "PITR on a Cluster berth does not own: WAL archiving depends on a patch",
    text: backup("  pitr: true\n", DB.replace("cloudnative_pg: { storage: { size: 10Gi } }, ", "")),
    code: "BACKUP_WAL_ARCHIVER_EXTERNAL", severity: "warning", at: "orders-pg", after: "cluster:",
  },
  {
    name: "cold snapshots (no PITR) of a Cluster berth does not own: CloudNativePG needs its volumeSnapshot section",
    text: backup("", DB.replace("cloudnative_pg: { storage: { size: 10Gi } }, ", "")),
    code: "BACKUP_SNAPSHOTS_EXTERNAL", severity: "warning", at: "orders-pg", after: "cluster:",
  },
  {
    name: "cold snapshots of a one-instance Cluster berth owns: the primary is fenced at every backup",
    text: backup("", DB.replace("cloudnative_pg: { storage: { size: 10Gi } }", "cloudnative_pg: { instances: 1, storage: { size: 10Gi } }")),
    code: "BACKUP_COLD_SNAPSHOT_PRIMARY", severity: "warning", at: "1", after: "instances:",
  },
  {
    name: "Azure storage without the account's blob endpoint: Velero's Azure plugin cannot open the location",
    text: `${BASE_YAML}backup:\n  storage: { provider: azure, bucket: acme-backups }\n  drills: { cadence: 90d }\n`,
    code: "BACKUP_STORAGE_ACCOUNT_MISSING", severity: "warning", at: "storage:",
  },
  {
    name: "Azure storage behind an endpoint that names no account",
    text: `${BASE_YAML}backup:\n  storage: { provider: azure, bucket: acme-backups, endpoint: https://backups.example.com }\n  drills: { cadence: 90d }\n`,
    code: "BACKUP_STORAGE_ACCOUNT_MISSING", severity: "warning", at: "https://backups.example.com",
  },
  {
    name: "production backups without a restore drill",
    text: `${BASE_YAML}backup:\n  storage: { provider: aws, bucket: acme-backups }\n`,
    code: "BACKUP_NO_DRILL", severity: "warning", at: "backup:",
  },
];

describe("backup rules: failing cases (code, severity, line:col)", () => {
  for (const c of FAILING) {
    it(c.name, async () => {
      const result = await load(c.text);
      const found = result.diagnostics.filter((d) => d.code.startsWith("BACKUP_") && !c.also?.includes(d.code));
      expect(found.map((d) => `${d.code}@${d.line}:${d.col}/${d.severity}`)).toEqual([`${c.code}@${positionOf(c.text, c.at, c.after ?? "backup:")}/${c.severity}`]);
      expect(found[0]!.hint.length).toBeGreaterThan(10);
      if (c.severity === "error") expect(result.models).toEqual([]);
      else expect(result.models).toHaveLength(1);
    });
  }

  it("names the longest gap and where it starts", async () => {
    const result = await load(backup('  schedule: "0 2 * * 1-5"\n  rpo: 48h\n'));
    expect(result.diagnostics[0]!.message).toContain("3d (from Fri 02:00 UTC)");
  });

  it("locates a problem in the environment overlay that introduced it", async () => {
    const text = `${backup("  rpo: 24h\n")}environments:\n  staging: {}\n  production:\n    backup: { schedule: "0 2 * * 1-5" }\n`;
    const result = await load(text);
    expect(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`)).toEqual([`BACKUP_GAP_EXCEEDS_RPO@${positionOf(text, '"0 2 * * 1-5"')}`]);
  });
});

describe("backup.encryption_key encrypts something", () => {
  // Only the logical backup's rclone upload reads the key; Velero and the barman-cloud ObjectStore take none.
  for (const [name, text] of [
    ["CloudNativePG with WAL archiving", backup("  pitr: true\n  encryption_key: { secret: orders-backup-key, key: key }\n", DB)],
    ["CloudNativePG snapshots", backup("  encryption_key: { secret: orders-backup-key, key: key }\n", DB)],
    ["Velero only", backup("  encryption_key: { secret: orders-backup-key, key: key }\n")],
  ] as const) {
    it(`warns that nothing uses it: ${name}`, async () => {
      const result = await load(text);
      const found = result.diagnostics.filter((d) => d.code === "FIELD_NOT_APPLICABLE");
      expect(found.map((d) => `${d.line}:${d.col}/${d.severity}`)).toEqual([`${positionOf(text, "encryption_key", "backup:")}/warning`]);
      expect(found[0]!.message).toContain("backup.encryption_key is used by the logical backup");
      expect(result.models).toHaveLength(1);
    });
  }
});

const PASSING: Array<{ name: string; text: string }> = [
  { name: "daily backups and a 24h RPO (the gap equals the RPO)", text: backup('  schedule: "30 1 * * *"\n  rpo: 24h\n') },
  { name: "weekday backups plus a weekend extra schedule meet a 25h RPO", text: backup('  schedule: "0 2 * * 1-5"\n  rpo: 25h\n  extra_schedules:\n    - { name: weekend, schedule: "0 3 * * 0,6", retention: 14d }\n') },
  { name: "one instance with PITR: online base backups, no fencing", text: backup("  pitr: true\n", DB.replace("cloudnative_pg: { storage: { size: 10Gi } }", "cloudnative_pg: { instances: 1, storage: { size: 10Gi } }")) },
  { name: "a 5m RPO with PITR on a CloudNativePG database", text: backup('  schedule: "0 2 * * *"\n  rpo: 5m\n  pitr: true\n  rto: 1h\n', DB) },
  { name: "every 15 minutes meets a 15m RPO without PITR", text: backup('  schedule: "*/15 * * * *"\n  rpo: 15m\n  retention: 2d\n') },
  { name: "PITR and include_volumes, but no persistent volume to lose", text: backup('  rpo: 1h\n  pitr: true\n  include_volumes: true\n', DB) },
  { name: "an encryption key in its own Secret, encrypting the logical backup", text: backup("  encryption_key: { secret: orders-backup-key, key: key }\n  logical: {}\n", EXTERNAL_PG) },
  { name: "a disabled backup is not judged", text: `${BASE_YAML}backup: { enabled: false, schedule: monthly, retention: 1d, rpo: 1m }\n` },
  { name: "logical backup: dumps every 6h meet a 6h RPO", text: backup('  schedule: "0 */6 * * *"\n  rpo: 6h\n  logical: {}\n', EXTERNAL_PG) },
  { name: "logical backup: weekday dumps plus a weekend database-only schedule meet a 25h RPO", text: backup('  schedule: "0 2 * * 1-5"\n  rpo: 25h\n  logical: {}\n  extra_schedules:\n    - { name: weekend, schedule: "0 3 * * 0,6", retention: 14d, covers: [database] }\n', EXTERNAL_PG) },
  { name: "an external PostgreSQL without an RPO is the provider's business", text: backup("  rto: 1h\n", EXTERNAL_PG) },
  { name: "no drill needed outside production", text: `${BASE_YAML}environments:\n  staging:\n    backup: { storage: { provider: gcp, bucket: acme-backups } }\n` },
];

describe("backup rules: passing cases", () => {
  for (const c of PASSING) {
    it(c.name, async () => {
      const result = await load(c.text);
      expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      expect(result.models.length).toBeGreaterThan(0);
    });
  }
});

describe("a CloudNativePG database no schedule covers", () => {
  it("is worded without a double negative", { timeout: 60_000 }, async () => {
    const loaded = await load(backup("  covers: [velero]\n", DB));
    const d = loaded.diagnostics.find((x) => x.code === "BACKUP_NO_DATABASE_PATH")!;
    expect(d.message).toBe("no backup schedule covers `database`, so the CloudNativePG backup never runs");
  });
});
