import { DEFAULTS } from "./defaults.js";
import type { Model } from "./model.js";
import type { ResolvedSpec } from "./spec.js";
import { parseDuration, parseRatio } from "./units.js";

type RolloutPart = Pick<Model, "deploy" | "autoscaling" | "autoscalingWhenEnabled" | "disruption">;

/** Without declared autoscaling, an operator who turns it on at install time scales up to this many times the fixed count. */
const INSTALL_TIME_MAX_REPLICAS_FACTOR = 2;
/** The most `autoscaling.max_replicas` may be (the manifest schema's maximum, which values.schema.json shares). */
const MAX_REPLICAS = 1000;

/**
 * How new versions roll out, how the replica count moves, and how much disruption is tolerated.
 * `migrationSeconds` is the deadline of the migration Job a release runs first (0 without one).
 */
export function normalizeRollout(spec: ResolvedSpec, migrationSeconds: number): RolloutPart {
  const deploy = { ...DEFAULTS.deploy, ...spec.deploy };
  const replicas = spec.replicas ?? DEFAULTS.settings.replicas;
  const scaling = spec.autoscaling;
  const autoscaling =
    scaling && scaling.enabled !== false
      ? {
          minReplicas: scaling.min_replicas ?? replicas,
          maxReplicas: scaling.max_replicas,
          ...(scaling.cpu_target !== undefined || scaling.memory_target === undefined
            ? { cpuTarget: parseRatio(scaling.cpu_target ?? DEFAULTS.autoscaling.cpu_target) }
            : {}),
          ...(scaling.memory_target !== undefined ? { memoryTarget: parseRatio(scaling.memory_target) } : {}),
          scaleDownDelaySeconds: parseDuration(scaling.scale_down_delay ?? DEFAULTS.autoscaling.scale_down_delay),
        }
      : undefined;
  // The canary's share is of the pods that exist when it starts: the autoscaler's floor when it owns scaling.
  const baseReplicas = autoscaling?.minReplicas ?? replicas;
  const disruption = spec.disruption ?? {};
  const update = spec.database?.engine === "sqlite" ? "Recreate" : "RollingUpdate";
  return {
    deploy: {
      strategy: deploy.strategy,
      update,
      maxUnavailable: deploy.max_unavailable,
      maxSurge: deploy.max_surge,
      healthTimeoutSeconds: parseDuration(deploy.health_timeout),
      releaseTimeoutSeconds: parseDuration(deploy.health_timeout) + migrationSeconds,
      autoRevert: deploy.auto_revert,
      canaryPercent: deploy.canary_percent,
      canaryReplicas: Math.ceil((baseReplicas * deploy.canary_percent) / 100),
      peakPods: peakPods(deploy.strategy, update, autoscaling?.maxReplicas ?? replicas, deploy.max_surge),
      standbySeconds: parseDuration(deploy.standby),
      promotion: deploy.promotion,
      observeSeconds: parseDuration(deploy.observe),
    },
    ...(autoscaling ? { autoscaling } : {}),
    autoscalingWhenEnabled: autoscaling ?? {
      minReplicas: replicas,
      // A SQLite file has one writer (sqlite-single-writer): switching the knob on must not add a second pod.
      maxReplicas: spec.database?.engine === "sqlite" ? replicas : Math.min(replicas * INSTALL_TIME_MAX_REPLICAS_FACTOR, MAX_REPLICAS),
      cpuTarget: parseRatio(DEFAULTS.autoscaling.cpu_target),
      scaleDownDelaySeconds: parseDuration(DEFAULTS.autoscaling.scale_down_delay),
    },
    disruption:
      disruption.min_available !== undefined
        ? { minAvailable: disruption.min_available, minHealthyPods: minHealthy(baseReplicas, { minAvailable: disruption.min_available }), evictablePods: evictable(baseReplicas, { minAvailable: disruption.min_available }) }
        : {
            maxUnavailable: disruption.max_unavailable ?? 1,
            minHealthyPods: minHealthy(baseReplicas, { maxUnavailable: disruption.max_unavailable ?? 1 }),
            evictablePods: evictable(baseReplicas, { maxUnavailable: disruption.max_unavailable ?? 1 }),
          },
  };
}

/**
 * The most pods that run at once at full scale (`pods`), during a deploy: blue-green starts a full
 * preview set beside the active one; rolling and canary add up to `max_surge` (a percentage rounded
 * up, as Kubernetes and Argo Rollouts round it); a rolling Deployment that Recreates adds none.
 */
function peakPods(strategy: string, update: Model["deploy"]["update"], pods: number, maxSurge: number | string): number {
  if (strategy === "blue-green") return 2 * pods;
  if (strategy === "rolling" && update === "Recreate") return pods;
  return pods + (typeof maxSurge === "number" ? maxSurge : Math.ceil((pods * parseFloat(maxSurge)) / 100));
}

/**
 * The ready pods a PodDisruptionBudget keeps of `pods`: Kubernetes rounds a percentage up, for
 * min_available and max_unavailable alike. At least 1: no ready pod is an outage whatever the budget says.
 */
export function minHealthy(pods: number, budget: { minAvailable: number | string } | { maxUnavailable: number | string }): number {
  return Math.max(1, Math.min(pods, budgetHealthy(pods, budget)));
}

/** The pods a PodDisruptionBudget lets voluntary disruptions take of `pods` (0: a drain is blocked), percentages rounded up as Kubernetes does. */
export function evictable(pods: number, budget: { minAvailable: number | string } | { maxUnavailable: number | string }): number {
  return Math.max(0, Math.min(pods, pods - budgetHealthy(pods, budget)));
}

/** The ready pods the budget asks for, before any bound. */
function budgetHealthy(pods: number, budget: { minAvailable: number | string } | { maxUnavailable: number | string }): number {
  const scaled = (v: number | string) => (typeof v === "number" ? v : Math.ceil((pods * parseFloat(v)) / 100));
  return "minAvailable" in budget ? scaled(budget.minAvailable) : pods - scaled(budget.maxUnavailable);
}
