import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/model/defaults.js";
import { manifestSchema, type SchemaNode } from "../../src/schema/manifest-schema.js";

/** Every `default` the schema documents, keyed like DEFAULTS: `$defs` name, then property path. */
function schemaDefaults(): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (node: SchemaNode, path: string[]) => {
    for (const [key, prop] of Object.entries(node.properties ?? {})) {
      if (prop.default !== undefined) found.set([...path, key].join("."), prop.default);
      visit(prop, [...path, key]);
    }
  };
  visit({ properties: { default_environment: manifestSchema.properties!.default_environment! } }, ["root"]);
  for (const [name, def] of Object.entries(manifestSchema.$defs)) {
    visit(def, [name]);
    if (def.items) visit(def.items, [name]);
  }
  return found;
}

function leaves(value: unknown, path: string[] = []): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) for (const [p, leaf] of leaves(v, [...path, k])) out.set(p, leaf);
  } else out.set(path.join("."), value);
  return out;
}

describe("defaults", () => {
  it("normalization applies exactly the defaults the schema documents", () => {
    const documented = Object.fromEntries(schemaDefaults());
    const applied = Object.fromEntries(leaves(DEFAULTS));
    expect(applied).toEqual(documented);
  });
});
