import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/index.js";

const knownRules = ["min-replicas", "image-pinned"];

describe("readConfig", () => {
  it("reads berth.config.yaml from the working directory, and names it as written", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "berth-read-config-"));
    writeFileSync(join(cwd, "berth.config.yaml"), "checklist:\n  severity:\n    min-replicas: off\n    nope: off\n");
    const result = await readConfig(undefined, { cwd, knownRules });
    expect(result.file).toBe("berth.config.yaml");
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(["berth.config.yaml:4:5 UNKNOWN_RULE"]);
  });

  it("an absent default file is an empty config; an absent named file is FILE_NOT_FOUND", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "berth-read-config-"));
    expect(await readConfig(undefined, { cwd, knownRules })).toEqual({ file: "berth.config.yaml", config: {}, diagnostics: [] });
    const missing = await readConfig("conf/berth.yaml", { cwd, knownRules });
    expect(missing.config).toBeUndefined();
    expect(missing.diagnostics).toMatchObject([{ code: "FILE_NOT_FOUND", file: "conf/berth.yaml", line: 1, col: 1 }]);
  });

  it("a directory where the config file should be is an error, worded for a config file", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "berth-read-config-"));
    mkdirSync(join(cwd, "berth.config.yaml"));
    const result = await readConfig(undefined, { cwd, knownRules });
    expect(result.diagnostics).toMatchObject([{ code: "FILE_UNREADABLE", message: "is a directory, not a config file" }]);
  });
});
