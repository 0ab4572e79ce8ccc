import { checklistRule } from "../checklist-rule.js";
import { isProduction } from "../rule.js";

export const postgresVerifyFull = checklistRule({
  id: "database-tls-verify-full",
  area: "database",
  severity: "error",
  title: "The database connection is verified TLS",
  why: "Anything short of verify-full either sends credentials in clear or trusts any server that answers.",
  fix: "Set `database.ssl_mode: verify-full` (and give the app the CA), and `sslmode=verify-full` in any connection string passed in `env`.",
  check: (m) => {
    const db = m.database && m.database.engine !== "sqlite" ? m.database : undefined;
    // Connection strings passed as plain configuration set a TLS mode of their own.
    const weakUrls = m.env.filter((e) => e.from === "env" && /[?&]sslmode=(disable|allow|prefer|require|verify-ca)\b/i.test(e.value));
    if (!db && !weakUrls.length) return undefined;
    const findings = weakUrls.map((e) => ({ path: ["env", e.name], message: `${e.name} connects with ${/sslmode=([a-z-]+)/i.exec(e.value)![0]}` }));
    if (db && db.sslMode !== "verify-full" && (isProduction(m) || db.sslMode === "disable")) findings.push({ path: ["database", "ssl_mode"], message: `ssl_mode is ${db.sslMode}` });
    return findings;
  },
});

export const noSqliteInProduction = checklistRule({
  id: "no-sqlite-in-production",
  area: "database",
  severity: "error",
  title: "Production does not run on SQLite",
  why: "SQLite is one file on one pod: no replicas can share it, and losing the volume loses the data.",
  fix: "Use Postgres (or MySQL) in production; keep SQLite for development.",
  check: (m) => (m.database ? (m.database.engine === "sqlite" && isProduction(m) ? [{ path: ["database", "engine"], message: "production uses SQLite" }] : []) : undefined),
});

export const poolFitsConnections = checklistRule({
  id: "pool-fits-connections",
  area: "database",
  severity: "error",
  title: "Connection pools fit the server's limit",
  why: "Every replica opens up to `pool.max` connections; at full scale they must stay below the server's `max_connections`, or new pods cannot connect.",
  fix: "Lower `database.pool.max`, cap the replicas, or raise the server limit (declare it in `database.max_connections`).",
  check: (m) => {
    const db = m.database;
    if (!db || db.engine === "sqlite") return undefined;
    const replicas = m.autoscaling?.maxReplicas ?? m.replicas;
    if (db.maxConnections === undefined) return isProduction(m) ? [{ path: ["database"], message: "database.max_connections is not declared, so the pool cannot be checked" }] : [];
    const total = db.pool.max * replicas;
    return total > db.maxConnections ? [{ path: ["database", "pool", "max"], message: `${db.pool.max} connections × ${replicas} replicas = ${total} > max_connections ${db.maxConnections}` }] : [];
  },
});

export const migrationsOnce = checklistRule({
  id: "migrations-run-once",
  area: "database",
  severity: "error",
  title: "Migrations run once, before the new version",
  why: "Migrating on every replica's start races replicas against each other and runs new schema under old code.",
  fix: "Set `database.migrations.mode: job` with a `command`.",
  check: (m) => (m.database ? (m.database.migrations.mode === "startup" && isProduction(m) ? [{ path: ["database", "migrations", "mode"], message: "every replica migrates on start" }] : []) : undefined),
});

export const readReplica = checklistRule({
  id: "read-replica-for-read-heavy",
  area: "database",
  severity: "warning",
  title: "Read-heavy services read from a replica",
  why: "Reads that could go to a replica load the primary that every write depends on.",
  fix: "Add `database.read_url` (a Secret reference to the replica).",
  check: (m) => (m.database?.readHeavy ? (m.database.readUrl ? [] : [{ path: ["database", "read_heavy"], message: "read_heavy without read_url" }]) : undefined),
});
