import type { Model } from "../model/model.js";
import type { YamlValue } from "../output/yaml.js";


/**
 * Argo Rollouts strategies. Blue-green: the preview service gets the new version, promotion is
 * manual or after `observe`, and the old version stays `standby` long for an instant switch back.
 * Canary (no traffic router): `canary_percent` of the pods run the new version — Argo rounds
 * replicas × percent / 100 up — then the rollout pauses until promoted (or for `observe`).
 * With auto_revert, an error-rate analysis runs and a failure aborts the rollout.
 */
export function rolloutStrategy(m: Model): Record<string, YamlValue> {
  const names = m.names;
  const analysis = hasAnalysis(m) ? { templates: [{ templateName: names.analysisTemplate }] } : undefined;
  const auto = m.deploy.promotion === "auto";
  if (m.deploy.strategy === "blue-green") {
    return {
      blueGreen: {
        activeService: names.service,
        previewService: names.previewService,
        autoPromotionEnabled: auto,
        ...(auto ? { autoPromotionSeconds: Math.ceil(m.deploy.observeSeconds) } : {}),
        scaleDownDelaySeconds: Math.ceil(m.deploy.standbySeconds),
        ...(analysis ? { prePromotionAnalysis: analysis } : {}),
      },
    };
  }
  return {
    canary: {
      maxSurge: m.deploy.maxSurge,
      maxUnavailable: 0,
      steps: [{ setWeight: m.deploy.canaryPercent }, { pause: auto ? { duration: `${Math.ceil(m.deploy.observeSeconds)}s` } : {} }],
      ...(analysis ? { analysis: { ...analysis, startingStep: 1 } } : {}),
    },
  };
}

/** An error-rate analysis needs auto_revert, a progressive strategy, and scraped request metrics. */
export function hasAnalysis(m: Model): boolean {
  return m.deploy.strategy !== "rolling" && m.deploy.autoRevert && m.monitoring.metrics !== undefined;
}
