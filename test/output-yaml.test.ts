import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it, vi } from "vitest";
import { toYaml, type YamlValue } from "../src/output/yaml.js";

// Runs fast-check properties through a real YAML parser: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe("toYaml", () => {
  it("writes nested mappings and sequences in block style", () => {
    expect(toYaml({ a: 1, b: { c: [1, { d: "x", e: [] }], f: {} }, g: [[1, 2], "z"] })).toBe(
      "a: 1\nb:\n  c:\n  - 1\n  - d: x\n    e: []\n  f: {}\ng:\n- - 1\n  - 2\n- z\n",
    );
  });

  it("quotes every string a YAML 1.1 or 1.2 reader could misread", () => {
    for (const s of ["", "true", "yes", "No", "on", "OFF", "y", "null", "~", "0755", "1:30", "1_000", "1e3", "e5", "E-0", "e-12", ".5", "-1", "+1", "0x1F", "- item", "a: b", "a #b", "#x", "*alias", "&anchor", "!tag", "{a}", "[a]", "@x", "`x", "'q'", '"q"', " lead", "trail ", "end:", "---", "tab\there"]) {
      const text = toYaml({ k: s });
      expect(parse(text), `${JSON.stringify(s)} → ${text}`).toEqual({ k: s });
      expect(text, JSON.stringify(s)).toMatch(/^k: "/);
    }
  });

  it("keeps ordinary strings plain", () => {
    expect(toYaml({ image: "ghcr.io/acme/api:1.2.3", path: "/healthz", label: "app.kubernetes.io/name", cpu: "250m" })).toBe(
      "image: ghcr.io/acme/api:1.2.3\npath: /healthz\nlabel: app.kubernetes.io/name\ncpu: \"250m\"\n",
    );
  });

  it("writes multi-line strings as literal blocks with the right chomping", () => {
    for (const s of ["a\nb\n", "a\nb", "a\n\n", "a\n\n  indented\nz\n"]) {
      const text = toYaml({ doc: { content: s } });
      expect(text).toMatch(/content: \|/);
      expect(parse(text)).toEqual({ doc: { content: s } });
    }
  });

  it("round-trips any JSON-like data through a real YAML parser", () => {
    const key = fc.string({ minLength: 1, maxLength: 12 });
    const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(key, tie("node"), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), (value) => {
        expect(parse(toYaml(value as YamlValue), { version: "1.1" })).toEqual(JSON.parse(JSON.stringify(value)));
        expect(parse(toYaml(value as YamlValue))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 400 },
    );
  });

  it("round-trips multi-line strings (empty lines, trailing newlines, indentation, comment marks) at any depth", () => {
    const line = fc.stringMatching(/^[a #:-]{0,4}$/);
    const multiLine = fc.array(line, { minLength: 2, maxLength: 6 }).map((lines) => lines.join("\n"));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, multiLine, fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b"), tie("node"), { maxKeys: 2 })),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        expect(parse(toYaml({ root: value as YamlValue }))).toEqual({ root: value });
      }),
      { numRuns: 2_000 },
    );
  });
});
