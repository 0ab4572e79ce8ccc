import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { REPO_ROOT, findTool, requireTool, sharedDir, tempDir, toolSearchPath } from "./tools.js";

// Looks tools up, which runs `go env GOPATH`: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const saved = { ...process.env };

describe("requireTool / sharedDir", () => {
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation(() => {});
  });
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  it("finds an executable on PATH", () => {
    expect(requireTool("node")).toMatch(/node$/);
    expect(findTool("node")).toBe(requireTool("node"));
  });

  it("skips with a one-line notice off CI", () => {
    process.env.CI = "false";
    const name = "berth-no-such-tool-1";
    expect(requireTool(name)).toBeUndefined();
    expect(console.log).toHaveBeenCalledWith(`skipping: ${name} not installed`);
  });

  it("fails under CI=true", () => {
    process.env.CI = "true";
    expect(() => requireTool("berth-no-such-tool-2")).toThrow(/berth-no-such-tool-2 not installed, and CI=true/);
  });

  it("under CI=true skips only tools listed as unobtainable", () => {
    process.env.CI = "true";
    process.env.BERTH_UNOBTAINABLE_TOOLS = "other,berth-no-such-tool-3";
    expect(requireTool("berth-no-such-tool-3")).toBeUndefined();
    expect(() => requireTool("berth-no-such-tool-4")).toThrow(/not installed/);
  });

  it("looks in $(go env GOPATH)/bin even when it is not on PATH", (ctx) => {
    const go = findTool("go");
    if (!go) return ctx.skip();
    const gopath = execFileSync(go, ["env", "GOPATH"], { encoding: "utf8", timeout: 30_000 }).trim().split(delimiter)[0]!;
    process.env.PATH = dirname(go); // only go's own folder
    // Exactly: PATH, then $(go env GOPATH)/bin (where `go install` puts kubeconform on CI), then ~/go/bin.
    expect(toolSearchPath()).toEqual([...new Set([dirname(go), join(gopath, "bin"), join(homedir(), "go", "bin")])]);
  });

  it("sharedDir finds ../shared or BERTH_SHARED_DIR when it holds conformance/, and skips or fails when it is absent", () => {
    process.env.CI = "false";
    delete process.env.BERTH_SHARED_DIR;
    const beside = resolve(REPO_ROOT, "..", "shared");
    expect(sharedDir()).toBe(existsSync(join(beside, "conformance")) ? beside : undefined);
    const made = tempDir("berth-shared-");
    mkdirSync(join(made, "conformance"));
    process.env.BERTH_SHARED_DIR = made;
    expect(sharedDir()).toBe(made);
    process.env.BERTH_SHARED_DIR = tempDir("berth-no-shared-");
    expect(sharedDir()).toBeUndefined();
    process.env.CI = "true";
    expect(() => sharedDir()).toThrow(/shared not installed, and CI=true/);
  });
});
