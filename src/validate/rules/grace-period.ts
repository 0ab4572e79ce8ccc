import { parseDuration } from "../../model/units.js";
import type { ManifestRule } from "../rule.js";
import { DEFAULTS } from "../../model/defaults.js";

/** An explicit termination grace period must outlast the drain delay plus the app's own shutdown. */
export const gracePeriod: ManifestRule = {
  id: "grace-period",
  scope: "environment",
  check({ spec, report }) {
    const shutdown = spec.shutdown;
    if (!shutdown?.grace_period) return;
    const needed = parseDuration(shutdown.timeout ?? DEFAULTS.shutdown.timeout) + parseDuration(shutdown.drain ?? DEFAULTS.shutdown.drain);
    const grace = parseDuration(shutdown.grace_period);
    if (grace <= needed) {
      report("GRACE_PERIOD_TOO_SHORT", ["shutdown", "grace_period"], `grace period ${shutdown.grace_period} does not exceed shutdown timeout + drain (${needed}s); Kubernetes would kill pods mid-shutdown`);
    }
  },
};
