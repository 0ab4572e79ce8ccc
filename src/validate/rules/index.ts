import type { ManifestRule } from "../rule.js";
import { alertPrerequisites } from "./alert-prerequisites.js";
import { backupDrills } from "./backup-drills.js";
import { backupEncryptionKey } from "./backup-encryption-key.js";
import { backupRetention } from "./backup-retention.js";
import { backupSchedule } from "./backup-schedule.js";
import { backupStorage } from "./backup-storage.js";
import { cronExpressions } from "./cron-expressions.js";
import { databaseCompleteness } from "./database.js";
import { envConflicts } from "./env-conflicts.js";
import { environmentDeclarations } from "./environments.js";
import { exposeTarget } from "./expose.js";
import { gracePeriod } from "./grace-period.js";
import { literalCredentials } from "./literal-credentials.js";
import { oneOfFields } from "./one-of-fields.js";
import { portReferences } from "./port-references.js";
import { probeHandlers } from "./probe-handlers.js";
import { strategyFields } from "./strategy-fields.js";
import { uniqueNames } from "./unique-names.js";
import { valueOrder } from "./value-order.js";

/** Every semantic rule, in the order they run. Adding a rule = one file + one line here. */
export const MANIFEST_RULES: readonly ManifestRule[] = [
  environmentDeclarations,
  literalCredentials,
  uniqueNames,
  envConflicts,
  portReferences,
  probeHandlers,
  exposeTarget,
  oneOfFields,
  databaseCompleteness,
  valueOrder,
  gracePeriod,
  cronExpressions,
  strategyFields,
  alertPrerequisites,
  backupSchedule,
  backupRetention,
  backupStorage,
  backupEncryptionKey,
  backupDrills,
];
