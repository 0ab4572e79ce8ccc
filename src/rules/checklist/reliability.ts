import { checklistRule } from "../checklist-rule.js";
import type { Finding } from "../rule.js";
import { entryPath, isProduction, minimumReplicas, replicasPath } from "../rule.js";
import { patchedValues } from "../../kube/escaped-containers.js";
import { ESCAPE_HATCH_ADVICE, escapedFindings, missingResources } from "./escaped.js";
import { evictable } from "../../model/normalize-rollout.js";

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export const minReplicas = checklistRule<{ replicas: number; object?: string }>({
  id: "min-replicas",
  area: "reliability",
  severity: "error",
  title: "Production runs at least 2 replicas",
  why: "One replica means every node drain, crash or deploy is an outage.",
  fix: "Set `replicas: 2` or more (or `autoscaling.min_replicas`).",
  advice: (p) => (p.object ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) => (p.object ? `production runs ${p.replicas} replica (${p.object}, set by an escape hatch)` : `production runs ${p.replicas} replica`),
  check: (m) => {
    if (!isProduction(m)) return undefined;
    // A patch on the workload's replicas (or the autoscaler's floor, when it owns scaling) is what runs; unset, Kubernetes runs 1.
    const patched = m.autoscaling
      ? patchedValues(m, ["HorizontalPodAutoscaler"], (o) => record(o.spec).minReplicas)
      : patchedValues(m, ["Deployment", "Rollout"], (o) => record(o.spec).replicas);
    return [
      ...(minimumReplicas(m) >= 2 ? [] : [{ path: replicasPath(m), params: { replicas: minimumReplicas(m) } }]),
      ...patched.flatMap((p) => {
        const replicas = typeof p.value === "number" ? p.value : 1;
        return replicas < 2 ? [{ path: p.path, params: { replicas, object: p.id } }] : [];
      }),
    ];
  },
});

export const resourcesDeclared = checklistRule<{ container?: string; missing?: string; defaults?: string }>({
  id: "resources-declared",
  area: "reliability",
  severity: "warning",
  title: "CPU and memory are sized for the service",
  why: "berth's defaults keep pods schedulable, but only the service's own numbers prevent throttling, eviction and noisy neighbours. Every container counts: a sidecar or init container is sized on its own, never from the service's size.",
  fix: "Declare `resources.requests` and `resources.limits` from measurements (for each sidecar and init container too).",
  advice: (p) => (p.missing ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) =>
    p.missing ? `the container "${p.container}" has no ${p.missing} (set by an escape hatch)`
    : p.defaults ? `${p.container ? `resources of the container "${p.container}"` : "resources"} declare no ${p.defaults} (berth's defaults apply)`
    : p.container ? `resources of the container "${p.container}" are not declared (berth's defaults apply)` : "resources are not declared (berth's defaults apply)",
  check: (m, ctx) => [
    // Undeclared, or declared in part: the bounds left out are berth's defaults, not the service's measurements.
    ...(!m.resources.declared ? [{ path: ["resources"] as Finding["path"], params: {} }]
      : m.resources.undeclared.length ? [{ path: ["resources"] as Finding["path"], params: { defaults: m.resources.undeclared.join(", ") } }] : []),
    ...[...m.initContainers, ...m.sidecars].flatMap((c) =>
      !c.resources.declared ? [{ path: [c.field, c.index, "resources"] as Finding["path"], params: { container: c.name } }]
      : c.resources.undeclared.length ? [{ path: [c.field, c.index, "resources"] as Finding["path"], params: { container: c.name, defaults: c.resources.undeclared.join(", ") } }] : [],
    ),
    // A job's own size, declared in part (undeclared, a job runs with the service's size).
    ...(m.database?.migrations.mode === "job" && m.database.migrations.resources?.undeclared.length
      ? [{ path: ["database", "migrations", "resources"] as Finding["path"], params: { container: "migration", defaults: m.database.migrations.resources.undeclared.join(", ") } }]
      : []),
    ...m.scheduledJobs
      .filter((j) => j.command && j.resources?.undeclared.length)
      .map((j) => ({ path: entryPath(ctx, "scheduled_jobs", j.name, "resources"), params: { container: j.name, defaults: j.resources!.undeclared.join(", ") } })),
    // What a patch or an extra object left: every container keeps requests and limits for CPU and memory.
    ...escapedFindings(m, (c) => c.resources, (resources, who) => {
      const missing = missingResources(resources);
      return missing.length ? { ...who, missing: missing.join(", ") } : undefined;
    }),
  ],
});

export const disruptionAllowed = checklistRule<{ object?: string }>({
  id: "disruption-budget",
  area: "reliability",
  severity: "warning",
  title: "The disruption budget lets nodes drain",
  why: "A budget that allows no disruption blocks cluster upgrades; one that allows all of it lets a drain take every pod.",
  fix: "Keep `disruption.max_unavailable: 1` (the default) or a `min_available` below the replica count.",
  advice: (p) => (p.object ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) => (p.object ? `the disruption budget allows no pod to be evicted (${p.object}, set by an escape hatch)` : "the disruption budget allows no pod to be evicted"),
  // Judged at the replicas the budget counts (the autoscaler's floor), with percentages rounded up as Kubernetes does.
  check: (m) => [
    ...(m.disruption.evictablePods === 0 ? [{ path: ["disruption"] as Finding["path"], params: {} }] : []),
    // The budget a patch left.
    ...patchedValues(m, ["PodDisruptionBudget"], (o) => {
      const spec = record(o.spec);
      return [spec.minAvailable ?? null, spec.maxUnavailable ?? null];
    }).flatMap((p) => {
      const [minAvailable, maxUnavailable] = p.value as [number | string | null, number | string | null];
      const budget = minAvailable !== null ? { minAvailable } : maxUnavailable !== null ? { maxUnavailable } : undefined;
      return budget && evictable(minimumReplicas(m), budget) === 0 ? [{ path: p.path, params: { object: p.id } }] : [];
    }),
  ],
});

export const healthCheckBudget = checklistRule<
  { reason: "undeclared" } | { reason: "too-long"; checkTimeout: number; probe: "liveness" | "readiness" | "startup"; probeTimeout: number }
>({
  id: "health-check-budget",
  area: "reliability",
  severity: "warning",
  title: "The health handler answers within the probe timeout",
  why: "A health check that takes longer than the probe waits fails the probe, and healthy pods get restarted.",
  fix: "Declare `health.check_timeout` shorter than every probe's `timeout`.",
  message: (p) =>
    p.reason === "undeclared"
      ? "health.check_timeout is not declared"
      : `check_timeout ${p.checkTimeout}s is not shorter than the ${p.probe} probe timeout ${p.probeTimeout}s`,
  appEnforced: { variables: "`HEALTH_CHECK_TIMEOUT`", fields: () => ["health.check_timeout"] },
  check: (m) => {
    const probes = (["liveness", "readiness", "startup"] as const).filter((k) => m.health[k] && m.health[k]!.kind !== "exec");
    if (!probes.length) return undefined;
    const budget = m.health.checkTimeoutSeconds;
    if (budget === undefined) return [{ path: ["health"], params: { reason: "undeclared" } }];
    return probes
      .filter((k) => budget >= m.health[k]!.timeoutSeconds)
      .map((k) => ({ path: ["health", "check_timeout"], params: { reason: "too-long", checkTimeout: budget, probe: k, probeTimeout: m.health[k]!.timeoutSeconds } }));
  },
});

type SharedStateParams = { reason: "memory-cache" } | { reason: "unlocked-job"; job: string };

export const sharedStateWithReplicas = checklistRule<SharedStateParams>({
  id: "shared-state-with-replicas",
  area: "reliability",
  severity: "warning",
  title: "Replicas share caches and job locks",
  why: "With several replicas, a per-pod cache serves stale data and an unlocked in-app job runs once per replica.",
  fix: "Use `cache.backend: redis`, and a `lock` (redis or database) for in-app scheduled jobs.",
  message: (p) => (p.reason === "memory-cache" ? "the cache is per replica" : `job ${p.job} runs in every replica without a lock`),
  appEnforced: {
    variables: "`CACHE_BACKEND` and `JOB_<NAME>_LOCK`",
    fields: (m) => ["cache.backend", ...m.scheduledJobs.filter((j) => !j.command).map((j) => `scheduled_jobs.${j.name}.lock`)],
  },
  check: (m, ctx) => {
    const most = Math.max(m.replicas, m.autoscaling?.maxReplicas ?? 0);
    if (most < 2) return undefined;
    const out: Array<{ path: Finding["path"]; params: SharedStateParams }> = [];
    if (m.cache?.backend === "memory") out.push({ path: ["cache", "backend"], params: { reason: "memory-cache" } });
    for (const job of m.scheduledJobs) {
      // At the job's `lock` (or the job, when it writes none).
      if (!job.command && job.lock === "none") out.push({ path: entryPath(ctx, "scheduled_jobs", job.name, "lock"), params: { reason: "unlocked-job", job: job.name } });
    }
    return out;
  },
});

type QueueParams = { reason: "fixed-backoff" | "no-dead-letter"; queue: string };

export const queueRetries = checklistRule<QueueParams>({
  id: "queue-retries",
  area: "reliability",
  severity: "warning",
  title: "Queues retry with backoff and dead-letter what fails",
  why: "Immediate retries hammer a failing dependency, and a message that can never succeed blocks or is lost without a dead-letter target.",
  fix: "Give each queue `retry.backoff: exponential` and a `dead_letter` target.",
  message: (p) => (p.reason === "fixed-backoff" ? `queue ${p.queue} retries without backoff` : `queue ${p.queue} has no dead_letter target`),
  appEnforced: {
    variables: "`QUEUE_<NAME>_RETRY_BACKOFF` and `QUEUE_<NAME>_DEAD_LETTER`",
    fields: (m) => m.queues.flatMap((q) => [`queues.${q.name}.retry.backoff`, `queues.${q.name}.dead_letter`]),
  },
  check: (m, ctx) =>
    m.queues.length
      ? m.queues.flatMap<{ path: Finding["path"]; params: QueueParams }>((q) => {
          // At the queue's own entry: its backoff, or the queue (which lacks dead_letter).
          return [
            ...(q.retry.backoff === "fixed" ? [{ path: entryPath(ctx, "queues", q.name, "retry", "backoff"), params: { reason: "fixed-backoff" as const, queue: q.name } }] : []),
            ...(q.deadLetter ? [] : [{ path: entryPath(ctx, "queues", q.name, "dead_letter"), params: { reason: "no-dead-letter" as const, queue: q.name } }]),
          ];
        })
      : undefined,
});
