import { describe, expect, it } from "vitest";
import { firstJsonError } from "../../src/parse/parse-json.js";
import { codesAt, load, positionOf } from "../helpers.js";

describe("a JSON syntax error JSON.parse gives no position for (V8's \"Unexpected token\")", () => {
  it("is located at the unexpected token, not at the end of the file, and its message quotes no text", async () => {
    const text = '{\n  "apiVersion": "berth/v1",\n  "replicas": tru,\n  "kind": "Service"\n}\n';
    const result = await load(text, "service.json");
    expect(codesAt(result)).toEqual([`JSON_SYNTAX@${positionOf(text, ",\n  \"kind\"")}`]);
    expect(result.diagnostics[0]!.message).toBe("Unexpected token ','");
  });

  it("finds the first offset where the text stops being JSON", () => {
    expect(firstJsonError('{"a": [1, {"b": null}], "c": "\\u00e9"}')).toBe(-1);
    expect(firstJsonError("{'a': 1}")).toBe(1);
    expect(firstJsonError('{"a": 1} x')).toBe(9);
    expect(firstJsonError('{"a": "\\q"}')).toBe(8);
    expect(firstJsonError('{"a": falsy}')).toBe(10);
    expect(firstJsonError('{"a": +1}')).toBe(6);
  });
});
