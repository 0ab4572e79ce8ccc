import { applicationSettingNames, CONTRACT_NAMES } from "../../model/app-env.js";
import { closest } from "../../diagnostics/suggest.js";
import { validationRule } from "../validation-rule.js";

/**
 * `app_settings.rename` and `exclude` name variables by berth's name: any in the contract (README
 * "Application environment"), or one this environment's jobs, queues and circuit breakers give.
 * A name that is neither would silently do nothing, so it is an error, with the closest name.
 * (A rename onto a name another variable has is an ENV_CONFLICT, found by env-conflicts.)
 * What cannot take effect is said too: renaming an excluded variable (an error: the two contradict),
 * and naming, prefixing or excluding anything while `inject: false` (a warning: an environment may
 * turn injection off under a base that names them).
 */
export const appSettings = validationRule({
  id: "app-settings",
  check({ spec, report }) {
    const contract = spec.app_settings;
    if (contract?.inject === false) {
      for (const field of ["env_prefix", "rename", "exclude"] as const) {
        if (contract[field] !== undefined) report("FIELD_NOT_APPLICABLE", ["app_settings", field], { reason: "app-settings-off", field: `app_settings.${field}` }, { severity: "warning", target: "key" });
      }
    }
    for (const name of Object.keys(contract?.rename ?? {})) {
      if (contract?.exclude?.includes(name)) report("FIELD_NOT_APPLICABLE", ["app_settings", "rename", name], { reason: "excluded-rename", field: "app_settings.rename", variable: name }, { target: "key" });
    }
    if (!contract?.rename && !contract?.exclude) return;
    const known = new Set([...CONTRACT_NAMES, ...applicationSettingNames(spec)]);
    const unknown = (name: string) => (known.has(name) ? undefined : { name, ...withGuess(closest(name, known)) });
    for (const name of Object.keys(contract.rename ?? {})) {
      const found = unknown(name);
      if (found) report("UNKNOWN_APP_SETTING", ["app_settings", "rename", name], { ...found, field: "rename" }, { target: "key" });
    }
    (contract.exclude ?? []).forEach((name, index) => {
      const found = unknown(name);
      if (found) report("UNKNOWN_APP_SETTING", ["app_settings", "exclude", index], { ...found, field: "exclude" });
    });
  },
});

const withGuess = (guess: string | undefined) => (guess ? { guess } : {});
