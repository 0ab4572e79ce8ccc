import { validationRule } from "../validation-rule.js";

/** A database block says how to reach the database and how its schema is migrated. */
export const databaseCompleteness = validationRule({
  id: "database-completeness",
  check({ spec, report }) {
    const db = spec.database;
    if (!db) return;
    const incomplete = (path: Array<string | number>, message: string, hint: string) =>
      report("DATABASE_INCOMPLETE", path, message, { target: "key", hint });
    const unused = (key: keyof typeof db, why: string) => {
      if (db[key] !== undefined) report("FIELD_NOT_APPLICABLE", ["database", key], `database.${key} ${why}`, { target: "key" });
    };
    if (db.engine === "sqlite") {
      if (!db.path) incomplete(["database"], "a SQLite database needs `path`", "Add `path:` on a persistent volume, e.g. `/data/app.db`.");
      unused("url", "has no effect with SQLite (use `path`)");
      unused("read_url", "has no effect with SQLite");
      unused("ssl_mode", "has no effect with SQLite");
      unused("max_connections", "has no effect with SQLite");
    } else {
      if (!db.url) incomplete(["database"], `a ${db.engine} database needs \`url\` (a Secret reference)`, "Add `url: { secret: <name>, key: <key> }`.");
      unused("path", `applies to SQLite only`);
    }
    if ((db.migrations?.mode ?? "job") === "job" && db.migrations && !db.migrations.command) {
      incomplete(["database", "migrations"], "migrations run as a job but no `command` says how", "Add `command: [\"./app\", \"migrate\"]`, or set `mode: external`.");
    }
    if (db.migrations?.command && db.migrations.mode && db.migrations.mode !== "job") {
      report("FIELD_NOT_APPLICABLE", ["database", "migrations", "command"], `migrations.command is used only with mode: job (mode is ${db.migrations.mode})`, { target: "key" });
    }
    if (db.managed_by === "cloudnative-pg") {
      if (db.engine !== "postgres") report("FIELD_NOT_APPLICABLE", ["database", "managed_by"], "CloudNativePG manages PostgreSQL only");
      if (!db.cluster) incomplete(["database", "managed_by"], "managed_by: cloudnative-pg needs the Cluster's name in `cluster`", "Add `cluster: <cluster-name>`.");
    } else {
      unused("cluster", "is used only with managed_by: cloudnative-pg");
    }
  },
});
