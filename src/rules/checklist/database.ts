import { checklistRule } from "../checklist-rule.js";
import type { Finding } from "../rule.js";
import { isProduction } from "../rule.js";

/** A connection string's TLS mode (`mode` is the `sslmode=…` setting as written), or the database's own `ssl_mode`. */
type TlsParams = { reason: "url"; name: string; mode: string } | { reason: "ssl-mode"; mode: string };

export const postgresVerifyFull = checklistRule<TlsParams>({
  id: "database-tls-verify-full",
  area: "database",
  severity: "error",
  title: "The database connection is verified TLS",
  why: "Anything short of verify-full either sends credentials in clear or trusts any server that answers.",
  fix: "Set `database.ssl_mode: verify-full` (and give the app the CA), and `sslmode=verify-full` in any connection string passed in `env`.",
  message: (p) => (p.reason === "url" ? `${p.name} connects with ${p.mode}` : `ssl_mode is ${p.mode}`),
  appEnforced: { variables: "`DATABASE_SSLMODE`", fields: () => ["database.ssl_mode"] },
  // A connection string in `env` carries its own TLS mode: it reaches the application whatever app_settings says.
  keepWhenUnverified: (p) => p.reason === "url",
  check: (m) => {
    const db = m.database && m.database.engine !== "sqlite" ? m.database : undefined;
    // Connection strings passed as plain configuration set a TLS mode of their own.
    const weakUrls = m.env.filter((e) => e.from === "env" && /[?&]sslmode=(disable|allow|prefer|require|verify-ca)\b/i.test(e.value));
    if (!db && !weakUrls.length) return undefined;
    const findings: Array<{ path: Finding["path"]; params: TlsParams }> = weakUrls.map((e) => ({
      path: ["env", e.name],
      params: { reason: "url", name: e.name, mode: /sslmode=([a-z-]+)/i.exec(e.value)![0] },
    }));
    if (db && db.sslMode !== "verify-full" && (isProduction(m) || db.sslMode === "disable")) findings.push({ path: ["database", "ssl_mode"], params: { reason: "ssl-mode", mode: db.sslMode } });
    return findings;
  },
});

export const noSqliteInProduction = checklistRule<{}>({
  id: "no-sqlite-in-production",
  area: "database",
  severity: "error",
  title: "Production does not run on SQLite",
  why: "SQLite is one file on one pod: no replicas can share it, and losing the volume loses the data.",
  fix: "Use Postgres (or MySQL) in production; keep SQLite for development.",
  message: () => "production uses SQLite",
  check: (m) => (m.database ? (m.database.engine === "sqlite" && isProduction(m) ? [{ path: ["database", "engine"], params: {} }] : []) : undefined),
});

export const poolFitsConnections = checklistRule<
  { reason: "undeclared" } | { reason: "exceeds"; poolMax: number; replicas: number; total: number; maxConnections: number; strategy?: string }
>({
  id: "pool-fits-connections",
  area: "database",
  severity: "error",
  title: "Connection pools fit the server's limit",
  why: "Every replica opens up to `pool.max` connections; at full scale, with the pods a deploy adds beside them (`max_surge`, or blue-green's whole preview set), they must stay below the server's `max_connections`, or new pods cannot connect.",
  fix: "Lower `database.pool.max`, cap the replicas, or raise the server limit (declare it in `database.max_connections`).",
  message: (p) =>
    p.reason === "undeclared"
      ? "database.max_connections is not declared, so the pool cannot be checked"
      : `${p.poolMax} connections × ${p.replicas} ${p.strategy ? `pods (the most a ${p.strategy} deploy runs at once)` : "replicas"} = ${p.total} > max_connections ${p.maxConnections}`,
  appEnforced: { variables: "`DATABASE_POOL_MAX`", fields: () => ["database.pool.max"] },
  // Not knowing the server's limit is missing information whatever the application is told.
  keepWhenUnverified: (p) => p.reason === "undeclared",
  advice: (p) => (p.reason === "undeclared" ? "Declare the server's limit in `database.max_connections` so berth can check that every replica's pool fits under it." : undefined),
  check: (m) => {
    const db = m.database;
    if (!db || db.engine === "sqlite") return undefined;
    // At full scale during a deploy, when the most pods run at once.
    const replicas = m.deploy.peakPods;
        // A limit nobody declared cannot be checked: that is missing information (a warning), not a failed check.
    if (db.maxConnections === undefined) return isProduction(m) ? [{ path: ["database"], params: { reason: "undeclared" }, severity: "warning" as const }] : [];
    const total = db.pool.max * replicas;
    return total > db.maxConnections
      ? [{ path: ["database", "pool", "max"], params: { reason: "exceeds", poolMax: db.pool.max, replicas, total, maxConnections: db.maxConnections, strategy: m.deploy.strategy } }]
      : [];
  },
});

export const migrationsOnce = checklistRule<{}>({
  id: "migrations-run-once",
  area: "database",
  severity: "error",
  title: "Migrations run once, before the new version",
  why: "Migrating on every replica's start races replicas against each other and runs new schema under old code.",
  fix: "Set `database.migrations.mode: job` with a `command`.",
  message: () => "every replica migrates on start",
  appEnforced: { variables: "`DATABASE_MIGRATE_ON_STARTUP`", fields: () => ["database.migrations.mode"] },
  check: (m) => (m.database ? (m.database.migrations.mode === "startup" && isProduction(m) ? [{ path: ["database", "migrations", "mode"], params: {} }] : []) : undefined),
});

export const readReplica = checklistRule<{}>({
  id: "read-replica-for-read-heavy",
  area: "database",
  severity: "warning",
  title: "Read-heavy services read from a replica",
  why: "Reads that could go to a replica load the primary that every write depends on.",
  fix: "Add `database.read_url` (a Secret reference to the replica).",
  message: () => "read_heavy without read_url",
  check: (m) => (m.database?.readHeavy ? (m.database.readUrl ? [] : [{ path: ["database", "read_heavy"], params: {} }]) : undefined),
});
