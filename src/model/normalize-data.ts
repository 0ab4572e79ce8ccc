import { DEFAULTS } from "./defaults.js";
import { INJECTED_SECRET_ENV } from "./conventions.js";
import type { Model } from "./model.js";
import type { InjectedSecretSpec, ResolvedSpec } from "./spec.js";
import { byKey } from "./order.js";
import { parseDuration, parseRatio } from "./units.js";
import { toSchedule } from "./schedule.js";
import { normalizeBackup } from "./normalize-backup.js";
import { parseCpu, parseMemory } from "./units.js";
import { parseImage, resources } from "./normalize-workload.js";

type DataPart = Pick<Model, "database" | "backup" | "cache" | "scheduledJobs" | "queues" | "circuitBreakers">;

/** State and background work: the database, its backups, caches, jobs, queues and breakers. */
export function normalizeData(spec: ResolvedSpec): DataPart {
  const db = spec.database;
  const backup = normalizeBackup(spec);
  const injected = (ref: InjectedSecretSpec | undefined, env: string) => (ref ? { secret: ref.secret, key: ref.key, env: ref.env ?? env } : undefined);
  const pool = { ...DEFAULTS.database.pool, ...db?.pool };
  const migrations = { ...DEFAULTS.database.migrations, ...db?.migrations };
  const databaseUrl = db?.engine === "sqlite" ? undefined : injected(db?.url, INJECTED_SECRET_ENV.databaseUrl);
  const readUrl = db?.engine === "sqlite" ? undefined : injected(db?.read_url, INJECTED_SECRET_ENV.databaseReadUrl);
  const cacheUrl = spec.cache?.backend === "redis" ? injected(spec.cache.url, INJECTED_SECRET_ENV.cacheUrl) : undefined;
  return {
    ...(db
      ? {
          database: {
            engine: db.engine,
            ...(databaseUrl ? { url: databaseUrl } : {}),
            ...(readUrl ? { readUrl } : {}),
            ...(db.path ? { path: db.path } : {}),
            sslMode: db.engine === "sqlite" ? "disable" : (db.ssl_mode ?? DEFAULTS.database.ssl_mode),
            pool: {
              max: pool.max,
              min: pool.min,
              maxLifetimeSeconds: parseDuration(pool.max_lifetime),
              idleTimeoutSeconds: parseDuration(pool.idle_timeout),
            },
            ...(db.max_connections !== undefined ? { maxConnections: db.max_connections } : {}),
            ...(db.query_timeout ? { queryTimeoutSeconds: parseDuration(db.query_timeout) } : {}),
            readHeavy: db.read_heavy ?? DEFAULTS.database.read_heavy,
            migrations: {
              mode: migrations.mode,
              ...(migrations.mode === "job" && db.migrations?.command ? { command: db.migrations.command } : {}),
              timeoutSeconds: parseDuration(migrations.timeout),
              ...(db.migrations?.image ? { image: parseImage(db.migrations.image) } : {}),
              ...(db.migrations?.resources ? { resources: resources(db.migrations.resources) } : {}),
              backoffLimit: migrations.backoff_limit,
            },
            managedBy: db.managed_by ?? DEFAULTS.database.managed_by,
            ...(db.managed_by === "cloudnative-pg" && db.cluster ? { cluster: db.cluster } : {}),
            ...(cnpgCluster(db) ?? {}),
          },
        }
      : {}),
    ...(backup ? { backup } : {}),
    ...(spec.cache
      ? {
          cache: {
            backend: spec.cache.backend,
            ...(cacheUrl ? { url: cacheUrl } : {}),
            ...(spec.cache.ttl ? { ttlSeconds: parseDuration(spec.cache.ttl) } : {}),
          },
        }
      : {}),
    scheduledJobs: (spec.scheduled_jobs ?? [])
      .map((job) => ({
        name: job.name,
        schedule: toSchedule(job.schedule, false),
        ...(job.command ? { command: job.command } : {}),
        lock: job.lock ?? DEFAULTS.scheduledJob.lock,
        ...(job.timeout ? { timeoutSeconds: parseDuration(job.timeout) } : {}),
        ...(job.image ? { image: parseImage(job.image) } : {}),
        ...(job.resources ? { resources: resources(job.resources) } : {}),
        backoffLimit: job.backoff_limit ?? DEFAULTS.scheduledJob.backoff_limit,
        concurrencyPolicy: job.concurrency_policy ?? DEFAULTS.scheduledJob.concurrency_policy,
        history: { ...(job.history?.successful !== undefined ? { successful: job.history.successful } : {}), ...(job.history?.failed !== undefined ? { failed: job.history.failed } : {}) },
      }))
      .sort(byKey((j) => j.name)),
    queues: (spec.queues ?? [])
      .map((q) => {
        const retry = { ...DEFAULTS.queue.retry, ...q.retry };
        return {
          name: q.name,
          retry: { attempts: retry.attempts, delaySeconds: parseDuration(retry.delay), maxDelaySeconds: parseDuration(retry.max_delay), backoff: retry.backoff },
          ...(q.dead_letter ? { deadLetter: q.dead_letter } : {}),
        };
      })
      .sort(byKey((q) => q.name)),
    circuitBreakers: (spec.circuit_breakers ?? [])
      .map((b) => ({
        name: b.name,
        failureThreshold: parseRatio(b.failure_threshold ?? DEFAULTS.circuitBreaker.failure_threshold),
        resetTimeoutSeconds: parseDuration(b.reset_timeout ?? DEFAULTS.circuitBreaker.reset_timeout),
        halfOpenRequests: b.half_open_requests ?? DEFAULTS.circuitBreaker.half_open_requests,
      }))
      .sort(byKey((b) => b.name)),
  };
}

/** The Cluster and Pooler berth owns (CloudNativePG only). */
function cnpgCluster(db: NonNullable<ResolvedSpec["database"]>): Pick<NonNullable<Model["database"]>, "cnpgCluster" | "pooler"> | undefined {
  if (db.engine !== "postgres" || db.managed_by !== "cloudnative-pg" || !db.cluster) return undefined;
  const own = db.cloudnative_pg;
  const pooler = db.pooler ? { ...DEFAULTS.database.pooler, ...db.pooler } : undefined;
  const quantities = (r: { cpu?: string | number; memory?: string } | undefined) => ({
    ...(r?.cpu !== undefined ? { cpu: parseCpu(r.cpu) } : {}),
    ...(r?.memory !== undefined ? { memory: parseMemory(r.memory) } : {}),
  });
  return {
    ...(own
      ? {
          cnpgCluster: {
            instances: own.instances ?? DEFAULTS.database.cloudnative_pg.instances,
            ...(own.image ? { image: own.image } : {}),
            storage: { size: parseMemory(own.storage.size), ...(own.storage.class ? { storageClass: own.storage.class } : {}) },
            ...(own.resources ? { resources: { requests: quantities(own.resources.requests), limits: quantities(own.resources.limits) } } : {}),
            monitoring: own.monitoring ?? DEFAULTS.database.cloudnative_pg.monitoring,
          },
        }
      : {}),
    ...(pooler
      ? { pooler: { instances: pooler.instances, mode: pooler.mode, maxClientConnections: pooler.max_client_connections, defaultPoolSize: pooler.default_pool_size } }
      : {}),
  };
}
