import { validationRule } from "../validation-rule.js";

/** A database block says how to reach the database and how its schema is migrated. */
export const databaseCompleteness = validationRule({
  id: "database-completeness",
  check({ spec, report }) {
    const db = spec.database;
    if (!db) return;
    const unused = (key: keyof typeof db, reason: "not-with-sqlite" | "sqlite-only" | "cnpg-only", usePath = false) => {
      if (db[key] !== undefined) report("FIELD_NOT_APPLICABLE", ["database", key], { reason, field: `database.${key}`, ...(usePath ? { usePath } : {}) }, { target: "key" });
    };
    if (db.engine === "sqlite") {
      if (!db.path) report("DATABASE_INCOMPLETE", ["database"], { reason: "sqlite-path" }, { target: "key" });
      unused("url", "not-with-sqlite", true);
      unused("read_url", "not-with-sqlite");
      unused("ssl_mode", "not-with-sqlite");
      unused("max_connections", "not-with-sqlite");
      // Its pods are replaced with Recreate (one writer, Deploy.update): a rolling update's bounds do nothing.
      for (const key of ["max_surge", "max_unavailable"] as const) {
        if (spec.deploy?.[key] !== undefined && (spec.deploy.strategy ?? "rolling") === "rolling") {
          report("FIELD_NOT_APPLICABLE", ["deploy", key], { reason: "not-with-sqlite", field: `deploy.${key}` }, { target: "key" });
        }
      }
    } else {
      if (!db.url) report("DATABASE_INCOMPLETE", ["database"], { reason: "url", engine: db.engine }, { target: "key" });
      unused("path", "sqlite-only");
    }
    if ((db.migrations?.mode ?? "job") === "job" && db.migrations && !db.migrations.command) {
      report("DATABASE_INCOMPLETE", ["database", "migrations"], { reason: "migrations-command" }, { target: "key" });
    }
    // The migration Job's settings: with mode startup or external there is no Job, and they would be dropped unseen.
    const migrations = db.migrations;
    if (migrations?.mode && migrations.mode !== "job") {
      for (const key of ["command", "image", "resources", "timeout", "backoff_limit"] as const) {
        if (migrations[key] !== undefined) report("FIELD_NOT_APPLICABLE", ["database", "migrations", key], { reason: "migrations-mode", field: `database.migrations.${key}`, mode: migrations.mode }, { target: "key" });
      }
    }
    if (db.managed_by === "cloudnative-pg") {
      if (db.engine !== "postgres") report("FIELD_NOT_APPLICABLE", ["database", "managed_by"], { reason: "cnpg-postgres-only", field: "database.managed_by" });
      if (!db.cluster) report("DATABASE_INCOMPLETE", ["database", "managed_by"], { reason: "cnpg-cluster" }, { target: "key" });
    } else {
      unused("cluster", "cnpg-only");
      unused("cloudnative_pg", "cnpg-only");
      unused("pooler", "cnpg-only");
    }
  },
});
