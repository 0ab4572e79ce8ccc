import { applicationEnv } from "../../model/app-env.js";
import { injectedSecretEnv } from "../../model/conventions.js";
import type { ManifestRule } from "../rule.js";

/** Every environment variable has exactly one source: `env`, `secrets`, or a setting berth passes on. */
export const envConflicts: ManifestRule = {
  id: "env-conflicts",
  scope: "environment",
  check({ spec, report }) {
    const plain = new Set(Object.keys(spec.env ?? {}));
    const fromSecrets = new Set(Object.keys(spec.secrets ?? {}));
    for (const name of fromSecrets) {
      if (plain.has(name)) report("ENV_CONFLICT", ["secrets", name], `${name} is set in both env and secrets`, { target: "key" });
    }
    const derived = new Map<string, string>();
    for (const { env, from } of injectedSecretEnv(spec)) derived.set(env, from);
    for (const { name, from } of applicationEnv(spec)) {
      const other = derived.get(name);
      if (other && other !== from) report("ENV_CONFLICT", [from.split(".")[0]!], `${name} would be set by both ${other} and ${from}`, { target: "key", hint: "Rename one of them." });
      derived.set(name, from);
    }
    for (const [name, from] of derived) {
      if (plain.has(name)) report("ENV_CONFLICT", ["env", name], `${name} is already set from ${from}`, { target: "key", hint: `Remove it from \`env\` and set ${from} instead.` });
      if (fromSecrets.has(name)) report("ENV_CONFLICT", ["secrets", name], `${name} is already injected from ${from}`, { target: "key", hint: `Remove it from \`secrets\`: ${from} provides it.` });
    }
  },
};
