// Turns a CRD's structural OpenAPI v3 schema (`spec.versions[].schema.openAPIV3Schema`) into plain JSON Schema
// that kubeconform (Go, draft-04 by default, RE2 patterns) and ajv (JS, draft-07) both enforce the way the
// Kubernetes API server does for a `kubectl apply` with strict field validation:
//   - nullable: true            → "null" added to the type (and enum)
//   - x-kubernetes-int-or-string → integer or string (when the schema does not already say so with anyOf)
//   - x-kubernetes-preserve-unknown-fields → that object keeps unknown fields (no additionalProperties: false)
//   - x-kubernetes-embedded-resource → apiVersion/kind/metadata allowed on that object
//   - strict                    → every other object schema without additionalProperties gets
//                                  additionalProperties: false (the server would reject or prune the field)
//   - the root `metadata` is checked as ObjectMeta (the server ignores the CRD's own metadata schema)
//   - x-kubernetes-validations (CEL), list/map-type hints, descriptions and defaults are dropped
// The result is a fresh object; the input is not changed.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ConvertOptions {
  /** Add additionalProperties: false to closed objects (default true). */
  strict?: boolean;
  /** "go": keep RE2 patterns (kubeconform); "js": rewrite RE2-only syntax for JavaScript RegExp (ajv). */
  regex?: "go" | "js";
  /** When set, the root gets apiVersion/kind pinned to these values and they become required. */
  root?: { apiVersion: string; kind: string };
}

// Keywords copied as they are (beyond those handled specially below).
const PASS_THROUGH = new Set([
  "enum",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "required",
]);
// Keywords that hold one subschema / a list of subschemas / a map of subschemas.
const ONE = new Set(["items", "not", "additionalItems"]);
const MANY = new Set(["anyOf", "oneOf", "allOf"]);
const MAP = new Set(["properties", "patternProperties"]);
// Dropped: annotations and Kubernetes hints that validate nothing in a single object.
const DROPPED = new Set([
  "description",
  "title",
  "default",
  "example",
  "externalDocs",
  "x-kubernetes-validations",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
]);

/** ObjectMeta as a client may send it (server-set fields allowed; unknown fields rejected). */
export function objectMetaSchema(strict = true): JsonObject {
  const stringMap: JsonObject = { type: "object", additionalProperties: { type: "string" } };
  return {
    type: "object",
    properties: {
      name: { type: "string" },
      generateName: { type: "string" },
      namespace: { type: "string" },
      labels: stringMap,
      annotations: stringMap,
      finalizers: { type: "array", items: { type: "string" } },
      ownerReferences: { type: "array", items: { type: "object" } },
      uid: { type: "string" },
      resourceVersion: { type: "string" },
      generation: { type: "integer" },
      creationTimestamp: { type: ["string", "null"] },
      deletionTimestamp: { type: ["string", "null"] },
      deletionGracePeriodSeconds: { type: "integer" },
      managedFields: { type: "array", items: { type: "object" } },
      selfLink: { type: "string" },
    },
    ...(strict ? { additionalProperties: false } : {}),
  };
}

/** Rewrites the RE2 inline flag `(?i)` (JavaScript RegExp rejects it) into explicit [aA] classes. */
export function re2ToJs(pattern: string): string {
  if (!pattern.includes("(?i)")) return pattern;
  const body = pattern.replaceAll("(?i)", "");
  let out = "";
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "\\") {
      out += ch + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower !== upper) out += inClass ? lower + upper : `[${lower}${upper}]`;
    else out += ch;
  }
  return out;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function convertNode(node: Json, opts: Required<Omit<ConvertOptions, "root">>): Json {
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key === "nullable" || key.startsWith("x-kubernetes-")) continue;
    if (key === "type") out.type = value;
    else if (key === "pattern" && typeof value === "string") out.pattern = opts.regex === "js" ? re2ToJs(value) : value;
    else if (PASS_THROUGH.has(key)) out[key] = value;
    else if (ONE.has(key)) out[key] = convertNode(value, opts);
    else if (MANY.has(key) && Array.isArray(value)) out[key] = value.map((v) => convertNode(v, opts));
    else if (MAP.has(key) && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, sub] of Object.entries(value)) props[name] = convertNode(sub, opts);
      out[key] = props;
    } else if (key === "additionalProperties") {
      out.additionalProperties = typeof value === "boolean" ? value : convertNode(value, opts);
    }
    // Anything else (unknown keywords) is dropped: kubeconform would ignore it, ajv would reject it.
  }

  if (node["x-kubernetes-int-or-string"] === true && out.type === undefined && !out.anyOf && !out.oneOf) {
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }

  if (node["x-kubernetes-embedded-resource"] === true) {
    const props = isObject(out.properties) ? out.properties : {};
    props.apiVersion ??= { type: "string" };
    props.kind ??= { type: "string" };
    props.metadata ??= { type: "object" };
    out.properties = props;
    out.type ??= "object";
  }

  if (node.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined && (out.anyOf || out.oneOf)) {
      // nullable int-or-string and friends: allow null beside the alternatives
      out.anyOf = [...((out.anyOf as Json[] | undefined) ?? [{ oneOf: out.oneOf ?? [] }]), { type: "null" }];
      delete out.oneOf;
    }
  }

  const preserveUnknown = node["x-kubernetes-preserve-unknown-fields"] === true;
  const isObjectSchema = out.type === "object" || (Array.isArray(out.type) && out.type.includes("object"));
  if (opts.strict && isObjectSchema && out.additionalProperties === undefined && !preserveUnknown) {
    out.additionalProperties = false;
  }
  return out;
}

/** Converts one CRD openAPIV3Schema into JSON Schema (see the top of this file for what changes). */
export function crdToJsonSchema(openAPIV3Schema: Json, options: ConvertOptions = {}): JsonObject {
  const opts = { strict: options.strict ?? true, regex: options.regex ?? "go" };
  const converted = convertNode(openAPIV3Schema, opts);
  if (!isObject(converted)) throw new Error("openAPIV3Schema is not an object schema");
  const props = isObject(converted.properties) ? converted.properties : {};
  props.metadata = objectMetaSchema(opts.strict);
  if (options.root) {
    props.apiVersion = { type: "string", enum: [options.root.apiVersion] };
    props.kind = { type: "string", enum: [options.root.kind] };
    const required = Array.isArray(converted.required) ? converted.required : [];
    converted.required = [...new Set([...required, "apiVersion", "kind"])];
  }
  converted.properties = props;
  return converted;
}
