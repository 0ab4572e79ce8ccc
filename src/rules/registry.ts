import type { Attestation, Rule } from "./rule.js";
import { authPreset, bruteForce, jwtSecretByReference, sharedSessions } from "./checklist/auth.js";
import { backupForState, recoveryTargets, restoreDrillCurrent } from "./checklist/backup.js";
import { migrationsOnce, noSqliteInProduction, poolFitsConnections, postgresVerifyFull, readReplica } from "./checklist/database.js";
import { autoRevert } from "./checklist/deploy.js";
import { clusterPrerequisites } from "./checklist/cluster-prerequisites.js";
import { alertsDeclared, jsonLogs, livenessProbe, metricsScraped, readinessProbe } from "./checklist/observability.js";
import { disruptionAllowed, healthCheckBudget, minReplicas, queueRetries, resourcesDeclared, sharedStateWithReplicas } from "./checklist/reliability.js";
import { egressRestricted, priorityClassSet, productionLogLevel, shutdownCoversRequests, sqliteSingleWriter } from "./checklist/runtime.js";
import { corsNoWildcard, imagePinned, publishedPortsRestricted, rateLimitEnabled, securityDefaults, tlsOnExposure } from "./checklist/security.js";
import { affinityRequirements } from "./validate/affinity.js";
import { alertPrerequisites } from "./validate/alert-prerequisites.js";
import { backupDatabasePath } from "./validate/backup-database-path.js";
import { annotationSize } from "./validate/annotation-size.js";
import { appSettings } from "./validate/app-settings.js";
import { backupDrills } from "./validate/backup-drills.js";
import { backupEncryptionKey } from "./validate/backup-encryption-key.js";
import { backupRetention } from "./validate/backup-retention.js";
import { backupSchedule } from "./validate/backup-schedule.js";
import { backupStorage } from "./validate/backup-storage.js";
import { containers } from "./validate/containers.js";
import { cronExpressions } from "./validate/cron-expressions.js";
import { databaseCompleteness } from "./validate/database.js";
import { dependencyEgress } from "./validate/dependency-egress.js";
import { envConflicts } from "./validate/env-conflicts.js";
import { escapeHatches } from "./validate/escape-hatches.js";
import { escapeHatchExposure } from "./validate/escape-hatch-exposure.js";
import { environmentDeclarations } from "./validate/environments.js";
import { severityTiers } from "./validate/severity-tiers.js";
import { exactNumbers } from "./validate/exact-numbers.js";
import { exposeTarget } from "./validate/expose.js";
import { gracePeriod } from "./validate/grace-period.js";
import { literalCredentials } from "./validate/literal-credentials.js";
import { oneOfFields } from "./validate/one-of-fields.js";
import { portReferences } from "./validate/port-references.js";
import { probeHandlers } from "./validate/probe-handlers.js";
import { reservedLabels } from "./validate/reserved-labels.js";
import { resourceSizes } from "./validate/resource-sizes.js";
import { sloQueries } from "./validate/slo-queries.js";
import { serviceTypes } from "./validate/service-types.js";
import { strategyFields } from "./validate/strategy-fields.js";
import { uniqueNames } from "./validate/unique-names.js";
import { valueOrder } from "./validate/value-order.js";

/**
 * Every rule, in one registry. Validation rules (meaning the schema cannot express) come first;
 * checklist items follow in report order, by area. A rule that is both (grace-period: an error
 * that stops compile, and an item of the readiness checklist) stands once, at its checklist place.
 * Adding a rule = one file + one line here.
 */
export const RULES: readonly Rule[] = [
  environmentDeclarations, severityTiers, literalCredentials, exactNumbers, reservedLabels, annotationSize, uniqueNames, containers, appSettings, envConflicts, portReferences, probeHandlers, exposeTarget, serviceTypes, affinityRequirements,
  oneOfFields, databaseCompleteness, dependencyEgress, valueOrder, resourceSizes, cronExpressions, strategyFields, alertPrerequisites, sloQueries,
  backupSchedule, backupRetention, backupStorage, backupEncryptionKey, backupDrills, backupDatabasePath,
  escapeHatches, escapeHatchExposure,
  tlsOnExposure, corsNoWildcard, rateLimitEnabled, imagePinned, securityDefaults, egressRestricted, publishedPortsRestricted,
  jwtSecretByReference, authPreset, bruteForce, sharedSessions,
  metricsScraped, jsonLogs, productionLogLevel, livenessProbe, readinessProbe, alertsDeclared,
  minReplicas, resourcesDeclared, disruptionAllowed, priorityClassSet, gracePeriod, shutdownCoversRequests, healthCheckBudget, sharedStateWithReplicas, queueRetries,
  postgresVerifyFull, noSqliteInProduction, sqliteSingleWriter, poolFitsConnections, migrationsOnce, readReplica,
  backupForState, recoveryTargets, restoreDrillCurrent,
  autoRevert,
  clusterPrerequisites,
];

/** The production-readiness checklist: the rules with a checklist entry, in report order. */
export const CHECKLIST_RULES: readonly Rule[] = RULES.filter((r) => r.checklist);

/** Process items from the guides that no file can prove: shown with their declared evidence. */
export const ATTESTATIONS: readonly Attestation[] = [
  {
    id: "restore-drill",
    area: "backup",
    title: "A restore has been rehearsed",
    why: "A backup nobody has restored is a hope, not a backup.",
    evidence: (m) => (m.backup?.drills?.evidence ? { evidence: m.backup.drills.evidence, ...(m.backup.drills.last ? { date: m.backup.drills.last } : {}) } : undefined),
  },
  {
    id: "cluster-prerequisites",
    area: "deploy",
    title: "The cluster provides what the service needs but berth does not emit",
    why: "A PriorityClass (or another cluster-scoped prerequisite) the cluster lacks makes admission reject every pod on the first deploy; its settings are the platform's, so berth lists it and the team attests it is there.",
    evidence: () => undefined,
  },
  { id: "review-before-merge", area: "deploy", title: "Changes are reviewed before merge", why: "A second pair of eyes catches what tests do not.", evidence: () => undefined },
  { id: "security-review", area: "security", title: "The service had a security review", why: "Threats the checklist cannot see need a person who looks.", evidence: () => undefined },
  { id: "load-test", area: "reliability", title: "The service was load-tested at expected peak", why: "Resource limits and autoscaling are guesses until load proves them.", evidence: () => undefined },
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
