import type { Attestation, ChecklistRule } from "./rule.js";
import { authPreset, bruteForce, jwtSecretByReference, sharedSessions } from "./rules/auth.js";
import { backupForState, recoveryTargets } from "./rules/backup.js";
import { migrationsOnce, noSqliteInProduction, poolFitsConnections, postgresVerifyFull, readReplica } from "./rules/database.js";
import { autoRevert } from "./rules/deploy.js";
import { alertsDeclared, jsonLogs, livenessProbe, metricsScraped, readinessProbe } from "./rules/observability.js";
import { disruptionAllowed, gracePeriod, healthCheckBudget, minReplicas, queueRetries, resourcesDeclared, sharedStateWithReplicas } from "./rules/reliability.js";
import { corsNoWildcard, imagePinned, rateLimitEnabled, securityDefaults, tlsOnExposure } from "./rules/security.js";

/** Every checklist rule, in report order (by area). Adding a rule = one object + one line here. */
export const CHECKLIST_RULES: readonly ChecklistRule[] = [
  tlsOnExposure, corsNoWildcard, rateLimitEnabled, imagePinned, securityDefaults,
  jwtSecretByReference, authPreset, bruteForce, sharedSessions,
  metricsScraped, jsonLogs, livenessProbe, readinessProbe, alertsDeclared,
  minReplicas, resourcesDeclared, disruptionAllowed, gracePeriod, healthCheckBudget, sharedStateWithReplicas, queueRetries,
  postgresVerifyFull, noSqliteInProduction, poolFitsConnections, migrationsOnce, readReplica,
  backupForState, recoveryTargets,
  autoRevert,
];

/** Process items from the guides that no file can prove: shown with their declared evidence. */
export const ATTESTATIONS: readonly Attestation[] = [
  {
    id: "restore-drill",
    area: "backup",
    title: "A restore has been rehearsed",
    why: "A backup nobody has restored is a hope, not a backup.",
    evidence: (m) => (m.backup?.drills?.evidence ? { evidence: m.backup.drills.evidence, ...(m.backup.drills.last ? { date: m.backup.drills.last } : {}) } : undefined),
  },
  { id: "review-before-merge", area: "deploy", title: "Changes are reviewed before merge", why: "A second pair of eyes catches what tests do not.", evidence: () => undefined },
  { id: "security-review", area: "security", title: "The service had a security review", why: "Threats the checklist cannot see need a person who looks.", evidence: () => undefined },
  { id: "load-test", area: "reliability", title: "The service was load-tested at expected peak", why: "Resource limits and autoscaling are guesses until load proves them.", evidence: () => undefined },
];

export function findRule(id: string): ChecklistRule | undefined {
  return CHECKLIST_RULES.find((r) => r.id === id);
}
