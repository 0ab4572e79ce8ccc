import { validationRule } from "../validation-rule.js";

/**
 * Every environment variable has exactly one source: `env`, `secrets`, or a setting berth passes
 * on. The Model keeps every variable with where it came from (`from`); a name with two sources is
 * a conflict.
 */
export const envConflicts = validationRule({
  id: "env-conflicts",
  check({ model, report }) {
    const plain = new Set(model.env.filter((e) => e.from === "env").map((e) => e.name));
    const fromSecrets = new Set(model.secretEnv.filter((e) => e.from === "secrets").map((e) => e.name));
    for (const name of fromSecrets) {
      if (plain.has(name)) report("ENV_CONFLICT", ["secrets", name], { name, reason: "env-and-secrets" }, { target: "key" });
    }
    // Injected secrets first, then derived settings, each in the order normalization derived them.
    const derived = new Map<string, string>();
    for (const { name, from } of model.secretEnv) if (from !== "secrets") derived.set(name, from);
    for (const { name, from } of model.env) {
      if (from === "env") continue;
      const other = derived.get(name);
      if (other && other !== from) report("ENV_CONFLICT", [from.split(".")[0]!], { name, reason: "derived-twice", other, from }, { target: "key" });
      derived.set(name, from);
    }
    for (const [name, from] of derived) {
      if (plain.has(name)) report("ENV_CONFLICT", ["env", name], { name, reason: "env-repeats-derived", from }, { target: "key" });
      if (fromSecrets.has(name)) report("ENV_CONFLICT", ["secrets", name], { name, reason: "secret-repeats-derived", from }, { target: "key" });
    }
  },
});
