import { environmentNames, resolveEnvironment, tierFromName } from "../../model/overlay.js";
import type { Tier } from "../../model/spec.js";
import { validationRule } from "../validation-rule.js";

/**
 * `monitoring.severity_by_tier` rewrites severities in the environments of one tier only: a tier no
 * environment of the manifest has (e.g. `staging` in a manifest compiled for production only), or an
 * environment's own overlay naming another tier than its own, changes nothing anywhere.
 */
export const severityTiers = validationRule({
  id: "severity-tiers",
  scope: "manifest",
  check({ manifest, report }) {
    const tierOf = (environment: string): Tier => resolveEnvironment(manifest, environment).tier ?? tierFromName(environment);
    const names = environmentNames(manifest);
    const tiers = new Set(names.map(tierOf));
    for (const tier of Object.keys(manifest.monitoring?.severity_by_tier ?? {})) {
      if (!tiers.has(tier as Tier)) {
        report("FIELD_NOT_APPLICABLE", ["monitoring", "severity_by_tier", tier], { reason: "tier-unused", field: `monitoring.severity_by_tier.${tier}`, tiers: [...tiers].sort().join(", ") }, { severity: "warning", target: "key" });
      }
    }
    for (const environment of Object.keys(manifest.environments ?? {})) {
      const own = tierOf(environment);
      for (const tier of Object.keys(manifest.environments![environment]?.monitoring?.severity_by_tier ?? {})) {
        if (tier !== own) {
          report("FIELD_NOT_APPLICABLE", ["environments", environment, "monitoring", "severity_by_tier", tier], { reason: "tier-unused", field: `environments.${environment}.monitoring.severity_by_tier.${tier}`, tiers: own }, { severity: "warning", target: "key" });
        }
      }
    }
  },
});
