import type { DataPath } from "../../diagnostics/diagnostic.js";
import type { EnvVar } from "../../model/model.js";
import { validationRule } from "../validation-rule.js";

/**
 * Every environment variable has exactly one source: `env`, `secrets`, or a setting berth passes
 * on. The Model keeps every variable with where it came from (`from`); a name with two sources is
 * a conflict. A derived setting that `app_settings.rename` named is reported at the rename, the
 * name just chosen; otherwise at the user's own variable.
 */
export const envConflicts = validationRule({
  id: "env-conflicts",
  check({ model, report }) {
    const plain = new Set(model.env.filter((e) => e.from === "env").map((e) => e.name));
    const fromSecrets = new Set(model.secretEnv.filter((e) => e.from === "secrets").map((e) => e.name));
    for (const name of fromSecrets) {
      if (plain.has(name)) report("ENV_CONFLICT", ["secrets", name], { name, reason: "env-and-secrets" }, { target: "key" });
    }
    const renamedAt = (e: EnvVar): DataPath => ["app_settings", "rename", e.setting!];
    // Injected secrets first, then derived settings, each in the order normalization derived them.
    const derived = new Map<string, EnvVar>();
    for (const { name, from } of model.secretEnv) if (from !== "secrets") derived.set(name, { name, from, value: "" });
    for (const e of model.env) {
      if (e.from === "env") continue;
      const other = derived.get(e.name);
      if (other && other.from !== e.from) {
        const renamed = e.renamed ? e : other.renamed ? other : undefined;
        const first = renamed === other ? e : other;
        if (renamed) report("ENV_CONFLICT", renamedAt(renamed), { name: e.name, reason: "derived-twice", other: first.from, from: renamed.from, renamed: renamed.setting! });
        else report("ENV_CONFLICT", [e.from.split(".")[0]!], { name: e.name, reason: "derived-twice", other: other.from, from: e.from }, { target: "key" });
      }
      derived.set(e.name, e);
    }
    for (const [name, e] of derived) {
      const renamed = e.renamed ? { renamed: e.setting! } : {};
      if (plain.has(name)) report("ENV_CONFLICT", e.renamed ? renamedAt(e) : ["env", name], { name, reason: "env-repeats-derived", from: e.from, ...renamed }, e.renamed ? {} : { target: "key" });
      if (fromSecrets.has(name)) report("ENV_CONFLICT", e.renamed ? renamedAt(e) : ["secrets", name], { name, reason: "secret-repeats-derived", from: e.from, ...renamed }, e.renamed ? {} : { target: "key" });
    }
  },
});
