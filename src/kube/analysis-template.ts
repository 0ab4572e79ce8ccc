import type { Model } from "../model/model.js";
import { metadata } from "./names.js";
import type { KubeObject } from "./object.js";
import { hasAnalysis } from "./rollout-strategy.js";

/** Share of 5xx responses above which an analysis fails, when no error_rate alert sets one. */
const DEFAULT_MAX_ERROR_RATE = 0.01;

/**
 * Measurements of a blue-green pre-promotion analysis: it must end for the switch to happen (Argo
 * Rollouts rejects a pre-promotion metric without a count: "runs indefinitely"), so three, a minute apart.
 */
export const PRE_PROMOTION_MEASUREMENTS = 3;

/**
 * auto_revert for blue-green and canary: Argo Rollouts queries the service's 5xx ratio every
 * minute during the rollout (a canary's in the background until it ends; a blue-green's
 * PRE_PROMOTION_MEASUREMENTS times before the switch); two failed measurements abort it and traffic
 * returns to the stable version. The ratio aggregates before dividing, so it is the share of failed requests overall.
 */
export function analysisTemplate(m: Model): KubeObject | undefined {
  if (!hasAnalysis(m)) return undefined;
  const { requests, statusLabel, errorStatuses } = m.monitoring.metricNames;
  const threshold = (m.monitoring.alerts.find((a) => a.kind === "error_rate")?.params.above as number | undefined) ?? DEFAULT_MAX_ERROR_RATE;
  const scope = `namespace="${m.namespace}", service="${m.name}"`;
  const query =
    `sum(rate(${requests}{${scope}, ${statusLabel}=~${JSON.stringify(errorStatuses)}}[2m]))\n` +
    `/\nclamp_min(sum(rate(${requests}{${scope}}[2m])), 1e-9)\n`;
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: metadata(m, "AnalysisTemplate", m.names.analysisTemplate),
    spec: {
      metrics: [
        {
          name: "error-rate",
          interval: "1m",
          ...(m.deploy.strategy === "blue-green" ? { count: PRE_PROMOTION_MEASUREMENTS } : {}),
          failureLimit: 1,
          successCondition: `len(result) == 0 || result[0] <= ${threshold}`,
          provider: { prometheus: { address: m.monitoring.prometheusAddress, query } },
        },
      ],
    },
  };
}
