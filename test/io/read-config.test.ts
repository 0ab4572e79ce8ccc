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
    expect(await readConfig(undefined, { cwd, knownRules })).toEqual({ file: "berth.config.yaml", config: {}, diagnostics: [], dir: cwd });
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

  it("finds berth.config.yaml in a parent folder up to the repository root, and resolves paths from its folder", async () => {
    const repo = mkdtempSync(join(tmpdir(), "berth-read-config-"));
    mkdirSync(join(repo, ".git"));
    mkdirSync(join(repo, "services", "orders"), { recursive: true });
    writeFileSync(join(repo, "berth.config.yaml"), "compile:\n  out: deploy\n  emit: [kubernetes]\n");
    const cwd = join(repo, "services", "orders");
    const result = await readConfig(undefined, { cwd, knownRules });
    expect(result).toMatchObject({ file: "../../berth.config.yaml", dir: repo, repositoryRoot: repo, config: { compile: { out: "deploy", emit: ["kubernetes"] } }, diagnostics: [] });
  });

  it("stops at the repository root; repository_root in the config wins over .git", async () => {
    const outer = mkdtempSync(join(tmpdir(), "berth-read-config-"));
    writeFileSync(join(outer, "berth.config.yaml"), "compile:\n  out: elsewhere\n");
    const repo = join(outer, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    const cwd = join(repo, "svc");
    mkdirSync(cwd);
    expect(await readConfig(undefined, { cwd, knownRules })).toEqual({ file: "berth.config.yaml", config: {}, diagnostics: [], dir: cwd, repositoryRoot: repo });
    writeFileSync(join(cwd, "berth.config.yaml"), "repository_root: ..\n");
    expect((await readConfig(undefined, { cwd, knownRules })).repositoryRoot).toBe(repo);
    writeFileSync(join(cwd, "berth.config.yaml"), "repository_root: .\n");
    expect((await readConfig(undefined, { cwd, knownRules })).repositoryRoot).toBe(cwd);
  });
});
