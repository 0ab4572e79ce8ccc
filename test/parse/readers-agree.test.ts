import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { readYamlFast } from "../../src/parse/read-yaml-fast.js";
import { parseYaml } from "../../src/parse/parse-yaml.js";

// Parses every example with both YAML readers: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** The fast reader must read every value exactly as the authoritative one does, or decline. */
function agree(text: string): "declined" | "agreed" {
  const fast = readYamlFast("t.yaml", text, "yaml");
  const slow = parseYaml("t.yaml", text);
  if (!fast) return "declined";
  expect(slow.ok, "the fast reader accepted what the yaml library rejects").toBe(true);
  if (slow.ok) expect(fast.value).toStrictEqual(slow.source.value);
  return "agreed";
}

const examples = readdirSync(new URL("../../examples/", import.meta.url)).map((name) =>
  readFileSync(new URL(`../../examples/${name}/service.yaml`, import.meta.url), "utf8"),
);

describe("the fast YAML reader agrees with the yaml library", () => {
  it("on every example", () => {
    for (const text of examples) expect(agree(text)).toBe("agreed");
  });

  it.each([
    ["YAML 1.2 core scalars", "a: [~, null, NULL, true, False, 0o17, 0x1F, -12, +3, 1.5, .5, 1e3, -.inf, .NaN, '', yes, no, on, 0b11, 1_000, 0755, 12:30]"],
    ["strings that look like numbers or dates", "a: 2026-11-22\nb: '1.0'\nc: 1.0\nd: 0.0.1\ne: 10m\nf: 1e\n"],
    ["block scalars and quoting", "a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text\nc: \"esc\\t\\u00e9\"\nd: 'it''s'\n"],
    ["non-string keys", "1: a\ntrue: b\nnull: c\n"],
    ["nested flow in block", "a: { b: [1, { c: d }], e: f }\ng:\n  - x\n  - { y: z }\n"],
    ["comments everywhere", "# top\na: 1 # trailing\n# between\nb: [1, # inside\n  2]\n"],
  ])("on %s", (_name, text) => {
    expect(agree(text)).toBe("agreed");
  });

  it.each([
    ["duplicate keys", "a: 1\na: 2\n"],
    ["several documents", "a: 1\n---\nb: 2\n"],
    ["aliases", "a: &x [1]\nb: *x\n"],
    ["custom tags", "a: !vault x\n"],
    ["a list at the top", "- a\n"],
    ["tabs as indentation", "a:\n\tb: 1\n"],
  ])("declines %s, leaving the diagnostics to the yaml library", (_name, text) => {
    expect(readYamlFast("t.yaml", text, "yaml")).toBeUndefined();
  });
});
