import { toDotted } from "../../diagnostics/diagnostic.js";
import { holdsCredential, isCredentialName, isHarmless } from "../../diagnostics/secrets.js";
import { propertiesOf, resolveRef, schemaAt } from "../../schema/manifest-schema.js";
import { validationRule } from "../validation-rule.js";
import { walkValues } from "./walk-values.js";

/**
 * Credentials belong in Secrets. Anything written in the manifest may reach a committed file (a
 * ConfigMap, an annotation, a label, values.yaml, the checklist), so every string and number of
 * the manifest, in every environment, and every key, goes through the same detectors
 * (src/diagnostics/secrets.ts): a credential-shaped value or a credential assigned inside a text
 * (`password = …` in a config file) anywhere, and any non-placeholder value under a name that
 * announces a credential (`DB_PASSWORD: 12345678`). The schema's own fields that name a
 * credential's place (`secret`, `jwt_secret`, `credentials`) hold references, not values.
 * One walk, each string tested once by patterns that run in linear time.
 */
export const literalCredentials = validationRule({
  id: "literal-credentials",
  scope: "manifest",
  check({ manifest, report }) {
    const flag = (path: Array<string | number>, target?: "key") =>
      report("LITERAL_CREDENTIAL", path, { subject: toDotted(path) }, { redact: true, ...(target ? { target } : {}) });
    walkValues(manifest, ({ value, key, path }) => {
      if (typeof key === "string" && holdsCredential(key)) return flag(path(), "key");
      if (isCredentialEnvVar(value)) return flag([...path(), "value"]);
      if (typeof value !== "string" && typeof value !== "number") return;
      const text = typeof value === "string" ? value : String(value);
      if (holdsCredential(text)) flag(path());
      else if (typeof key === "string" && isCredentialName(key) && !isHarmless(text) && isFreeValue(path())) flag(path());
    });
  },
});

/**
 * True when the value at `path` is the user's to choose under a name they chose: an entry of a map
 * such as `env` or `annotations`. A field the schema defines (`secret` names a Secret) or a value it
 * limits to a fixed set (`checklist.severity.X: off`) is not a credential because of its name.
 * Only asked for names that announce a credential, so the schema is consulted rarely.
 */
function isFreeValue(path: ReadonlyArray<string | number>): boolean {
  const parent = schemaAt(path.slice(0, -1));
  if (!parent) return true;
  const key = path[path.length - 1]!;
  if (Object.hasOwn(propertiesOf(parent), key)) return false;
  const additional = resolveRef(parent).additionalProperties;
  if (typeof additional !== "object") return true;
  const value = resolveRef(additional);
  return value.enum === undefined && value.const === undefined && value.type !== "boolean";
}

/**
 * A Kubernetes EnvVar with a literal value under a credential's name (`{ name: DB_PASSWORD, value: … }`),
 * as a patch or an extra object writes a container's `env`: the name is a sibling of the value, not its
 * key, so the name test above never sees the pair. No field of berth's own schema has this shape.
 */
function isCredentialEnvVar(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const { name, value: v } = value as Record<string, unknown>;
  if (typeof name !== "string" || !isCredentialName(name)) return false;
  return (typeof v === "string" || typeof v === "number") && !isHarmless(String(v));
}
