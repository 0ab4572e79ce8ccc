import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { sameJson } from "../src/same-json.js";

// Runs fast-check properties: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** JSON-like data with the cases JSON.stringify treats specially: undefined properties, holes, NaN, -0, key order. */
const leaf = fc.oneof(fc.constantFrom(null, undefined, true, false, 0, -0, 1, NaN, Infinity, "", "a", "0"), fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b", "c", "__proto__"), tie("value"), { maxKeys: 3 })),
}));

describe("sameJson", () => {
  it("agrees with comparing JSON.stringify's output, on random pairs and on any value against its JSON round trip", () => {
    fc.assert(fc.property(value, value, (a, b) => sameJson(a, b) === (JSON.stringify(a) === JSON.stringify(b))), { numRuns: 20_000 });
    fc.assert(fc.property(value, (a) => sameJson(a, JSON.parse(JSON.stringify(a ?? null))) === (JSON.stringify(a) === JSON.stringify(a ?? null))), { numRuns: 5_000 });
  });

  it("sees key order, skipped undefined properties, holes as null and non-finite numbers as null, as JSON does", () => {
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson({ a: 1, x: undefined, b: 2 }, { a: 1, b: 2, y: undefined })).toBe(true);
    expect(sameJson([undefined, NaN], [null, null])).toBe(true);
    expect(sameJson({ a: undefined }, {})).toBe(true);
    expect(sameJson(undefined, null)).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson({ a: [1, { b: "x" }] }, { a: [1, { b: "y" }] })).toBe(false);
  });
});
