// src/model/spec.ts (what users write, as TypeScript) must agree with schema/service.schema.json (the contract)
// field by field: same property names at every object reachable from the root, same required/optional.
// The comparison (schema-vs-type.ts) walks both from the root in step, so each $def meets the TS type the spec
// really uses there. Its fixture tests below prove each kind of disagreement is caught.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/tools.js";
import { compareSchemaWithType, loadTypes, type SchemaNode } from "./schema-vs-type.js";

// Type-checking spec.ts and the lib files takes a second or two; no test here may rely on the 5 s default.
const TIMEOUT = { timeout: 60_000 };

describe("compareSchemaWithType (fixtures)", TIMEOUT, () => {
  const { checker, types } = loadTypes(
    "/virtual/fixture.ts",
    ["Root"],
    `export interface Common { enabled?: boolean }
     export interface Inner extends Common { a: string; b?: number }
     export interface Root { name: string; size?: number; list?: Inner[]; byName?: Record<string, Inner>; one?: Common & { c?: string } }`,
  );
  const root = types.get("Root")!;
  const run = (schema: SchemaNode) => compareSchemaWithType(schema, root, checker).mismatches;
  /** A schema that matches Root, using $ref, allOf, items and additionalProperties; `change` edits a copy. */
  const schema = (change: (s: any) => void = () => {}): SchemaNode => {
    const s: any = {
      $ref: "#/$defs/named",
      properties: {
        size: { type: "integer" },
        list: { type: "array", items: { $ref: "#/$defs/inner" } },
        byName: { type: "object", additionalProperties: { $ref: "#/$defs/inner" } },
        one: { allOf: [{ $ref: "#/$defs/common" }, { properties: { c: { type: "string" } } }] },
      },
      required: ["name"],
      $defs: {
        named: { properties: { name: { type: "string" } } },
        common: { properties: { enabled: { type: "boolean" } } },
        inner: { $ref: "#/$defs/common", properties: { a: { type: "string" }, b: { type: "number" } }, required: ["a"] },
      },
    };
    change(s);
    return s;
  };

  it("finds nothing when they agree (through $ref, allOf, items and additionalProperties)", () => {
    expect(run(schema())).toEqual([]);
  });

  it("names a field the schema has and the type lacks, at its path", () => {
    expect(run(schema((s) => (s.properties.list.items.properties = { z: { type: "string" } })))).toEqual(["list[].z: missing in TS"]);
    // A $def shared by several paths is compared once per TS type: reported at the first path (sorted).
    expect(run(schema((s) => (s.$defs.inner.properties.z = { type: "string" })))).toEqual(["byName.*.z: missing in TS"]);
  });

  it("names a field the type has and the schema lacks, including one composed in with allOf", () => {
    expect(run(schema((s) => delete s.properties.one.allOf[1].properties.c))).toEqual(["one.c: missing in schema"]);
  });

  it("names required/optional disagreements both ways", () => {
    expect(run(schema((s) => (s.$defs.inner.required = ["b"])))).toEqual([
      "byName.*.a: optional in schema, required in TS",
      "byName.*.b: required in schema, optional in TS",
    ]);
  });

  it("names a shape disagreement: array or map in one, not the other", () => {
    expect(run(schema((s) => (s.properties.size = { type: "array", items: { type: "string" } })))).toEqual([
      "size: an array in the schema, number in TS",
    ]);
    expect(run(schema((s) => (s.properties.byName = { type: "object" })))).toEqual([
      "byName: a map in TS, no additionalProperties schema",
    ]);
  });

  it("refuses what it cannot compare instead of skipping it", () => {
    expect(run(schema((s) => (s.properties.size = { anyOf: [{ type: "integer" }] })))).toEqual([
      "size: anyOf/oneOf not supported by this comparison",
    ]);
  });
});

/**
 * Known disagreements today. Each entry must still be found (so the list cannot rot) and nothing else may be
 * (so new drift fails). Fix one by changing spec.ts or the schema, then delete its line here.
 */
const KNOWN_MISMATCHES: string[] = [
  // Empty: at commit c9c24af spec.ts and the schema agree on every field name and on optionality.
];

describe("src/model/spec.ts agrees with schema/service.schema.json", TIMEOUT, () => {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "service.schema.json"), "utf8")) as SchemaNode;
  // ManifestSpec is the whole file a user writes (it extends SettingsSpec; environments hold SettingsSpec).
  const { checker, types } = loadTypes(join(REPO_ROOT, "src", "model", "spec.ts"), ["ManifestSpec"]);
  const result = compareSchemaWithType(schema, types.get("ManifestSpec")!, checker);

  it("has no disagreement beyond the known ones", () => {
    expect(result.mismatches.filter((m) => !KNOWN_MISMATCHES.includes(m))).toEqual([]);
  });

  it("still has every known one (delete fixed entries from KNOWN_MISMATCHES)", () => {
    expect(KNOWN_MISMATCHES.filter((m) => !result.mismatches.includes(m))).toEqual([]);
  });

  it("reached every object-shaped $def, so none went unchecked", () => {
    const objectDefs = Object.entries(schema.$defs ?? {})
      .filter(([, def]) => def.type === "object" || def.properties)
      .map(([name]) => `#/$defs/${name}`);
    expect(objectDefs.filter((ref) => !result.defs.has(ref))).toEqual([]);
  });

  it("paired the root's settings with ManifestSpec and each environment's overlay with SettingsSpec", () => {
    expect([...result.defs.get("#/$defs/settings")!].sort()).toEqual(["ManifestSpec", "SettingsSpec"]);
    expect([...result.defs.get("#/$defs/overlay")!]).toEqual(["SettingsSpec"]);
  });
});
