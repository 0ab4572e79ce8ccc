import { entry, type Entry } from "./entry.js";

/** The value's shape, as the JSON Schema judges it. `where` is the path as users write it (`ports[0].name`). */
export const SHAPE = {
  UNKNOWN_KEY: entry(
    (p: { key: string; where?: string; guess?: string; taken?: boolean; elsewhere?: string; under?: string; dedented?: boolean; allowed?: string; more?: number; mergeKey?: boolean }) =>
      `unknown key "${p.key}"${p.where ? ` in ${p.where}` : ""}${p.mergeKey ? " (YAML merge keys are not supported)" : p.guess && p.taken ? ` (a second "${p.guess}"?)` : p.guess ? ` (did you mean "${p.guess}"?)` : p.elsewhere ? ` (did you mean ${p.under ? p.elsewhere : `the top-level ${p.elsewhere}`}?)` : ""}`,
    "Remove the key or fix its spelling; `berth schema` lists every key.",
    (p) =>
      p.mergeKey
        ? "berth reads YAML 1.2, which has no merge keys (`<<: *base`): write the keys out here (an alias such as `*base` may still stand for a whole value), or put what environments share at the top level and only their differences under `environments`."
      : p.guess && p.taken ? `"${p.guess}" is already set here: keep one of the two and remove the other.`
      : p.guess ? `Rename it to "${p.guess}".`
      : p.elsewhere && p.dedented ? `\`${p.key}\` belongs in the \`${p.under}\` block above it (${p.elsewhere}): move it into that block, indented like the block's other keys.`
      : p.elsewhere && !p.under ? `\`${p.key}\` is a key of the manifest's top level, set once for every environment: move it there.`
      : p.elsewhere ? `\`${p.key}\` is a key of \`${p.under}\`: move it there (${p.elsewhere}).`
      : p.allowed ? `Allowed keys here: ${p.allowed}${p.more ? `, and ${p.more} more (\`berth schema\` lists them all)` : ""}.`
      : undefined,
  ),
  MISSING_KEY: entry(
    (p: { key: string; where?: string; description?: string }) => (p.where ? `${p.where} is missing required key "${p.key}"` : `the manifest is missing required key "${p.key}"`),
    "Add the required key.",
    (p) => (p.description ? `Add \`${p.key}\`: ${p.description}` : undefined),
  ),
  WRONG_TYPE: entry(
    (p: { where: string; expected: string; found: string; unquote?: string; quote?: string; spelled?: string }) => `${p.where} must be ${article(p.expected)}, not ${p.found}`,
    "Change the value to the expected type.",
    (p) =>
      p.spelled !== undefined ? `Write \`${p.unquote}\`: \`${p.spelled}\` is text to berth, not a boolean.`
      : p.unquote !== undefined ? `Write it without quotes: \`${p.unquote}\`.`
      : p.quote !== undefined ? `Quote it to make it text: \`${p.quote}\`.`
      : undefined,
  ),
  INVALID_VALUE: entry(
    (p: { where: string; got: string; allowed?: string; expected?: string; guess?: string }) =>
      p.expected !== undefined ? `${p.where} must be ${p.expected} (got ${p.got})` : `${p.where} must be one of ${p.allowed} (got ${p.got})`,
    "Use one of the allowed values.",
    (p) => (p.guess ? `Did you mean "${p.guess}"?` : undefined),
  ),
  OUT_OF_RANGE: entry(
    (p: { where: string; comparison?: string; limit?: number; got?: string; written?: string; wholeSeconds?: "at-least-1" | "any" }) =>
      p.wholeSeconds
        ? `${p.where} is ${p.written}; Kubernetes probe timings are whole seconds${p.wholeSeconds === "at-least-1" ? ", at least 1s" : ""}`
        : `${p.where} must be ${p.comparison} ${p.limit} (got ${p.got})`,
    "Use a value inside the allowed range.",
  ),
  TOO_FEW_ITEMS: entry((p: { where: string; limit: number }) => `${p.where} needs at least ${p.limit} item(s)`, "Add at least one item, or remove the key."),
  INVALID_FORMAT: entry(
    (p: FormatParams & { detail?: string }) => (p.detail !== undefined ? `${p.where} ${p.detail}` : formatMessage(p.key !== undefined ? "key" : "value", p)),
    "Match the expected format.",
    // The field's own description says what it takes (a JSON pointer starts with `/`, a kind is written `ConfigMap`).
    (p) => (p.minLength !== undefined ? `Write at least ${p.minLength} character${p.minLength === 1 ? "" : "s"}.` : p.description ? `Expected: ${p.description}` : undefined),
  ),
  INVALID_API_VERSION: entry((p: { where: string; expected: string; got: string }) => `${p.where} must be ${p.expected} (got ${p.got})`, "Set `apiVersion: berth/v1`."),
  INVALID_KIND: entry((p: { where: string; expected: string; got: string }) => `${p.where} must be ${p.expected} (got ${p.got})`, "Set `kind: Service`."),
  KUBERNETES_OBJECT: entry(
    (p: { apiVersion: string; kind?: string }) => `this is a Kubernetes object (${p.apiVersion}${p.kind ? ` ${p.kind}` : ""}), not a berth manifest`,
    "berth writes the Kubernetes objects from a service manifest (`apiVersion: berth/v1`, `kind: Service`): start one with `berth init`. An object berth does not generate goes in the manifest's `extra_objects`.",
  ),
  INVALID_NAME: format("name", "Use a DNS-1123 label: lowercase letters, digits and `-`, starting with a letter, at most 63 characters, no `/` or `.`."),
  INVALID_LABEL: format("Kubernetes label", "Kubernetes label values are at most 63 characters of letters, digits, `-`, `_` and `.`."),
  INVALID_ENV_NAME: format("environment variable name", "Environment variable names are letters, digits and `_`, not starting with a digit, at most 253 characters."),
  INVALID_IMAGE: format("image reference", "Write an image reference such as `ghcr.io/acme/app:1.4.2` or `…@sha256:<digest>`."),
  INVALID_DURATION: entry(
    (p: UnitParams) => (p.unitless ? `${p.where}: ${p.value} has no unit; a duration needs one` : formatMessage("duration", p)),
    "Write a duration with units, largest first: `500ms`, `30s`, `5m`, `1h30m`, `30d` (at most 3 digits of weeks, 4 of days, 5 of hours, 6 of minutes, 7 of seconds).",
    (p) =>
      p.suggestion
        ? `${p.unitless ? "Add the unit" : "Write it with berth's units"}: \`${p.suggestion}\` (units: \`ms\`, \`s\`, \`m\`, \`h\`, \`d\`, \`w\`, largest first, e.g. \`1h30m\`).`
        : undefined,
  ),
  INVALID_RATIO: format("percentage", "Write a percentage such as `1%` or `99.9%`."),
  INVALID_QUANTITY: entry(
    (p: UnitParams) =>
      p.unitless && p.measure === "bytes" ? `${p.where}: ${p.value} has no unit; Kubernetes would read it as ${String(p.value).replace(/"/g, "")} bytes` : formatMessage("quantity", p),
    "Write a Kubernetes quantity: CPU as `250m` or `1`, memory as `512Mi` or `2Gi`.",
    (p) =>
      p.suggestion && p.measure === "bytes"
        ? `${p.unitless ? "Add the unit" : "Write it with a Kubernetes unit"}: \`${p.suggestion}\` (binary \`Ki\`, \`Mi\`, \`Gi\`, \`Ti\`, or decimal \`k\`, \`M\`, \`G\`, \`T\`).`
        : undefined,
  ),
  INVALID_DATE: format("date", "Write a date as `YYYY-MM-DD`, a day its month has (no February 30; February 29 only in a leap year)."),
  INVALID_URL: format("URL", "Write an absolute `https://` URL."),
  INVALID_HOSTNAME: format("host name", "Write a fully qualified lowercase host name such as `api.example.com`."),
  INVALID_PATH: format("absolute path", "Write an absolute path starting with `/`."),
  INVALID_CIDR: format("CIDR range", "Write an IP range in CIDR notation, e.g. `10.0.0.0/8`."),
} as const;

/** A value (or a map's key) that does not match its format: `value` and `key` are JSON-quoted as written. */
type FormatParams = { where: string; value?: string; key?: string; maxLength?: number; minLength?: number; description?: string };

/**
 * A duration or quantity: `unitless` when it is a bare number (`30`, `"512"`), `suggestion` the
 * value most likely meant (`30s`, `512Mi`), `measure` what a quantity counts.
 */
type UnitParams = FormatParams & { value?: string; unitless?: boolean; suggestion?: string; measure?: "bytes" | "cpu" };

function format(noun: string, hint: string): Entry<FormatParams> {
  return entry((p: FormatParams) => formatMessage(noun, p), hint);
}

function formatMessage(noun: string, p: FormatParams): string {
  const tooLong = p.maxLength !== undefined ? ` (longer than ${p.maxLength} characters)` : p.minLength === 1 ? " (it is empty)" : p.minLength !== undefined ? ` (shorter than ${p.minLength} characters)` : "";
  if (p.key !== undefined) return `key ${p.key} in ${p.where} is not a valid ${noun}${tooLong}`;
  return `${p.where}: ${p.value} is not a valid ${noun}${tooLong}`;
}

/** JSON Schema type names (`integer,string`) as a phrase (`an integer or a string`). */
function article(types: string): string {
  return types
    .split(",")
    .map((t) => (t === "integer" ? "an integer" : t === "object" ? "a mapping" : t === "array" ? "a list" : `a ${t}`))
    .join(" or ");
}
