/**
 * bin/berth.cjs compiles the CLI bundle with V8's code cache, kept per user in the temporary folder
 * (issue 16: cold start). The cache may only ever make a run faster: these tests run the built CLI with
 * TMPDIR pointed at a scratch folder and BERTH_DEBUG=1, which names what the cache did.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { REPO_ROOT } from "../support/tools.js";

// Spawns the built CLI a dozen times: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const BIN = join(REPO_ROOT, "bin", "berth.cjs");
const YAML = join(REPO_ROOT, "examples", "orders-api", "service.yaml");
const HCL = join(REPO_ROOT, "examples", "orders-api", "service.hcl");
const scratch = mkdtempSync(join(tmpdir(), "berth-code-cache-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
/** A fresh temporary folder for one test: the cache lives in <it>/berth-code-cache-<uid>/. */
function freshTmp(): string {
  const dir = join(scratch, `tmp-${folders++}`);
  rmSync(dir, { recursive: true, force: true });
  return mkdtempSync(`${dir}-`);
}

function berth(tmp: string, args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, TMPDIR: tmp, NO_COLOR: "1", BERTH_DEBUG: "1", BERTH_CODE_CACHE: "", NODE_DISABLE_COMPILE_CACHE: "", ...env },
  });
  const cache = /berth: code cache (none|used|rejected|off)/.exec(run.stderr)?.[1];
  return { status: run.status, stdout: run.stdout, cache, stderr: run.stderr };
}

const cacheFolder = (tmp: string) => join(tmp, `berth-code-cache-${process.getuid!()}`);
const cacheFiles = (tmp: string) => readdirSync(cacheFolder(tmp)).sort();

/** Every file under `dir`, as path → bytes. */
function tree(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, tree(dir, path));
    else out[path] = readFileSync(join(dir, path), "utf8");
  }
  return out;
}

describe.skipIf(process.platform === "win32")("the CLI's code cache", () => {
  it("is written by a command's first run, used by the next, and changes nothing a run prints or writes", () => {
    const tmp = freshTmp();
    const first = berth(tmp, ["validate", YAML]);
    expect(first.status).toBe(0);
    expect(first.cache).toBe("none");
    const files = cacheFiles(tmp);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version}-${process.arch}-validate\\.bin$`));
    expect(statSync(cacheFolder(tmp)).mode & 0o777).toBe(0o700);

    const second = berth(tmp, ["validate", YAML]);
    expect(second.cache).toBe("used");
    expect(second.stdout).toBe(first.stdout);
    expect(cacheFiles(tmp)).toEqual(files);

    const off = berth(tmp, ["validate", YAML], { BERTH_CODE_CACHE: "0" });
    expect(off.cache).toBe("off");
    expect(off.stdout).toBe(first.stdout);

    // compile keeps a cache of its own, and writes the same bytes with it as without it.
    const outs = ["none", "used", "off"].map((expected) => {
      const out = join(tmp, `out-${expected}`);
      const run = berth(tmp, ["compile", YAML, "--out", out, "--no-cache"], expected === "off" ? { BERTH_CODE_CACHE: "0" } : {});
      expect(run.status).toBe(0);
      expect(run.cache).toBe(expected);
      return tree(out);
    });
    expect(Object.keys(outs[0]!).length).toBeGreaterThan(20);
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
    expect(cacheFiles(tmp).map((f) => f.replace(/^.*-/, ""))).toEqual(["compile.bin", "validate.bin"]);
  });

  it("is used for HCL input too (reading HCL sets a V8 flag, which must not make V8 refuse the cache)", () => {
    const tmp = freshTmp();
    expect(berth(tmp, ["validate", HCL]).cache).toBe("none");
    const second = berth(tmp, ["validate", HCL]);
    expect(second.status).toBe(0);
    expect(second.cache).toBe("used");
    expect(cacheFiles(tmp).map((f) => f.replace(/^.*-x64-|^.*-arm64-/, ""))).toEqual(["validate-hcl.bin"]);
  });

  it("a damaged cache is refused by V8, the run is unaffected, and the cache is written again", () => {
    const tmp = freshTmp();
    const clean = berth(tmp, ["validate", YAML]);
    const [file] = cacheFiles(tmp);
    const path = join(cacheFolder(tmp), file!);
    const bytes = readFileSync(path);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff;
    writeFileSync(path, bytes);

    const damaged = berth(tmp, ["validate", YAML]);
    expect(damaged.status).toBe(0);
    expect(damaged.cache).toBe("rejected");
    expect(damaged.stdout).toBe(clean.stdout);
    expect(berth(tmp, ["validate", YAML]).cache).toBe("used");
  });

  it("is neither read nor written in a folder other users can write to (code in it is run)", () => {
    const tmp = freshTmp();
    berth(tmp, ["validate", YAML]);
    chmodSync(cacheFolder(tmp), 0o777);
    const shared = berth(tmp, ["validate", YAML]);
    expect(shared.status).toBe(0);
    expect(shared.cache).toBe("none");
    rmSync(join(cacheFolder(tmp), cacheFiles(tmp)[0]!));
    expect(berth(tmp, ["validate", YAML]).cache).toBe("none");
    expect(cacheFiles(tmp)).toEqual([]);
  });

  it("an unwritable temporary folder only means no cache", () => {
    const tmp = join(freshTmp(), "missing", "deeper");
    writeFileSync(join(tmp, "..", "..", "missing"), "a file where the folder would be");
    const run = berth(tmp, ["validate", YAML]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("is valid");
    expect(run.stderr).not.toMatch(/error|Error/);
  });
});
