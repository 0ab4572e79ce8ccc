import { validationRule } from "../validation-rule.js";

/** Variable names that announce a credential: the credential word ends the name (`DB_PASSWORD`, not `PASSWORD_MIN_LENGTH`). */
const CREDENTIAL_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|SECRET_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH_KEY|DSN)(_?[0-9]+)?$/i;
/** Values that are credentials whatever they are called (one regex: this runs on every value). */
const CREDENTIAL_VALUE = new RegExp(
  [
    String.raw`[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@`, // URL with user:password
    String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----`,
    String.raw`\bAKIA[0-9A-Z]{16}\b`, // AWS access key id
    String.raw`\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}`,
    String.raw`\bsk_(?:live|test)_[A-Za-z0-9]{16,}`,
    String.raw`\bxox[abpr]-[A-Za-z0-9-]{10,}`,
  ].join("|"),
  "i",
);

/** Values that only point at where a credential lives, or are plainly not one. */
const HARMLESS = /^(|true|false|none|null|disabled|[0-9]+(ms|[smhdw])?|\/[^\s]*|file:.*)$/i;

/**
 * Credentials belong in Secrets. A literal one in `env`, a mounted config file or an
 * annotation would be written into a ConfigMap and committed to Git.
 */
export const literalCredentials = validationRule({
  id: "literal-credentials",
  check({ spec, report }) {
    const flag = (path: Array<string | number>, subject: string) => report("LITERAL_CREDENTIAL", path, { subject }, { redact: true });
    const env = (vars: Record<string, string | number | boolean> | undefined, at: Array<string | number>, where: string) => {
      for (const [name, raw] of Object.entries(vars ?? {})) {
        const value = String(raw);
        if (CREDENTIAL_VALUE.test(value) || (CREDENTIAL_NAME.test(name) && typeof raw === "string" && !HARMLESS.test(value.trim()))) flag([...at, name], `${where}.${name}`);
      }
    };
    env(spec.env, ["env"], "env");
    for (const field of ["sidecars", "init_containers"] as const) {
      (spec[field] ?? []).forEach((c, i) => env(c.env, [field, i, "env"], `${field}[${c.name}].env`));
    }
    (spec.config_files ?? []).forEach((file, i) => {
      if (file.content && CREDENTIAL_VALUE.test(file.content)) flag(["config_files", i, "content"], `config file ${file.path}`);
    });
    for (const [key, value] of Object.entries(spec.annotations ?? {})) {
      if (CREDENTIAL_VALUE.test(value)) flag(["annotations", key], `annotation ${key}`);
    }
  },
});
