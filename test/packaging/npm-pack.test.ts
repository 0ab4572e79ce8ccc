// `npm pack`, then a global install of the tarball into an empty prefix, then the installed command run
// with nothing else present: no checkout, no dev dependencies, only node and the prefix on PATH.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { BERTH_VERSION, scratchBerthRepo } from "../support/scratch-berth.js";
import { REPO_ROOT, tempDir } from "../support/tools.js";

// npm pack builds, npm install fetches the production dependencies: minutes, not vitest's 5 s default.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

let prefix = "";
let work = "";
let tarballFiles: string[] = [];

/** Runs the installed berth with PATH = the prefix's bin and node's folder, in `work`. */
function berth(...args: string[]) {
  // A synchronous child blocks vitest's own timer, so it needs a timeout of its own.
  const result = spawnSync(join(prefix, "bin", "berth"), args, {
    cwd: work,
    encoding: "utf8",
    timeout: 120_000,
    env: { PATH: [join(prefix, "bin"), dirname(process.execPath)].join(":"), HOME: work },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm pack → npm install -g into an empty prefix", () => {
  beforeAll(() => {
    const source = scratchBerthRepo();
    const out = tempDir("berth-pack-");
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", out], { cwd: source, encoding: "utf8", timeout: 300_000 })) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarballFiles = packed[0]!.files.map((f) => f.path);
    const tarball = join(out, packed[0]!.filename);
    prefix = join(out, "prefix");
    mkdirSync(prefix);
    expect(readdirSync(prefix)).toEqual([]);
    execFileSync("npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", tarball], { cwd: out, encoding: "utf8", timeout: 300_000 });
    work = join(out, "work");
    mkdirSync(work);
  });

  it("ships the built CLI and the schemas, and no sources or tests", () => {
    expect(tarballFiles).toEqual(expect.arrayContaining(["package.json", "bin/berth.cjs", "dist/berth.cjs", "dist/index.mjs", "schema/service.schema.json", "schema/config.schema.json", "README.md"]));
    expect(tarballFiles.filter((f) => /^(src|test|scripts|emitters|examples)\//.test(f))).toEqual([]);
  });

  it("berth --version prints the package's version", () => {
    const result = berth("--version");
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(BERTH_VERSION);
    expect(result.status).toBe(0);
  });

  it("compiles an example (YAML and HCL: the HCL parser's WebAssembly comes from the installed dependency)", () => {
    for (const file of ["service.yaml", "service.hcl"]) copyFileSync(join(REPO_ROOT, "examples", "orders-api", file), join(work, file));
    const yaml = berth("compile", "service.yaml", "--out", "out-yaml");
    expect(yaml.stderr).toBe("");
    expect(yaml.status).toBe(0);
    expect(yaml.stdout).toMatch(/^Compiled 1 manifest into out-yaml\/: [1-9]\d* written/);
    expect(existsSync(join(work, "out-yaml", "orders-api"))).toBe(true);
    const hcl = berth("validate", "service.hcl");
    expect(hcl.stderr).toBe("");
    expect(hcl.status).toBe(0);
    expect(berth("check", "service.yaml", "--out", "out-yaml").status).toBe(0);
  });
});
