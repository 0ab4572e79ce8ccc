import { describe, expect, it } from "vitest";
import { EMITTERS } from "../../emitters/index.js";
import { configSchema } from "../../src/config/config-schema.js";
import type { SchemaNode } from "../../src/schema/manifest-schema.js";

/** Every node under `properties`, with its path. */
function properties(node: SchemaNode, path = ""): Array<[string, SchemaNode]> {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => [[`${path}/${key}`, child] as [string, SchemaNode], ...properties(child, `${path}/${key}`)]);
}

describe("schema/config.schema.json", () => {
  it("is draft 2020-12 and documents every property", () => {
    expect(configSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(configSchema.description).toBeTruthy();
    const all = properties(configSchema);
    expect(all.map(([path]) => path)).toEqual(["/compile", "/compile/out", "/compile/emit", "/lint", "/lint/fail_on", "/repository_root", "/monitoring", "/monitoring/severity_by_tier", "/monitoring/severity_by_tier/production", "/monitoring/severity_by_tier/staging", "/monitoring/severity_by_tier/development", "/checklist", "/checklist/severity"]);
    for (const [path, node] of all) expect(node.description, path).toBeTruthy();
    expect(configSchema.$defs?.severity?.description).toBeTruthy();
    expect(configSchema.$defs?.emitter?.description).toBeTruthy();
  });

  it("names exactly the emitters the registry has, in its order", () => {
    expect(configSchema.$defs?.emitter?.enum).toEqual(EMITTERS.map((e) => e.name));
  });

  it("rejects unknown keys in every record", () => {
    for (const [path, node] of [["", configSchema] as [string, SchemaNode], ...properties(configSchema)]) {
      if (node.properties) expect(node.additionalProperties, path || "(top level)").toBe(false);
    }
  });
});
