import schemaJson from "../../schema/service.schema.json" with { type: "json" };

/** A JSON Schema node, loosely typed: berth only reads the keywords it needs. */
export type SchemaNode = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  required?: string[];
  pattern?: string;
  "x-hcl"?: { block: string; label?: string };
  "x-berth-code"?: string;
  [keyword: string]: unknown;
};

/** A whole schema document: the root node, with the `$defs` its local `$ref`s name. */
export type RootSchema = SchemaNode & { $defs?: Record<string, SchemaNode> };

/** The manifest's JSON Schema: the contract, and the source of truth for editors and docs. */
export const manifestSchema = schemaJson as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

// The helpers below read the manifest schema unless handed another `root` (the config file's schema).

/** Follows local `$ref`s (`#/$defs/name`) to the node they name. */
export function resolveRef(node: SchemaNode, root: RootSchema = manifestSchema): SchemaNode {
  let current = node;
  for (let hops = 0; current.$ref && !current.properties && !current.type && hops < 16; hops++) {
    current = refTarget(current.$ref, root);
  }
  return current;
}

function refTarget(ref: string, root: RootSchema): SchemaNode {
  const name = /^#\/\$defs\/(.+)$/.exec(ref)?.[1];
  const target = name ? root.$defs?.[name] : undefined;
  if (!target) throw new Error(`schema: unresolvable $ref ${ref}`);
  return target;
}

/** Every property a node allows, including those it takes in through `$ref` (in declaration order). */
export function propertiesOf(node: SchemaNode, root: RootSchema = manifestSchema): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  const visit = (n: SchemaNode, depth: number) => {
    if (depth > 8) return;
    if (n.$ref) visit(refTarget(n.$ref, root), depth + 1);
    Object.assign(out, n.properties ?? {});
  };
  visit(node, 0);
  return out;
}

/** The schema of `node`'s child at `key`: a property, a map value, or a list item. */
export function childSchema(node: SchemaNode, key: string | number, root: RootSchema = manifestSchema): SchemaNode | undefined {
  const resolved = resolveRef(node, root);
  if (typeof key === "number") return resolved.items;
  const props = propertiesOf(node, root);
  if (Object.hasOwn(props, key)) return props[key];
  return typeof resolved.additionalProperties === "object" ? resolved.additionalProperties : undefined;
}

/** The schema node at a data path, or undefined where the schema says nothing. */
export function schemaAt(path: ReadonlyArray<string | number>, root: RootSchema = manifestSchema): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    node = childSchema(node, key, root);
  }
  return node;
}

/** True when the node is a map (free keys) rather than a record of named properties. */
export function isMapSchema(node: SchemaNode, root: RootSchema = manifestSchema): boolean {
  const resolved = resolveRef(node, root);
  return typeof resolved.additionalProperties === "object" && !resolved.properties;
}

/** A list item (`[]`) or a map value (`*`) in a schema path, where data paths have an index or a key. */
export const ANY_ITEM = "[]";
export const ANY_KEY = "*";

const keyIndexes = new WeakMap<RootSchema, Map<string, string[][]>>();

/**
 * Every place in the schema where `key` is a valid property, as schema paths (`["database",
 * "migrations"]`, `["scheduled_jobs", "[]", "schedule"]`). Environment overlays repeat the base
 * settings and are left out. The index is built once per schema.
 */
export function keyLocations(key: string, root: RootSchema = manifestSchema): readonly string[][] {
  let index = keyIndexes.get(root);
  if (!index) {
    const built = new Map<string, string[][]>();
    const visit = (node: SchemaNode, path: string[], seen: ReadonlySet<SchemaNode>) => {
      if (seen.has(node) || path.length > 8) return;
      const inner = new Set(seen).add(node);
      const resolved = resolveRef(node, root);
      for (const [name, child] of Object.entries(propertiesOf(node, root))) {
        if (path.length === 0 && name === "environments") continue;
        const at = [...path, name];
        let list = built.get(name);
        if (!list) built.set(name, (list = []));
        list.push(at);
        visit(child, at, inner);
      }
      if (resolved.items) visit(resolved.items, [...path, ANY_ITEM], inner);
      if (typeof resolved.additionalProperties === "object") visit(resolved.additionalProperties, [...path, ANY_KEY], inner);
    };
    visit(root, [], new Set());
    keyIndexes.set(root, (index = built));
  }
  return index.get(key) ?? [];
}
