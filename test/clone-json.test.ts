import { describe, expect, it } from "vitest";
import { cloneJson } from "../src/clone-json.js";

describe("cloneJson", () => {
  it("copies JSON data deeply: the copy equals the original and shares nothing with it", () => {
    const original = { a: [1, "two", null, true, { b: { c: [] } }], d: { e: 1.5, f: "" }, g: -0 };
    const copy = cloneJson(original);
    expect(copy).toEqual(original);
    expect(copy).toEqual(structuredClone(original));
    copy.a.push(9);
    (copy.a[4] as { b: { c: unknown[] } }).b.c.push(1);
    copy.d.f = "changed";
    expect(original).toEqual({ a: [1, "two", null, true, { b: { c: [] } }], d: { e: 1.5, f: "" }, g: -0 });
  });

  it("keeps a __proto__ key an own property, as JSON.parse does, never the copy's prototype", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "spec": {"__proto__": [1]}}') as Record<string, unknown>;
    const copy = cloneJson(hostile);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "spec"]);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ polluted: true });
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(hostile));
  });
});
