import type { ErrorObject } from "ajv";
import type { ParamsOf } from "../diagnostics/catalogue/index.js";
import { toDotted, type DataPath, type Problem } from "../diagnostics/diagnostic.js";
import type { LocateTarget } from "../diagnostics/locate.js";
import { problemAt } from "../diagnostics/make.js";
import { closest } from "../diagnostics/suggest.js";
import { errorPath, isPropertyNameDetail, valueAt } from "./ajv-paths.js";
import { manifestSchema, propertiesOf, resolveRef, schemaAt, type RootSchema, type SchemaNode } from "../schema/manifest-schema.js";

/**
 * Turns ajv's errors into problems at the offending key or value. ajv reports `required` and
 * unknown properties on the parent object; the missing or unknown key's name is in `params`, so
 * the path is refined. `schema` is the one the data was validated against (the manifest's unless
 * said otherwise): allowed keys, "did you mean" and format codes are looked up in it.
 */
export function schemaProblems(errors: readonly ErrorObject[], file: string, data: unknown, schema: RootSchema = manifestSchema): Problem[] {
  const out: Problem[] = [];
  for (const error of errors) {
    if (isPropertyNameDetail(error, data) || error.keyword === "$ref" || error.keyword === "if") continue;
    const problem = toProblem(error, file, data, schema);
    if (problem) out.push(problem);
  }
  return out;
}

function toProblem(error: ErrorObject, file: string, data: unknown, schema: RootSchema): Problem | undefined {
  const path = errorPath(error);
  const where = toDotted(path);
  const params = error.params as Record<string, unknown>;
  const value = valueAt(data, path);
  const got = JSON.stringify(value);
  switch (error.keyword) {
    case "additionalProperties":
    case "unevaluatedProperties": {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      const known = Object.keys(propertiesOf(schemaAt(path, schema) ?? {}, schema));
      const guess = closest(key, known);
      return problemAt(file, "UNKNOWN_KEY", [...path, key], { key, ...(path.length ? { where } : {}), ...(guess ? { guess } : {}), ...(known.length ? { allowed: known.join(", ") } : {}) }, { target: "key" });
    }
    case "required": {
      const key = String(params.missingProperty);
      const description = propertiesOf(schemaAt(path, schema) ?? {}, schema)[key]?.description;
      return problemAt(file, "MISSING_KEY", path, { key, ...(path.length ? { where } : {}), ...(description ? { description } : {}) }, { target: "key" });
    }
    case "type":
      return problemAt(file, "WRONG_TYPE", path, { where, expected: String(params.type), found: describe(value) });
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof value === "string" ? closest(value, allowed) : undefined;
      return problemAt(file, "INVALID_VALUE", path, { where, allowed: allowed.join(", "), got, ...(guess ? { guess } : {}) });
    }
    case "const": {
      const facts = { where, expected: JSON.stringify(params.allowedValue), got };
      if (where === "apiVersion") return problemAt(file, "INVALID_API_VERSION", path, facts);
      if (where === "kind") return problemAt(file, "INVALID_KIND", path, facts);
      return problemAt(file, "INVALID_VALUE", path, facts);
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return problemAt(file, "OUT_OF_RANGE", path, { where, comparison: String(params.comparison), limit: Number(params.limit), got });
    case "minItems":
      return problemAt(file, "TOO_FEW_ITEMS", path, { where, limit: Number(params.limit) });
    case "pattern":
    case "minLength":
    case "maxLength": {
      const detail = error.keyword === "maxLength" ? { maxLength: Number(params.limit) } : {};
      return formatProblem(file, schemaAt(path, schema), schema, path, { where: toDotted(path), value: got, ...detail });
    }
    case "propertyNames": {
      const key = String(params.propertyName);
      return formatProblem(file, schemaAt(path, schema)?.propertyNames, schema, [...path, key], { where, key: JSON.stringify(key) }, "key");
    }
    default:
      return problemAt(file, "INVALID_FORMAT", path, { where, detail: error.message ?? "is invalid" });
  }
}

/** Pattern and length errors take their code (which names the kind of value) from the schema node at the value's path. */
function formatProblem(file: string, node: SchemaNode | undefined, schema: RootSchema, path: DataPath, facts: ParamsOf<FormatCode>, target?: LocateTarget): Problem {
  const declared = (node ? resolveRef(node, schema)["x-berth-code"] : undefined) as string | undefined;
  const code: FormatCode = declared !== undefined && (FORMAT_CODES as readonly string[]).includes(declared) ? (declared as FormatCode) : "INVALID_FORMAT";
  return problemAt(file, code, path, facts, target ? { target } : {});
}

/** The codes a schema node may name in `x-berth-code`: each words "… is not a valid <kind of value>". */
const FORMAT_CODES = [
  "INVALID_FORMAT",
  "INVALID_NAME",
  "INVALID_LABEL",
  "INVALID_ENV_NAME",
  "INVALID_IMAGE",
  "INVALID_DURATION",
  "INVALID_RATIO",
  "INVALID_QUANTITY",
  "INVALID_DATE",
  "INVALID_URL",
  "INVALID_HOSTNAME",
  "INVALID_PATH",
  "INVALID_CIDR",
] as const;
type FormatCode = (typeof FORMAT_CODES)[number];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "number") return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}
