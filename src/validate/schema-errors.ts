import type { ErrorObject } from "ajv";
import type { Code } from "../diagnostics/codes.js";
import { toDotted, type DataPath, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/make.js";
import type { Locatable } from "../diagnostics/locate.js";
import { closest } from "../diagnostics/suggest.js";
import { errorPath, isPropertyNameDetail, valueAt } from "./ajv-paths.js";
import { manifestSchema, propertiesOf, resolveRef, schemaAt, type RootSchema } from "../schema/manifest-schema.js";

/** What each format code calls the value, for messages like `"5 min" is not a valid duration`. */
const FORMAT_NOUNS: Partial<Record<Code, string>> = {
  INVALID_NAME: "name",
  INVALID_LABEL: "Kubernetes label",
  INVALID_ENV_NAME: "environment variable name",
  INVALID_IMAGE: "image reference",
  INVALID_DURATION: "duration",
  INVALID_RATIO: "percentage",
  INVALID_QUANTITY: "quantity",
  INVALID_DATE: "date",
  INVALID_URL: "URL",
  INVALID_HOSTNAME: "host name",
  INVALID_PATH: "absolute path",
  INVALID_CIDR: "CIDR range",
};

/**
 * Turns ajv's errors into diagnostics that point at the offending key or value. ajv reports
 * `required` and unknown properties on the parent object; the missing or unknown key's name
 * is in `params`, so the path is refined before locating. `schema` is the one the data was
 * validated against (the manifest's unless said otherwise): allowed keys, "did you mean" and
 * format codes are looked up in it.
 */
export function schemaDiagnostics(errors: readonly ErrorObject[], source: Locatable, data: unknown, schema: RootSchema = manifestSchema): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const error of errors) {
    if (isPropertyNameDetail(error, data) || error.keyword === "$ref" || error.keyword === "if") continue;
    const diagnostic = toDiagnostic(error, source, data, schema);
    if (diagnostic) out.push(diagnostic);
  }
  return out;
}

function toDiagnostic(error: ErrorObject, source: Locatable, data: unknown, schema: RootSchema): Diagnostic | undefined {
  const path = errorPath(error);
  const where = toDotted(path);
  const params = error.params as Record<string, unknown>;
  const value = valueAt(data, path);
  switch (error.keyword) {
    case "additionalProperties":
    case "unevaluatedProperties": {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      const known = Object.keys(propertiesOf(schemaAt(path, schema) ?? {}, schema));
      const guess = closest(key, known);
      const message = `unknown key "${key}"${path.length ? ` in ${where}` : ""}${guess ? ` (did you mean "${guess}"?)` : ""}`;
      return diagnosticAt(source, "UNKNOWN_KEY", [...path, key], message, {
        target: "key",
        hint: guess ? `Rename it to "${guess}".` : known.length ? `Allowed keys here: ${known.join(", ")}.` : undefined,
      });
    }
    case "required": {
      const key = String(params.missingProperty);
      const message = path.length ? `${where} is missing required key "${key}"` : `the manifest is missing required key "${key}"`;
      const description = propertiesOf(schemaAt(path, schema) ?? {}, schema)[key]?.description;
      return diagnosticAt(source, "MISSING_KEY", path, message, { target: "key", hint: description ? `Add \`${key}\`: ${description}` : undefined });
    }
    case "type":
      return diagnosticAt(source, "WRONG_TYPE", path, `${where} must be ${article(String(params.type))}, not ${describe(value)}`);
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof value === "string" ? closest(value, allowed) : undefined;
      return diagnosticAt(source, "INVALID_VALUE", path, `${where} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`, {
        hint: guess ? `Did you mean "${guess}"?` : undefined,
      });
    }
    case "const": {
      const code: Code = where === "apiVersion" ? "INVALID_API_VERSION" : where === "kind" ? "INVALID_KIND" : "INVALID_VALUE";
      return diagnosticAt(source, code, path, `${where} must be ${JSON.stringify(params.allowedValue)} (got ${JSON.stringify(value)})`);
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return diagnosticAt(source, "OUT_OF_RANGE", path, `${where} must be ${params.comparison} ${params.limit} (got ${JSON.stringify(value)})`);
    case "minItems":
      return diagnosticAt(source, "TOO_FEW_ITEMS", path, `${where} needs at least ${params.limit} item(s)`);
    case "pattern":
    case "minLength":
    case "maxLength":
      return formatDiagnostic(error, source, path, value, schema);
    case "propertyNames": {
      const key = String(params.propertyName);
      const names = schemaAt(path, schema)?.propertyNames;
      const code = (names ? resolveRef(names, schema)["x-berth-code"] : undefined) as Code | undefined;
      const noun = FORMAT_NOUNS[code ?? "INVALID_FORMAT"] ?? "key";
      return diagnosticAt(source, code ?? "INVALID_FORMAT", [...path, key], `key ${JSON.stringify(key)} in ${where} is not a valid ${noun}`, { target: "key" });
    }
    default:
      return diagnosticAt(source, "INVALID_FORMAT", path, `${where} ${error.message ?? "is invalid"}`);
  }
}

/** Pattern and length errors take their code from the schema node at the value's path (e.g. a duration). */
function formatDiagnostic(error: ErrorObject, source: Locatable, path: DataPath, value: unknown, schema: RootSchema): Diagnostic {
  const node = schemaAt(path, schema);
  const code = ((node ? resolveRef(node, schema)["x-berth-code"] : undefined) as Code | undefined) ?? "INVALID_FORMAT";
  const noun = FORMAT_NOUNS[code] ?? "value";
  const detail = error.keyword === "maxLength" ? ` (longer than ${(error.params as { limit: number }).limit} characters)` : "";
  return diagnosticAt(source, code, path, `${toDotted(path)}: ${JSON.stringify(value)} is not a valid ${noun}${detail}`);
}

function article(types: string): string {
  return types
    .split(",")
    .map((t) => (t === "integer" ? "an integer" : t === "object" ? "a mapping" : t === "array" ? "a list" : `a ${t}`))
    .join(" or ");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "number") return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}
