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

/** The manifest's JSON Schema: the contract, and the source of truth for editors and docs. */
export const manifestSchema = schemaJson as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

/** Follows local `$ref`s (`#/$defs/name`) to the node they name. */
export function resolveRef(node: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; current.$ref && !current.properties && !current.type && hops < 16; hops++) {
    current = refTarget(current.$ref);
  }
  return current;
}

function refTarget(ref: string): SchemaNode {
  const name = /^#\/\$defs\/(.+)$/.exec(ref)?.[1];
  const target = name ? manifestSchema.$defs[name] : undefined;
  if (!target) throw new Error(`schema: unresolvable $ref ${ref}`);
  return target;
}

/** Every property a node allows, including those it takes in through `$ref` (in declaration order). */
export function propertiesOf(node: SchemaNode): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  const visit = (n: SchemaNode, depth: number) => {
    if (depth > 8) return;
    if (n.$ref) visit(refTarget(n.$ref), depth + 1);
    Object.assign(out, n.properties ?? {});
  };
  visit(node, 0);
  return out;
}

/** The schema of `node`'s child at `key`: a property, a map value, or a list item. */
export function childSchema(node: SchemaNode, key: string | number): SchemaNode | undefined {
  const resolved = resolveRef(node);
  if (typeof key === "number") return resolved.items;
  const props = propertiesOf(node);
  if (Object.hasOwn(props, key)) return props[key];
  return typeof resolved.additionalProperties === "object" ? resolved.additionalProperties : undefined;
}

/** The schema node at a data path, or undefined where the schema says nothing. */
export function schemaAt(path: ReadonlyArray<string | number>): SchemaNode | undefined {
  let node: SchemaNode | undefined = manifestSchema;
  for (const key of path) {
    if (!node) return undefined;
    node = childSchema(node, key);
  }
  return node;
}

/** True when the node is a map (free keys) rather than a record of named properties. */
export function isMapSchema(node: SchemaNode): boolean {
  const resolved = resolveRef(node);
  return typeof resolved.additionalProperties === "object" && !resolved.properties;
}
