import { formatDuration, parseDuration } from "./units.js";
import type { ResolvedSpec } from "./spec.js";
import { DEFAULTS } from "./defaults.js";
import { canonicalCron } from "./cron.js";
import type { AppSetting } from "./model.js";
import { byKey } from "./order.js";

/**
 * Settings the application enforces itself (CORS, rate limits, auth policy, pool sizes, …) reach
 * it the way the operations guides ask: as environment variables. Only blocks present in the
 * manifest produce variables; durations are passed in canonical form (`90s` → `1m30s`).
 * The names are part of berth's contract with applications (README: "Application environment").
 */
export interface AppEnvVar {
  name: string;
  value: string;
  from: string;
}

/** Computed once, during normalization: the Model's `env` carries it (with `from`), and rules read it there. */
export function applicationEnv(spec: ResolvedSpec): AppEnvVar[] {
  const out: AppEnvVar[] = [];
  const set = (name: string, value: string | number | boolean | undefined, from: string) => {
    if (value !== undefined) out.push({ name, value: String(value), from });
  };
  const dur = (text: string | undefined) => (text === undefined ? undefined : canonicalDuration(text));

  const logging = { ...DEFAULTS.logging, ...spec.logging };
  set("LOG_FORMAT", logging.format, "logging.format");
  set("LOG_LEVEL", logging.level, "logging.level");

  const cors = spec.http?.cors;
  if (cors) {
    const c = { ...DEFAULTS.http.cors, ...cors };
    set("CORS_ALLOWED_ORIGINS", list(c.origins), "http.cors.origins");
    set("CORS_ALLOWED_METHODS", list(c.methods), "http.cors.methods");
    if (c.headers) set("CORS_ALLOWED_HEADERS", list(c.headers), "http.cors.headers");
    set("CORS_ALLOW_CREDENTIALS", c.credentials, "http.cors.credentials");
    set("CORS_MAX_AGE", dur(c.max_age), "http.cors.max_age");
  }
  const limit = spec.http?.rate_limit;
  if (limit) {
    const l = { ...DEFAULTS.http.rate_limit, ...limit };
    set("RATE_LIMIT_ENABLED", l.enabled, "http.rate_limit.enabled");
    set("RATE_LIMIT_RPS", l.requests_per_second, "http.rate_limit.requests_per_second");
    set("RATE_LIMIT_BURST", l.burst, "http.rate_limit.burst");
    set("RATE_LIMIT_KEY", l.key, "http.rate_limit.key");
    set("RATE_LIMIT_HEADER", l.header, "http.rate_limit.header");
    if (l.exclude_paths) set("RATE_LIMIT_EXCLUDE_PATHS", list(l.exclude_paths), "http.rate_limit.exclude_paths");
  }
  const timeouts = spec.http?.timeouts ?? {};
  set("HTTP_REQUEST_TIMEOUT", dur(timeouts.request), "http.timeouts.request");
  set("HTTP_READ_TIMEOUT", dur(timeouts.read), "http.timeouts.read");
  set("HTTP_WRITE_TIMEOUT", dur(timeouts.write), "http.timeouts.write");
  set("HTTP_IDLE_TIMEOUT", dur(timeouts.idle), "http.timeouts.idle");

  set("SHUTDOWN_TIMEOUT", dur(spec.shutdown?.timeout ?? DEFAULTS.shutdown.timeout), "shutdown.timeout");
  set("HEALTH_CHECK_TIMEOUT", dur(spec.health?.check_timeout), "health.check_timeout");

  if (spec.auth) {
    const a = { ...DEFAULTS.auth, ...spec.auth };
    const bf = { ...DEFAULTS.auth.brute_force_protection, ...spec.auth.brute_force_protection };
    set("AUTH_PRESET", a.preset, "auth.preset");
    set("AUTH_MFA", a.mfa, "auth.mfa");
    set("AUTH_SESSION_STORE", a.session_store, "auth.session_store");
    set("AUTH_SESSION_TTL", dur(a.session_ttl), "auth.session_ttl");
    set("AUTH_BRUTE_FORCE_ENABLED", bf.enabled, "auth.brute_force_protection.enabled");
    if (bf.enabled) {
      set("AUTH_BRUTE_FORCE_MAX_ATTEMPTS", bf.max_attempts, "auth.brute_force_protection.max_attempts");
      set("AUTH_BRUTE_FORCE_WINDOW", dur(bf.window), "auth.brute_force_protection.window");
      set("AUTH_BRUTE_FORCE_LOCKOUT", dur(bf.lockout), "auth.brute_force_protection.lockout");
    }
  }

  const db = spec.database;
  if (db) {
    const pool = { ...DEFAULTS.database.pool, ...db.pool };
    set("DATABASE_ENGINE", db.engine, "database.engine");
    if (db.engine === "sqlite") set("DATABASE_PATH", db.path, "database.path");
    else set("DATABASE_SSLMODE", db.ssl_mode ?? DEFAULTS.database.ssl_mode, "database.ssl_mode");
    set("DATABASE_POOL_MAX", pool.max, "database.pool.max");
    set("DATABASE_POOL_MIN", pool.min, "database.pool.min");
    set("DATABASE_POOL_MAX_LIFETIME", dur(pool.max_lifetime), "database.pool.max_lifetime");
    set("DATABASE_POOL_IDLE_TIMEOUT", dur(pool.idle_timeout), "database.pool.idle_timeout");
    set("DATABASE_QUERY_TIMEOUT", dur(db.query_timeout), "database.query_timeout");
    set("DATABASE_MIGRATE_ON_STARTUP", (db.migrations?.mode ?? DEFAULTS.database.migrations.mode) === "startup", "database.migrations.mode");
  }
  if (spec.cache) {
    set("CACHE_BACKEND", spec.cache.backend, "cache.backend");
    set("CACHE_TTL", dur(spec.cache.ttl), "cache.ttl");
  }
  for (const job of spec.scheduled_jobs ?? []) {
    if (job.command) continue; // a CronJob, not the application's scheduler
    const prefix = `JOB_${envKey(job.name)}`;
    set(`${prefix}_SCHEDULE`, canonicalCron(job.schedule), `scheduled_jobs.${job.name}.schedule`);
    set(`${prefix}_LOCK`, job.lock ?? DEFAULTS.scheduledJob.lock, `scheduled_jobs.${job.name}.lock`);
    set(`${prefix}_TIMEOUT`, dur(job.timeout), `scheduled_jobs.${job.name}.timeout`);
  }
  for (const queue of spec.queues ?? []) {
    const retry = { ...DEFAULTS.queue.retry, ...queue.retry };
    const prefix = `QUEUE_${envKey(queue.name)}`;
    set(`${prefix}_RETRY_ATTEMPTS`, retry.attempts, `queues.${queue.name}.retry.attempts`);
    set(`${prefix}_RETRY_DELAY`, dur(retry.delay), `queues.${queue.name}.retry.delay`);
    set(`${prefix}_RETRY_MAX_DELAY`, dur(retry.max_delay), `queues.${queue.name}.retry.max_delay`);
    set(`${prefix}_RETRY_BACKOFF`, retry.backoff, `queues.${queue.name}.retry.backoff`);
    set(`${prefix}_DEAD_LETTER`, queue.dead_letter, `queues.${queue.name}.dead_letter`);
  }
  for (const breaker of spec.circuit_breakers ?? []) {
    const b = { ...DEFAULTS.circuitBreaker, ...breaker };
    const prefix = `CIRCUIT_${envKey(breaker.name)}`;
    set(`${prefix}_FAILURE_THRESHOLD`, b.failure_threshold, `circuit_breakers.${breaker.name}.failure_threshold`);
    set(`${prefix}_RESET_TIMEOUT`, dur(b.reset_timeout), `circuit_breakers.${breaker.name}.reset_timeout`);
    set(`${prefix}_HALF_OPEN_REQUESTS`, b.half_open_requests, `circuit_breakers.${breaker.name}.half_open_requests`);
  }
  return out;
}

/**
 * The contract applied (`app_settings`): every setting berth derives, under the name it reaches the
 * application with (`env`), or without one when it does not reach it (`withheld`: injection is off,
 * or the variable is excluded). Rules read this to tell a setting the application is told from one
 * nothing enforces.
 */
export function applicationSettings(spec: ResolvedSpec): { inject: boolean; settings: AppSetting[] } {
  const contract = spec.app_settings ?? {};
  const inject = contract.inject ?? DEFAULTS.appSettings.inject;
  const excluded = contract.exclude ?? [];
  const settings = applicationEnv(spec).map(({ name, value, from }): AppSetting => {
    const base = { setting: name, value, from };
    if (!inject) return { ...base, withheld: { by: "inject" } };
    const index = excluded.indexOf(name);
    if (index >= 0) return { ...base, withheld: { by: "exclude", index } };
    const renamed = contract.rename?.[name];
    return { ...base, env: renamed ?? `${contract.env_prefix ?? ""}${name}`, ...(renamed ? { renamed: true } : {}) };
  });
  // By name: the order blocks are written in (HCL sorts labelled blocks) never matters.
  return { inject, settings: settings.sort(byKey((s) => s.setting)) };
}

/** Every name berth may pass for this view (renames and exclusions name one of these). */
export function applicationSettingNames(spec: ResolvedSpec): string[] {
  return applicationEnv(spec).map((e) => e.name);
}

/** `90s` → `1m30s`. */
function canonicalDuration(text: string): string {
  return formatDuration(parseDuration(text));
}

/** Lists are sets here: sorted, so the written order never changes the output. */
function list(items: readonly string[]): string {
  return [...items].sort().join(",");
}

/** `orders.created` → `ORDERS_CREATED`. */
function envKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

/**
 * Every name in berth's contract: what a manifest declaring every block would be passed (the
 * per-name variables of jobs, queues and circuit breakers aside: those come from the manifest's
 * own names). `app_settings.rename`/`exclude` may name any of these, in any environment.
 */
export const CONTRACT_NAMES: readonly string[] = (() => {
  const everything = {
    http: { cors: { origins: ["x"], headers: ["x"] }, rate_limit: { requests_per_second: 1, burst: 1, key: "header", header: "X-Client", exclude_paths: ["/"] }, timeouts: { request: "1s", read: "1s", write: "1s", idle: "1s" } },
    health: { check_timeout: "1s" },
    auth: { session_ttl: "1h", brute_force_protection: { enabled: true } },
    database: { engine: "postgres", query_timeout: "1s", pool: { max_lifetime: "1s", idle_timeout: "1s" } },
    cache: { backend: "memory", ttl: "1s" },
  } as unknown as ResolvedSpec;
  const sqlite = { database: { engine: "sqlite", path: "/data/db" } } as unknown as ResolvedSpec;
  return [...new Set([...applicationEnv(everything), ...applicationEnv(sqlite)].map((e) => e.name))].sort();
})();
