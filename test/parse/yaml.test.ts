import { describe, expect, it } from "vitest";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

describe("YAML parsing", () => {
  it("reads JSON manifests with positions too", async () => {
    const text = JSON.stringify({ apiVersion: "berth/v1", kind: "Service", name: "orders-api", team: "payments", image: "ghcr.io/acme/o:1", replicas: "2" }, null, 2);
    const result = await load(text, "service.json");
    expect(codesAt(result)).toEqual([`WRONG_TYPE@${positionOf(text, '"2"')}`]);
  });

  it("follows aliases to report inside the anchored value", async () => {
    const text = BASE_YAML + "resources:\n  requests: &r { cpu: 100m, memory: 1GB }\n  limits: *r\n";
    const result = await load(text);
    expect(codesAt(result)[0]).toBe(`INVALID_QUANTITY@${positionOf(text, "1GB")}`);
  });

  it("rejects custom tags instead of guessing", async () => {
    const result = await load(BASE_YAML + "description: !vault secret/data/x\n");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["YAML_SYNTAX"]);
  });

  it("reports every syntax error, not only the first", async () => {
    const result = await load(BASE_YAML + "a: 1\na: 2\nb:\n\t- x\n");
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["YAML_DUPLICATE_KEY"]));
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(2);
  });
});
