import type { DataPath } from "../../diagnostics/diagnostic.js";
import { validationRule } from "../validation-rule.js";

/**
 * Every claim about the database's backups rests on something berth generates. `pitr` needs WAL
 * archiving berth configures (CloudNativePG, with a storage destination for the ObjectStore); an
 * `rpo` with a database needs a database backup path (CloudNativePG backups or the logical backup);
 * the logical backup needs an external PostgreSQL, a destination and a schedule covering `database`.
 * Keys that say how volumes are taken need volumes to be taken. All errors: a promise nothing keeps.
 */
export const backupDatabasePath = validationRule({
  id: "backup-database-path",
  area: "backup",
  check({ model, spec, report }) {
    const backup = model.backup;
    const written = spec.backup;
    if (!backup || !written) return;
    const db = spec.database;
    const engine = db && db.engine !== "sqlite" ? (db.engine === "postgres" ? "PostgreSQL" : "MySQL") : undefined;
    const cnpg = db?.engine === "postgres" && db.managed_by === "cloudnative-pg";
    const externalPostgres = db?.engine === "postgres" && (db.managed_by ?? "external") === "external" && db.url !== undefined;
    const coversDatabase = backup.schedules.some((s) => s.covers.database);
    if (written.pitr === true) {
      if (!cnpg) report("BACKUP_NO_DATABASE_PATH", ["backup", "pitr"], { reason: "pitr-not-cnpg", ...(engine ? { engine } : {}) });
      else if (!backup.objectStore && coversDatabase) report("BACKUP_NO_DATABASE_PATH", ["backup", "pitr"], { reason: "pitr-no-storage" });
    }
    if (backup.databaseMethod === "wal-archive" && !model.database?.cnpgCluster) {
      report("BACKUP_WAL_ARCHIVER_EXTERNAL", ["database", "cluster"], { cluster: model.database!.cluster!, objectStore: model.names.backup.objectStore }, { severity: "warning" });
    }
    // A cold snapshot runs on a standby when there is one; a single instance is the primary, which
    // CloudNativePG fences (shuts down) for the whole snapshot: an outage at every scheduled backup.
    if (backup.databaseMethod === "volume-snapshot" && model.database?.cnpgCluster?.instances === 1) {
      report("BACKUP_COLD_SNAPSHOT_PRIMARY", ["database", "cloudnative_pg", "instances"], { cluster: model.database.cluster! }, { severity: "warning" });
    }
    if (backup.databaseMethod === "volume-snapshot" && !model.database?.cnpgCluster) {
      report("BACKUP_SNAPSHOTS_EXTERNAL", ["database", "cluster"], { cluster: model.database!.cluster! }, { severity: "warning" });
    }
    if (written.logical) {
      if (!externalPostgres) report("FIELD_NOT_APPLICABLE", ["backup", "logical"], { reason: "logical-external-postgres", field: "backup.logical" }, { target: "key" });
      else if (!backup.storage) report("BACKUP_NO_DATABASE_PATH", ["backup", "logical"], { reason: "logical-no-storage" }, { target: "key" });
      else if (!coversDatabase) report("BACKUP_NO_DATABASE_PATH", ["backup", "logical"], { reason: "no-schedule-covers", what: "the logical backup" }, { target: "key" });
    }
    if (cnpg && !coversDatabase) report("BACKUP_NO_DATABASE_PATH", ["backup"], { reason: "no-schedule-covers", what: "the CloudNativePG backup" }, { target: "key" });
    if (written.rpo !== undefined && engine && !backup.databaseMethod && !(cnpg && !coversDatabase) && !written.logical) {
      report("BACKUP_NO_DATABASE_PATH", ["backup", "rpo"], { reason: "rpo-no-path", engine, rpo: written.rpo });
    }
    // A schedule written to cover the database when there is none berth backs up.
    if (!cnpg && !(externalPostgres && written.logical)) {
      const what = !db ? "no database is declared" : db.engine === "sqlite" ? "SQLite lives on a volume: Velero takes it" : externalPostgres ? "declare backup.logical for a pg_dump CronJob" : `berth cannot back up ${engine}`;
      const coverPaths: Array<[DataPath, readonly string[] | undefined]> = [
        [["backup", "covers"], written.covers],
        ...(written.extra_schedules ?? []).map((s, i) => [["backup", "extra_schedules", i, "covers"], s.covers] as [DataPath, readonly string[] | undefined]),
      ];
      for (const [path, covers] of coverPaths) {
        if (covers?.includes("database")) report("BACKUP_NO_DATABASE_PATH", path, { reason: "covers-nothing", what });
      }
    }
    // How volumes are taken, with no volumes taken.
    const scopes: Array<[DataPath, NonNullable<typeof written.velero> | undefined]> = [
      [["backup", "velero"], written.velero],
      ...(written.extra_schedules ?? []).map((s, i) => [["backup", "extra_schedules", i, "velero"], s.velero] as [DataPath, NonNullable<typeof written.velero> | undefined]),
    ];
    for (const [path, scope] of scopes) {
      if (!scope) continue;
      const where = path.join(".").replace(/\.(\d+)\./, "[$1].");
      if (!backup.includeVolumes) {
        for (const key of ["volumes", "volumes_by_class"] as const) {
          if (scope[key] !== undefined) report("FIELD_NOT_APPLICABLE", [...path, key], { reason: "needs-include-volumes", field: `${where}.${key}` }, { target: "key" });
        }
      }
      if (scope.whole_namespace && scope.selector) report("FIELD_NOT_APPLICABLE", [...path, "selector"], { reason: "selector-whole-namespace", field: `${where}.selector` }, { target: "key" });
    }
    if (written.storage?.database_credentials && !backup.objectStore && !backup.logical) {
      report("FIELD_NOT_APPLICABLE", ["backup", "storage", "database_credentials"], { reason: "database-credentials-unused", field: "backup.storage.database_credentials" }, { target: "key" });
    }
  },
});
