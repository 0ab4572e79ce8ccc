import type { Model } from "./model.js";
import type { ManifestSpec } from "./spec.js";
import { environmentNames, resolveEnvironment, tierFromName } from "./overlay.js";
import { normalizeWorkload } from "./normalize-workload.js";
import { normalizeRollout } from "./normalize-rollout.js";
import { normalizeEdge } from "./normalize-edge.js";
import { normalizeData } from "./normalize-data.js";
import { normalizeMonitoring } from "./normalize-monitoring.js";
import { compare, sortedRecord } from "./order.js";

/**
 * One typed Model per environment: the environment's overrides merged in, defaults applied,
 * units resolved. Input must have passed validation; normalization itself never fails.
 */
export function normalize(spec: ManifestSpec, source: string): Model[] {
  return environmentNames(spec).map((environment) => normalizeEnvironment(spec, environment, source));
}

export function normalizeEnvironment(spec: ManifestSpec, environment: string, source: string): Model {
  const resolved = resolveEnvironment(spec, environment);
  return {
    source,
    name: spec.name,
    namespace: resolved.namespace ?? spec.name,
    environment: { name: environment, tier: resolved.tier ?? tierFromName(environment) },
    ...normalizeWorkload(resolved),
    ...normalizeRollout(resolved),
    ...normalizeEdge(resolved),
    ...normalizeData(resolved),
    ...normalizeMonitoring(resolved),
    checklist: {
      // Fixed key order too: the same waiver written in YAML or HCL must serialize identically.
      waivers: (resolved.checklist?.waivers ?? [])
        .map((w) => ({ rule: w.rule, reason: w.reason, expires: w.expires, ...(w.owner ? { owner: w.owner } : {}) }))
        .sort((a, b) => compare(a.rule, b.rule) || compare(a.expires, b.expires)),
      severity: sortedRecord(resolved.checklist?.severity),
      attestations: (resolved.checklist?.attestations ?? [])
        .map((a) => ({ item: a.item, evidence: a.evidence, ...(a.date ? { date: a.date } : {}) }))
        .sort((a, b) => compare(a.item, b.item)),
    },
  };
}
