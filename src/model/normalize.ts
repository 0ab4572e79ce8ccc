import type { Model } from "./model.js";
import type { ManifestSpec, ResolvedSpec } from "./spec.js";
import { environmentNames, resolveEnvironment, tierFromName } from "./overlay.js";
import { normalizeWorkload } from "./normalize-workload.js";
import { normalizeServices } from "./normalize-services.js";
import { normalizeRollout } from "./normalize-rollout.js";
import { normalizeEdge } from "./normalize-edge.js";
import { normalizeData } from "./normalize-data.js";
import { normalizeMonitoring, type NormalizeOptions } from "./normalize-monitoring.js";

export type { NormalizeOptions } from "./normalize-monitoring.js";
import { compare, sortedRecord } from "./order.js";
import { podNames } from "./pod-names.js";
import { objectNames } from "./names.js";
import { recoveryPlan } from "./recovery-plan.js";
import { prerequisites } from "./prerequisites.js";
import { dependencies } from "./reachability.js";
import { normalizeEscapeHatches } from "./normalize-escape-hatches.js";

/**
 * One typed Model per environment: the environment's overrides merged in, defaults applied,
 * units resolved. Input must have passed validation; normalization itself never fails.
 */
export function normalize(spec: ManifestSpec, source: string, options: NormalizeOptions = {}): Model[] {
  return environmentNames(spec).map((environment) => normalizeEnvironment(spec, environment, source, options));
}

export function normalizeEnvironment(spec: ManifestSpec, environment: string, source: string, options: NormalizeOptions = {}): Model {
  return normalizeResolved(spec.name, resolveEnvironment(spec, environment), environment, source, options);
}

/** One environment's Model from its resolved view of the manifest (the base with the overlay merged in). */
export function normalizeResolved(name: string, written: ResolvedSpec, environment: string, source: string, options: NormalizeOptions = {}): Model {
  const resolved: ResolvedSpec = options.strategy ? { ...written, deploy: { ...written.deploy, strategy: options.strategy } } : written;
  const namespace = resolved.namespace ?? name;
  const workload = normalizeWorkload(resolved);
  const data = normalizeData(resolved);
  const names = objectNames(name, namespace, {
    volumes: workload.volumes.map((v) => v.name),
    cronJobs: data.scheduledJobs.filter((j) => j.command).map((j) => j.name),
    extraSchedules: data.backup?.extraSchedules.map((s) => s.name) ?? [],
    ...(data.database?.cluster ? { cluster: data.database.cluster } : {}),
    pod: podNames({
      writablePaths: workload.security.writablePaths,
      secrets: [...new Set(workload.configFiles.filter((f) => f.secret).map((f) => f.secret!.secret))].sort(),
      volumes: workload.volumes.map((v) => v.name),
      configFilePaths: workload.configFiles.filter((f) => f.content !== undefined).map((f) => f.path),
    }),
  });
  const environmentFacts = { name: environment, tier: resolved.tier ?? tierFromName(environment) };
  const recovery = recoveryPlan({ name, namespace, environment: environmentFacts, backup: data.backup, database: data.database, volumes: workload.volumes, names });
  const edge = normalizeEdge(resolved);
  const rollout = normalizeRollout(resolved, migrationJobSeconds(data.database));
  const serviceExposure = normalizeServices(resolved, workload.podPorts, names);
  const network = { ...edge.network, dependencies: dependencies(resolved, { ...data, network: { ...edge.network, dependencies: [] } }) };
  const model: Omit<Model, "prerequisites"> = {
    source,
    name,
    namespace,
    environment: environmentFacts,
    names,
    ...workload,
    ...rollout,
    serviceExposure,
    ...edge,
    network,
    ...data,
    ...(recovery ? { recovery } : {}),
    escapeHatches: normalizeEscapeHatches(resolved),
    ...normalizeMonitoring(resolved, { name, namespace, environment, tier: environmentFacts.tier, team: resolved.team }, options),
    checklist: {
      // Fixed key order too: the same waiver written in YAML or HCL must serialize identically.
      waivers: (resolved.checklist?.waivers ?? [])
        .map((w) => ({ rule: w.rule, reason: w.reason, expires: w.expires, ...(w.owner ? { owner: w.owner } : {}) }))
        .sort((a, b) => compare(a.rule, b.rule) || compare(a.expires, b.expires)),
      // The repository's overrides (berth.config.yaml) under the manifest's own: lint, compile and the report judge alike.
      severity: sortedRecord({ ...options.checklistSeverity, ...resolved.checklist?.severity }),
      attestations: (resolved.checklist?.attestations ?? [])
        .map((a) => ({ item: a.item, evidence: a.evidence, ...(a.date ? { date: a.date } : {}) }))
        .sort((a, b) => compare(a.item, b.item)),
    },
  };
  return { ...model, prerequisites: prerequisites(model) };
}

/** The deadline of the migration Job a release runs before its pods (0 when migrations are not a job). */
function migrationJobSeconds(database: Model["database"]): number {
  const migrations = database?.migrations;
  return migrations?.mode === "job" && migrations.command ? migrations.timeoutSeconds : 0;
}
