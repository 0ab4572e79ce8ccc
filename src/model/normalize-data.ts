import { DEFAULTS } from "./defaults.js";
import { INJECTED_SECRET_ENV } from "./conventions.js";
import type { Model } from "./model.js";
import type { InjectedSecretSpec, ResolvedSpec } from "./spec.js";
import { byKey } from "./order.js";
import { parseDuration, parseRatio } from "./units.js";
import { combinedGaps, toSchedule } from "./schedule.js";

type DataPart = Pick<Model, "database" | "backup" | "cache" | "scheduledJobs" | "queues" | "circuitBreakers">;

/** State and background work: the database, its backups, caches, jobs, queues and breakers. */
export function normalizeData(spec: ResolvedSpec): DataPart {
  const db = spec.database;
  const backup = spec.backup;
  const injected = (ref: InjectedSecretSpec | undefined, env: string) => (ref ? { secret: ref.secret, key: ref.key, env: ref.env ?? env } : undefined);
  const pool = { ...DEFAULTS.database.pool, ...db?.pool };
  const migrations = { ...DEFAULTS.database.migrations, ...db?.migrations };
  const databaseUrl = db?.engine === "sqlite" ? undefined : injected(db?.url, INJECTED_SECRET_ENV.databaseUrl);
  const readUrl = db?.engine === "sqlite" ? undefined : injected(db?.read_url, INJECTED_SECRET_ENV.databaseReadUrl);
  const cacheUrl = spec.cache?.backend === "redis" ? injected(spec.cache.url, INJECTED_SECRET_ENV.cacheUrl) : undefined;
  const schedule = backup && backup.enabled !== false ? toSchedule(backup.schedule ?? DEFAULTS.backup.schedule, true) : undefined;
  const extraSchedules = (backup?.extra_schedules ?? [])
    .map((s) => ({ name: s.name, schedule: toSchedule(s.schedule, true), retentionSeconds: parseDuration(s.retention) }))
    .sort(byKey((s) => s.name));
  const gaps = schedule ? combinedGaps([schedule, ...extraSchedules.map((s) => s.schedule)]) : undefined;
  const databaseCluster = db?.engine === "postgres" && db.managed_by === "cloudnative-pg" ? db.cluster : undefined;
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
            },
            managedBy: db.managed_by ?? DEFAULTS.database.managed_by,
            ...(db.managed_by === "cloudnative-pg" && db.cluster ? { cluster: db.cluster } : {}),
          },
        }
      : {}),
    ...(backup && schedule
      ? {
          backup: {
            schedule,
            retentionSeconds: parseDuration(backup.retention ?? DEFAULTS.backup.retention),
            includeVolumes: backup.include_volumes ?? DEFAULTS.backup.include_volumes,
            ...(backup.storage
              ? {
                  storage: {
                    provider: backup.storage.provider,
                    bucket: backup.storage.bucket,
                    prefix: backup.storage.prefix ?? spec.name!,
                    ...(backup.storage.region ? { region: backup.storage.region } : {}),
                    ...(backup.storage.endpoint ? { endpoint: backup.storage.endpoint } : {}),
                    ...(backup.storage.credentials ? { credentials: { ...backup.storage.credentials } } : {}),
                  },
                }
              : {}),
            pitr: backup.pitr ?? DEFAULTS.backup.pitr,
            ...(backup.rpo ? { rpoSeconds: parseDuration(backup.rpo) } : {}),
            ...(backup.rto ? { rtoSeconds: parseDuration(backup.rto) } : {}),
            ...(backup.encryption_key ? { encryptionKey: { ...backup.encryption_key } } : {}),
            ...(backup.drills
              ? {
                  drills: {
                    cadenceSeconds: parseDuration(backup.drills.cadence),
                    ...(backup.drills.last ? { last: backup.drills.last } : {}),
                    ...(backup.drills.evidence ? { evidence: backup.drills.evidence } : {}),
                  },
                }
              : {}),
            extraSchedules,
            ...(gaps ? { gaps } : {}),
            namespace: backup.namespace ?? DEFAULTS.backup.namespace,
            ...(databaseCluster ? { databaseCluster } : {}),
          },
        }
      : {}),
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
