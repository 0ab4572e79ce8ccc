import type { ErrorObject } from "ajv";
import type { ParamsOf } from "../diagnostics/catalogue/index.js";
import { toDotted, type DataPath, type Problem } from "../diagnostics/diagnostic.js";
import type { LocateTarget } from "../diagnostics/locate.js";
import { problemAt } from "../diagnostics/make.js";
import { closest } from "../diagnostics/suggest.js";
import { errorPath, isPropertyNameDetail, valueAt } from "./ajv-paths.js";
import { durationUnitOf, suggestDuration, suggestMemory } from "./unit-suggestions.js";
import { holdsBareCredential, holdsCredential } from "../diagnostics/secrets.js";
import { ANY_ITEM, ANY_KEY, keyLocations, manifestSchema, propertiesOf, resolveRef, schemaAt, type RootSchema, type SchemaNode } from "../schema/manifest-schema.js";

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
  // A value where a Secret reference belongs (`database.url: postgres://…`), or one that looks like a
  // credential, is described without its text, and its code frame is masked from the caret.
  const hidden = isSecretPosition(path, schema) || (typeof value === "string" && (holdsCredential(value) || holdsBareCredential(value)));
  const got = hidden ? JSON.stringify(HIDDEN) : clip(JSON.stringify(value));
  const redact = hidden ? { redact: true } : {};
  switch (error.keyword) {
    case "additionalProperties":
    case "unevaluatedProperties": {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      // `<<: *base` is a YAML 1.1 merge key; berth reads YAML 1.2, where `<<` is just a key (and no look-alike of one).
      if (key === "<<") return problemAt(file, "UNKNOWN_KEY", [...path, key], { key, ...(path.length ? { where } : {}), mergeKey: true }, { target: "key" });
      const known = Object.keys(propertiesOf(schemaAt(path, schema) ?? {}, schema)).sort();
      const guess = closest(key, known);
      // A look-alike of a key the mapping already has: "rename it" would only make a duplicate key.
      const taken = guess !== undefined && value !== null && typeof value === "object" && Object.hasOwn(value, guess);
      const home = homeOf(key, path, data, schema);
      // A key that belongs to the block just above was dedented: that beats a look-alike key here.
      const facts = home && (home.dedented || !guess) ? { elsewhere: home.path, under: home.under, ...(home.dedented ? { dedented: true } : {}) } : guess ? { guess, ...(taken ? { taken: true } : {}) } : {};
      const list = known.length > MAX_LISTED_KEYS ? { allowed: known.slice(0, MAX_LISTED_KEYS).join(", "), more: known.length - MAX_LISTED_KEYS } : known.length ? { allowed: known.join(", ") } : {};
      return problemAt(file, "UNKNOWN_KEY", [...path, key], { key, ...(path.length ? { where } : {}), ...facts, ...list }, { target: "key" });
    }
    case "required": {
      const key = String(params.missingProperty);
      const description = propertiesOf(schemaAt(path, schema) ?? {}, schema)[key]?.description;
      return problemAt(file, "MISSING_KEY", path, { key, ...(path.length ? { where } : {}), ...(description ? { description } : {}) }, { target: "key" });
    }
    case "type": {
      // A number where a duration or a memory quantity belongs lacks only its unit: say so, not "wrong type".
      const units = typeof value === "number" && !hidden ? unitFacts(schemaAt(path, schema), schema, value) : undefined;
      if (units) return problemAt(file, units.code, path, { where, value: got, ...units.facts });
      const expected = String(params.type);
      return problemAt(file, "WRONG_TYPE", path, { where, expected, found: hidden ? describeKind(value) : describe(value), ...(hidden ? {} : retyping(value, expected)) }, redact);
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof value === "string" && !hidden ? closest(value, allowed) : undefined;
      return problemAt(file, "INVALID_VALUE", path, { where, allowed: allowed.join(", "), got, ...(guess ? { guess } : {}) }, redact);
    }
    case "const": {
      const facts = { where, expected: JSON.stringify(params.allowedValue), got };
      if (where === "apiVersion") return problemAt(file, "INVALID_API_VERSION", path, facts, redact);
      if (where === "kind") return problemAt(file, "INVALID_KIND", path, facts, redact);
      return problemAt(file, "INVALID_VALUE", path, facts, redact);
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return problemAt(file, "OUT_OF_RANGE", path, { where, comparison: String(params.comparison), limit: Number(params.limit), got }, redact);
    case "minItems":
      return problemAt(file, "TOO_FEW_ITEMS", path, { where, limit: Number(params.limit) });
    case "pattern":
    case "minLength":
    case "maxLength": {
      const detail = error.keyword === "maxLength" ? { maxLength: Number(params.limit) } : error.keyword === "minLength" ? { minLength: Number(params.limit) } : {};
      const node = schemaAt(path, schema);
      return formatProblem(file, node, schema, path, { where: toDotted(path), value: got, ...detail, ...(hidden ? {} : unitFacts(node, schema, value)?.facts) }, undefined, hidden);
    }
    case "propertyNames": {
      const key = String(params.propertyName);
      const names = schemaAt(path, schema)?.propertyNames;
      const max = names ? Number(resolveRef(names, schema).maxLength ?? Infinity) : Infinity;
      const detail = key.length > max ? { maxLength: max } : {};
      return formatProblem(file, names, schema, [...path, key], { where, key: clip(JSON.stringify(key)), ...detail }, "key");
    }
    default:
      return problemAt(file, "INVALID_FORMAT", path, { where, detail: error.message ?? "is invalid" }, redact);
  }
}

/** Pattern and length errors take their code (which names the kind of value) from the schema node at the value's path. */
function formatProblem(file: string, node: SchemaNode | undefined, schema: RootSchema, path: DataPath, facts: ParamsOf<FormatCode>, target?: LocateTarget, redact = false): Problem {
  const declared = (node ? resolveRef(node, schema)["x-berth-code"] : undefined) as string | undefined;
  const code: FormatCode = declared !== undefined && (FORMAT_CODES as readonly string[]).includes(declared) ? (declared as FormatCode) : "INVALID_FORMAT";
  // A value of a format without a code of its own: the field's description is the only word on what it takes.
  const description = code === "INVALID_FORMAT" && target === undefined && typeof node?.description === "string" ? node.description : undefined;
  return problemAt(file, code, path, description ? { ...facts, description } : facts, { ...(target ? { target } : {}), ...(redact ? { redact } : {}) });
}

/** A value quoted in a message: a long one is cut (the code frame shows it in full). */
function clip(text: string | undefined): string {
  const MAX = 80;
  return text === undefined || text.length <= MAX ? String(text) : text.slice(0, MAX - 1) + "…";
}

/** What a hidden value is shown as. */
const HIDDEN = "********";

/** The schema definitions whose values are references to a Secret: anything written there in their place may be the secret itself. */
const SECRET_REFS: ReadonlySet<string> = new Set(["#/$defs/secretRef", "#/$defs/injectedSecret"]);

/** True when `path` is, or is inside, a place the schema reserves for a Secret reference. */
function isSecretPosition(path: DataPath, schema: RootSchema): boolean {
  for (let n = 1; n <= path.length; n++) {
    const node = schemaAt(path.slice(0, n), schema);
    if (node?.$ref !== undefined && SECRET_REFS.has(node.$ref)) return true;
  }
  return false;
}

/** A value's kind without its text. */
function describeKind(value: unknown): string {
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  return describe(value);
}

/** Allowed keys listed in an unknown key's hint; past this, the hint says how many more `berth schema` lists. */
const MAX_LISTED_KEYS = 12;

/**
 * Where an unknown key is valid instead, found by searching the schema: `migrations` at the top
 * level is `database.migrations`. Candidates are ranked: inside the block written just above the key
 * (it was dedented out of it), then under the key's own block, then in a block the manifest has,
 * then anywhere; shorter paths first. List items and map values are named after the manifest's last
 * one (`scheduled_jobs[1].timeout`), or generically (`scheduled_jobs[].timeout`) when there is none.
 */
function homeOf(key: string, path: DataPath, data: unknown, schema: RootSchema): { path: string; under: string; dedented: boolean } | undefined {
  const parent = valueAt(data, path);
  const siblings = parent && typeof parent === "object" ? Object.keys(parent) : [];
  const above = siblings[siblings.indexOf(key) - 1];
  const ranked = keyLocations(key, schema)
    .map((location) => {
      const { concrete, parentExists } = instantiate(location, data);
      const within = (prefix: DataPath) => prefix.every((p, i) => concrete[i] === p);
      const dedented = parentExists && above !== undefined && concrete.length > path.length + 1 && within([...path, above]);
      const rank = dedented ? 0 : within(path) && parentExists ? 1 : parentExists ? 2 : within(path) ? 3 : 4;
      return { concrete, rank, dedented };
    })
    .filter((c) => !(c.concrete.length === path.length + 1 && c.concrete.every((p, i) => i === path.length || p === path[i])))
    .sort((a, b) => a.rank - b.rank || a.concrete.length - b.concrete.length || dotted(a.concrete).localeCompare(dotted(b.concrete)));
  const best = ranked[0];
  return best ? { path: dotted(best.concrete), under: dotted(best.concrete.slice(0, -1)), dedented: best.dedented } : undefined;
}

/** A schema path laid over the data: list items and map values become the data's last one, where the data has them. */
function instantiate(location: readonly string[], data: unknown): { concrete: Array<string | number>; parentExists: boolean } {
  const concrete: Array<string | number> = [];
  let node: unknown = data;
  let exists = true;
  for (let i = 0; i < location.length; i++) {
    const segment = location[i]!;
    let step: string | number = segment;
    if (segment === ANY_ITEM && Array.isArray(node) && node.length) step = node.length - 1;
    else if (segment === ANY_KEY && node && typeof node === "object" && !Array.isArray(node) && Object.keys(node).length) step = Object.keys(node).at(-1)!;
    concrete.push(step);
    if (i < location.length - 1) {
      const next: unknown = exists && node && typeof node === "object" && step !== ANY_ITEM && step !== ANY_KEY ? (node as Record<string | number, unknown>)[step] : undefined;
      exists = next !== null && typeof next === "object";
      node = next;
    }
  }
  return { concrete, parentExists: exists && !Array.isArray(node) };
}

/** A path as users write it, with generic list items (`[]`) and map values (`<name>`). */
function dotted(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : p === ANY_ITEM ? "[]" : p === ANY_KEY ? ".<name>" : out ? `.${p}` : p;
  return out;
}

/**
 * What a duration or a quantity lacks, when the schema node is one: whether it is a bare number
 * (`30`, `"512"`: the unit is missing) and the value most likely meant. A duration's unit is the
 * one of the field's default (`retention: 30` → `30d`, `timeout: 30` → `30s`).
 */
function unitFacts(
  node: SchemaNode | undefined,
  schema: RootSchema,
  value: unknown,
): { code: "INVALID_DURATION" | "INVALID_QUANTITY"; facts: { unitless?: boolean; suggestion?: string; measure?: "bytes" | "cpu" } } | undefined {
  if (!node) return undefined;
  const code = resolveRef(node, schema)["x-berth-code"];
  const unitless = typeof value === "number" || (typeof value === "string" && /^\s*[0-9]+(\.[0-9]+)?\s*$/.test(value));
  const flag = unitless ? { unitless: true } : {};
  if (code === "INVALID_DURATION") {
    const suggestion = suggestDuration(value, durationUnitOf(node.default) ?? "s");
    return { code, facts: { ...flag, ...(suggestion ? { suggestion } : {}) } };
  }
  if (code === "INVALID_QUANTITY") {
    const measure = node.$ref === "#/$defs/memoryQuantity" ? "bytes" : node.$ref === "#/$defs/cpuQuantity" ? "cpu" : undefined;
    if (!measure) return undefined;
    const suggestion = measure === "bytes" ? suggestMemory(value) : undefined;
    return { code, facts: { ...flag, measure, ...(suggestion ? { suggestion } : {}) } };
  }
  return undefined;
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

/**
 * The one-step fix when the value is right but written as the wrong type: a quoted number or
 * boolean (`replicas: "2"`, `auto_revert: "true"`), YAML 1.1's `yes`/`no` for a boolean (a string
 * in the YAML 1.2 berth reads), or a number or boolean where text belongs (`team: 5`).
 */
function retyping(value: unknown, expected: string): { unquote?: string; quote?: string; spelled?: string } {
  if (typeof value === "string") {
    const text = value.trim();
    if ((expected === "integer" && /^-?\d+$/.test(text)) || (expected === "number" && text !== "" && Number.isFinite(Number(text)))) return { unquote: text };
    if (expected === "boolean") {
      const word = text.toLowerCase();
      if (word === "true" || word === "false") return { unquote: word };
      if (["yes", "on", "y"].includes(word)) return { unquote: "true", spelled: text };
      if (["no", "off", "n"].includes(word)) return { unquote: "false", spelled: text };
    }
  }
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) return { quote: JSON.stringify(String(value)) };
  return {};
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "number") return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}
