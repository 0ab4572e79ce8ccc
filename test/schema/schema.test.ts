import { describe, expect, it } from "vitest";
import { manifestSchema, propertiesOf, type SchemaNode } from "../../src/schema/manifest-schema.js";

/** Every property node in the schema with its path, following nothing (each $def is visited once). */
function allProperties(): Array<{ path: string; node: SchemaNode }> {
  const out: Array<{ path: string; node: SchemaNode }> = [];
  const visit = (node: SchemaNode, path: string) => {
    for (const [key, prop] of Object.entries(node.properties ?? {})) {
      out.push({ path: `${path}.${key}`, node: prop });
      visit(prop, `${path}.${key}`);
    }
    if (node.items) visit(node.items, `${path}[]`);
    if (typeof node.additionalProperties === "object") visit(node.additionalProperties, `${path}.*`);
  };
  visit(manifestSchema, "");
  for (const [name, def] of Object.entries(manifestSchema.$defs)) visit(def, `$defs.${name}`);
  return out;
}

describe("the manifest schema", () => {
  it("documents every property, so editors show hover docs everywhere", () => {
    const undocumented = allProperties()
      .filter(({ node }) => !node.description && !(node.$ref && manifestSchema.$defs[node.$ref.split("/").pop()!]?.description))
      .map(({ path }) => path);
    expect(undocumented).toEqual([]);
  });

  it("uses every $def it declares", () => {
    const text = JSON.stringify(manifestSchema);
    const unused = Object.keys(manifestSchema.$defs).filter((name) => !text.includes(`"#/$defs/${name}"`));
    expect(unused).toEqual([]);
  });

  it("gives each HCL block name one meaning per block", () => {
    const clashes: string[] = [];
    const check = (node: SchemaNode, where: string) => {
      const props = propertiesOf(node);
      const names = new Map<string, string>();
      for (const [key, prop] of Object.entries(props)) {
        const block = prop["x-hcl"]?.block ?? key;
        if (names.has(block)) clashes.push(`${where}: ${block} is both ${names.get(block)} and ${key}`);
        names.set(block, key);
      }
    };
    check(manifestSchema, "top level");
    for (const [name, def] of Object.entries(manifestSchema.$defs)) check(def, name);
    expect(clashes).toEqual([]);
  });

  it("rejects unknown keys everywhere: every object closes its properties", () => {
    const open = allProperties()
      .filter(({ node }) => node.type === "object" && node.properties && node.additionalProperties === undefined && node.unevaluatedProperties === undefined)
      .map(({ path }) => path);
    const openDefs = Object.entries(manifestSchema.$defs)
      .filter(([name, def]) => def.properties && def.additionalProperties === undefined && def.unevaluatedProperties === undefined && !["settings", "alertCommon"].includes(name))
      .map(([name]) => name);
    expect([...open, ...openDefs]).toEqual([]);
  });
});
