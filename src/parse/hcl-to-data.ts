import type { ParamsOf } from "../diagnostics/catalogue/index.js";
import type { DataPath } from "../diagnostics/diagnostic.js";
import { childSchema, isMapSchema, propertiesOf, resolveRef, type SchemaNode } from "../schema/manifest-schema.js";

/**
 * How HCL maps onto the manifest (the same model YAML describes):
 *
 * | HCL                                        | YAML / model                              |
 * |--------------------------------------------|-------------------------------------------|
 * | `key = value`                              | `key: value`                              |
 * | `health { … }` (a block, at most once)     | `health: { … }`                           |
 * | `port "http" { port = 8080 }`              | `ports: [{ name: http, port: 8080 }]`     |
 * | `secret "DB_URL" { … }`                    | `secrets: { DB_URL: { … } }`              |
 * | `environment "production" { … }`           | `environments: { production: { … } }`     |
 * | `waiver { … }` repeated                    | `checklist.waivers: [ …, … ]` (in order)  |
 *
 * Which blocks are collections, their HCL block name and the field a label fills come from
 * the schema's `x-hcl` annotations, so the mapping is documented and enforced in one place.
 * Labelled blocks of one kind are ordered by label (hcl2json sorts them), which is why the
 * model never gives meaning to the order of named entries.
 */

/**
 * One step from an HCL body to a nested block, attribute or list element; or, last, to the label of
 * the block reached (`"http"` of `port "http"`), where a value the label gave is written.
 */
export type HclStep = { name: string; label?: string; occurrence?: number } | { item: number } | { ownLabel: true };

export type HclProblem = { steps: HclStep[]; target?: "key" } & (
  | { code: "HCL_DUPLICATE_BLOCK"; params: ParamsOf<"HCL_DUPLICATE_BLOCK"> }
  | { code: "HCL_INTERPOLATION"; params: ParamsOf<"HCL_INTERPOLATION"> }
  | { code: "HCL_BLOCK_LABEL"; params: ParamsOf<"HCL_BLOCK_LABEL"> }
  | { code: "HCL_BLOCK_NAME"; params: ParamsOf<"HCL_BLOCK_NAME"> }
  | { code: "HCL_VALUE_AS_BLOCK"; params: ParamsOf<"HCL_VALUE_AS_BLOCK"> }
);

export interface HclConversion {
  value: unknown;
  /** For each data path (as a JSON pointer), the HCL steps that lead to its text. */
  steps: Map<string, HclStep[]>;
  /** Where a key is written apart from its value: a map entry's key is its block's label. */
  keySteps: Map<string, HclStep[]>;
  problems: HclProblem[];
}

const pointer = (path: DataPath) => path.map((p) => "/" + String(p)).join("");

/** Converts hcl2json's output (blocks as arrays, labels as keys) into manifest data. */
export function hclToData(json: Record<string, unknown>, schema: SchemaNode, isBlock: (at: HclStep[]) => boolean = () => false): HclConversion {
  const steps = new Map<string, HclStep[]>();
  const keySteps = new Map<string, HclStep[]>();
  const problems: HclProblem[] = [];
  const record = (path: DataPath, at: HclStep[]) => steps.set(pointer(path), at);

  function unwrapBlock(value: unknown, at: HclStep[], what: string): unknown {
    if (!Array.isArray(value) || !value.every(isRecord)) return value;
    if (value.length > 1) {
      const last = at[at.length - 1];
      const repeat: HclStep[] = last && "name" in last ? [...at.slice(0, -1), { ...last, occurrence: 1 }] : at;
      problems.push({ code: "HCL_DUPLICATE_BLOCK", steps: repeat, params: { block: what, count: value.length } });
    }
    return value[0];
  }

  /** A string as written: a `${…}` or `%{…}` template in it is reported; HCL's escapes for a literal `${` and `%{` (which hcl2json leaves as written) are undone. */
  function literal(text: string, at: HclStep[], target?: "key"): string {
    if (/[$%]\{/.test(text.replace(/\$\$\{|%%\{/g, ""))) problems.push({ code: "HCL_INTERPOLATION", steps: at, params: {}, ...(target ? { target } : {}) });
    return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  }

  /** An object's key is a template like any string (`"${x}" = 1`, `(x) = 1`): reported at the key. */
  const keyOf = (key: string, at: HclStep[]) => literal(key, [...at, { name: key }], "key");

  /**
   * `free`: the value is Kubernetes' own data (an extra object's fields, a merge patch, a patch
   * operation's value), which the schema leaves open; not an unknown key of one of berth's blocks.
   */
  function convert(value: unknown, node: SchemaNode | undefined, path: DataPath, at: HclStep[], free = false): unknown {
    record(path, at);
    if (typeof value === "string") return literal(value, at);
    // Where the schema says nothing (an extra object's or a patch's own Kubernetes content, an unknown
    // key), keep the data as written, key case included, but still unescape and check every string.
    if (!node || isOpen(node)) {
      const open = free || node !== undefined;
      if (open && Array.isArray(value) && value.length > 0 && value.every(isRecord) && isBlock(at)) {
        // `spec { … }` in Kubernetes data: hcl2json makes a block a list of bodies, which the object would carry.
        const last = at[at.length - 1];
        problems.push({ code: "HCL_VALUE_AS_BLOCK", steps: at, params: { key: last && "name" in last ? last.name : String(path[path.length - 1]), expected: "Kubernetes' own data", object: true } });
        return value;
      }
      if (Array.isArray(value)) return value.map((item, i) => convert(item, undefined, [...path, i], [...at, { item: i }], open));
      if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => { const key = keyOf(k, at); return [key, convert(v, undefined, [...path, key], [...at, { name: k }], open)]; }));
      return value;
    }
    const resolved = resolveRef(node);
    const expectsObject = resolved.type === "object" || !!resolved.properties || isMapSchema(node);
    if (expectsObject) value = unwrapBlock(value, at, String(path[path.length - 1] ?? "root"));
    if (Array.isArray(value)) {
      return value.map((item, i) => convert(item, childSchema(node, i), [...path, i], [...at, { item: i }]));
    }
    if (!isRecord(value)) return value;
    if (isMapSchema(node)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const key = keyOf(k, at);
        out[key] = convert(v, childSchema(node, key), [...path, key], [...at, { name: k }]);
      }
      return out;
    }
    return convertRecord(value, node, path, at);
  }

  function convertRecord(value: Record<string, unknown>, node: SchemaNode, path: DataPath, at: HclStep[]): Record<string, unknown> {
    const props = propertiesOf(node);
    const byBlockName = new Map<string, string>();
    for (const [name, prop] of Object.entries(props)) {
      const block = prop["x-hcl"]?.block;
      if (block && block !== name) byBlockName.set(block, name);
    }
    const out: Record<string, unknown> = {};
    for (const [hclKey, v] of Object.entries(value)) {
      const key = byBlockName.get(hclKey) ?? hclKey;
      const prop = props[key];
      const hcl = prop?.["x-hcl"];
      const blockForm = hcl !== undefined && hclKey === hcl.block;
      if (hcl && !blockForm && isLabelledBlocks(v) && !isMapSchema(prop!)) {
        // `ports "http" { … }`: the list's own name used as a block. (A map's, `secrets "DB" { … }`,
        // reads as the map itself, so it is left alone.) The schema would only say "not a mapping".
        const label = Object.keys(v)[0]!;
        problems.push({ code: "HCL_BLOCK_NAME", steps: [...at, { name: hclKey, label }], params: { written: hclKey, block: hcl.block, label, labelled: hcl.label !== undefined } });
        continue;
      }
      const scalar = prop && !hcl ? scalarKind(prop) : undefined;
      if (scalar && Array.isArray(v) && v.every(isRecord) && isBlock([...at, { name: hclKey }])) {
        // `replicas { … }`: a block where a value belongs; the schema would say "not a list".
        problems.push({ code: "HCL_VALUE_AS_BLOCK", steps: [...at, { name: hclKey }], params: { key: hclKey, expected: scalar } });
        continue;
      }
      if (!hcl && prop && isLabelledBlocks(v) && !isMapSchema(prop) && !Object.hasOwn(propertiesOf(prop), Object.keys(v)[0]!)) {
        // `shutdown "x" { … }`: a label on a block that is one object; the schema would only say "unknown key x".
        const label = Object.keys(v)[0]!;
        problems.push({ code: "HCL_BLOCK_LABEL", steps: [...at, { name: hclKey, label }], params: { block: hclKey, label } });
        continue;
      }
      out[key] = blockForm
        ? convertCollection(v, prop!, hcl!, [...path, key], [...at, { name: hclKey }])
        : convert(v, prop, [...path, key], [...at, { name: hclKey }], prop === undefined && takesAnyKey(node));
    }
    return out;
  }

  /** Repeated or labelled blocks (`port "http" {}`) → the list or map the model expects. */
  function convertCollection(value: unknown, node: SchemaNode, hcl: { block: string; label?: string }, path: DataPath, at: HclStep[]): unknown {
    record(path, at);
    const blockStep = at[at.length - 1] as { name: string };
    const resolved = resolveRef(node);
    const labelled = isMapSchema(node) || hcl.label !== undefined;
    if (!labelled) {
      if (isLabelledBlocks(value)) {
        const label = Object.keys(value)[0]!;
        problems.push({ code: "HCL_BLOCK_LABEL", steps: [...at.slice(0, -1), { name: blockStep.name, label }], params: { block: hcl.block, label } });
        return [];
      }
      if (!Array.isArray(value)) return convert(value, node, path, at);
      return value.map((item, i) => convert(item, resolved.items, [...path, i], [...at.slice(0, -1), { name: blockStep.name, occurrence: i }]));
    }
    if (isMapSchema(node) && Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
      // `secret { … }` without its label: its body would be read as the map itself (its fields as keys).
      problems.push({ code: "HCL_BLOCK_LABEL", steps: [...at.slice(0, -1), { name: blockStep.name, occurrence: 0 }], params: { block: hcl.block, collection: String(path[path.length - 1]) } });
      return {};
    }
    if (!isRecord(value)) return convert(value, node, path, at);
    const entries = Object.entries(value);
    // `port "http" "x" { … }`: hcl2json nests a second label as a key of the first.
    const secondLabel = (label: string, blocks: unknown): boolean => {
      if (Array.isArray(blocks) || !isLabelledBlocks(blocks)) return false;
      problems.push({ code: "HCL_BLOCK_LABEL", steps: [...at.slice(0, -1), { name: blockStep.name, label }], params: { block: hcl.block, label, secondLabel: Object.keys(blocks)[0]! } });
      return true;
    };
    if (isMapSchema(node)) {
      const out: Record<string, unknown> = {};
      for (const [label, blocks] of entries) {
        if (secondLabel(label, blocks)) continue;
        const step = { name: blockStep.name, label };
        const body = unwrapBlock(blocks, [...at.slice(0, -1), step], `${hcl.block} "${label}"`);
        out[label] = convert(body, childSchema(node, label), [...path, label], [...at.slice(0, -1), step]);
        // The entry's key is the block's label: a problem with the key (`secret "API-TOKEN"`) points at it.
        keySteps.set(pointer([...path, label]), [...at.slice(0, -1), step, { ownLabel: true }]);
      }
      return out;
    }
    return entries.map(([label, blocks], i) => {
      if (secondLabel(label, blocks)) return {};
      const step = { name: blockStep.name, label };
      const body = unwrapBlock(blocks, [...at.slice(0, -1), step], `${hcl.block} "${label}"`);
      const converted = convert(body, resolved.items, [...path, i], [...at.slice(0, -1), step]);
      // The label field's value is the label (`name` of `port "http"`): a problem with it points there.
      if (!steps.has(pointer([...path, i, hcl.label!]))) record([...path, i, hcl.label!], [...at.slice(0, -1), step, { ownLabel: true }]);
      if (isRecord(converted) && hcl.label! in converted) {
        problems.push({ code: "HCL_BLOCK_LABEL", steps: [...at.slice(0, -1), step, { name: hcl.label! }], params: { block: hcl.block, label, labelField: hcl.label! } });
      }
      return isRecord(converted) ? { [hcl.label!]: label, ...converted } : converted;
    });
  }

  const value = convert(json, schema, [], []);
  return { value, steps, keySteps, problems };
}

/**
 * Whether each collection's block carries a label, by block name, from the schema's `x-hcl`
 * annotations: `port`, `secret`, `environment` do (a list's label field, a map's key), `waiver`,
 * `toleration` do not. A block name used both ways would be left out; none is.
 */
export function blockLabelling(schema: SchemaNode): ReadonlyMap<string, boolean> {
  const found = new Map<string, Set<boolean>>();
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode | undefined) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const resolved = resolveRef(node);
    for (const prop of Object.values(propertiesOf(node))) {
      const hcl = prop["x-hcl"];
      if (hcl) {
        const kinds = found.get(hcl.block) ?? new Set<boolean>();
        found.set(hcl.block, kinds.add(isMapSchema(prop) || hcl.label !== undefined));
      }
      visit(prop);
    }
    if (resolved.items) visit(resolved.items);
    if (typeof resolved.additionalProperties === "object") visit(resolved.additionalProperties);
  };
  visit(schema);
  return new Map([...found].filter(([, kinds]) => kinds.size === 1).map(([name, kinds]) => [name, [...kinds][0]!]));
}

/** A schema that says nothing of its value (`{}`): Kubernetes' own data. */
function isOpen(node: SchemaNode): boolean {
  return Object.keys(node).every((k) => k === "description" || k === "examples");
}

/** A record that takes keys besides its properties (an extra object's fields beside apiVersion, kind and metadata). */
function takesAnyKey(node: SchemaNode): boolean {
  const resolved = resolveRef(node);
  return resolved.additionalProperties !== false && resolved.additionalProperties !== undefined && resolved.unevaluatedProperties !== false;
}

/** What a property holds when that is plain values, never settings of its own (which a block may hold). */
function scalarKind(node: SchemaNode): string | undefined {
  const resolved = resolveRef(node);
  const types = (Array.isArray(resolved.type) ? resolved.type : resolved.type ? [resolved.type] : []) as string[];
  if (resolved.properties || typeof resolved.additionalProperties === "object" || types.includes("object")) return undefined;
  if (types.length === 1 && types[0] === "array") return resolved.items && scalarKind(resolved.items) ? "a list of values" : undefined;
  if (types.length && !types.includes("array")) return "a value";
  if (!types.length && Array.isArray(resolved.enum)) return "a value";
  return undefined;
}

/** hcl2json's shape for labelled blocks: every label maps to a list of block bodies. */
function isLabelledBlocks(value: unknown): value is Record<string, unknown[]> {
  return isRecord(value) && Object.keys(value).length > 0 && Object.values(value).every((v) => Array.isArray(v) && v.every(isRecord));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
