/**
 * A real full disk (a tiny tmpfs, where the machine allows mounting one): compile fails as the
 * user's error with the reason, leaves no empty or temporary file and no staging folder, and every
 * environment folder is whole or absent. The fault-injection tests in output-tree.test.ts cover
 * the same on any machine.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, lstatSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { fakeIO } from "../cli/fake-io.js";
import { REPO_ROOT, tempDir } from "../support/tools.js";

const mountPoint = join(tempDir("berth-tmpfs-"), "small");
mkdirSync(mountPoint);
let mounted = false;
try {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=96k", "tmpfs", mountPoint], { stdio: "ignore", timeout: 10_000 });
  mounted = true;
} catch {
  console.log("skipping: cannot mount a tmpfs here (needs root); the injected-fault tests cover a full disk");
}
afterAll(() => {
  if (mounted) execFileSync("umount", [mountPoint], { stdio: "ignore", timeout: 10_000 });
}, 30_000);

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (lstatSync(join(dir, path)).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk("");
  return out;
}

describe.skipIf(!mounted)("compile onto a full disk", () => {
  it("is the user's error, and leaves nothing half-written", async () => {
    const io = fakeIO({ cwd: mountPoint });
    const manifests = ["orders-api", "notifications-envs", "payments-canary"].map((m) => join(REPO_ROOT, `examples/${m}/service.yaml`));
    const code = await runCli(["compile", ...manifests, "--out", "deploy"], io);
    expect(code).toBe(1);
    expect(io.err).toMatch(/berth compile: cannot write deploy\/.*: the disk is full \(ENOSPC\)/);
    expect(io.err).not.toMatch(/internal error|bug in berth/);
    const left = files(mountPoint);
    expect(left.filter((p) => p.includes(".berth-"))).toEqual([]);
    expect(left.filter((p) => statSync(join(mountPoint, p)).size === 0)).toEqual([]);
    // Whatever folders were swapped in before the disk filled are whole: each environment has its
    // kustomization, each chart its values.schema.json (written after the values files and Chart.yaml).
    const units = new Set(left.map((p) => p.split("/").slice(0, 3).join("/")));
    for (const unit of units) {
      const [, service, folder] = unit.split("/");
      if (folder === "helm") expect(left, unit).toContain(`${unit}/${service}/values.schema.json`);
      else expect(left, unit).toContain(`${unit}/kubernetes/kustomization.yaml`);
    }
  }, 120_000);
});
