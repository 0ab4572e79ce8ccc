import { describe, expect, it } from "vitest";
import { lintManifests } from "../../src/index.js";
import { BASE_YAML, load } from "../helpers.js";

const STAGED = BASE_YAML + "environments:\n  staging: {}\n  production: { replicas: 3 }\n";

describe("lintManifests", () => {
  it("lints every manifest: one report per manifest and environment, findings of all of them", async () => {
    const loaded = [await load(BASE_YAML, "a.yaml"), await load(STAGED, "b.yaml")];
    const result = await lintManifests(loaded, { asOf: "2026-11-22" });
    expect(result.reports.map((r) => `${r.service}/${r.environment}`)).toEqual(["orders-api/production", "orders-api/production", "orders-api/staging"]);
    expect(new Set(result.findings.map((f) => f.file))).toEqual(new Set(["a.yaml", "b.yaml"]));
    expect(result.unknownEnvironments).toEqual([]);
  });

  it("returns an environment a manifest lacks as data, naming the ones it has", async () => {
    const loaded = [await load(BASE_YAML, "a.yaml"), await load(STAGED, "b.yaml")];
    const result = await lintManifests(loaded, { environment: "staging" });
    expect(result.unknownEnvironments).toEqual([{ file: "a.yaml", environment: "staging", available: ["production"] }]);
    expect(result.reports.map((r) => `${r.service}/${r.environment}`)).toEqual(["orders-api/staging"]);
  });

  it("applies severity overrides from the options", async () => {
    const loaded = await load(BASE_YAML);
    const severityOf = async (severity?: Record<string, string>) => (await lintManifests([loaded], { severity })).findings.find((f) => f.code === "resources-declared")?.severity;
    expect(await severityOf()).toBe("warning");
    expect(await severityOf({ "resources-declared": "error" })).toBe("error");
    expect(await severityOf({ "resources-declared": "off" })).toBeUndefined();
  });
});
