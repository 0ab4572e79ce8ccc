/**
 * A file the user names (`lint --output`, `init --output`) that cannot be written, and standard output
 * that refuses berth's text (`berth schema > /dev/full`), are the user's to fix: a message naming the path
 * and the reason in words, a hint, exit 1; never "internal error … a bug in berth". A reader that goes
 * away (`| head`) is covered by closed-pipe.test.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { reportStdoutFailure, StdoutError } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { BASE_YAML } from "../helpers.js";
import { REPO_ROOT, tempDir } from "../support/tools.js";
import { fakeIO } from "./fake-io.js";

// Lints in-process and spawns the built CLI: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000 });

function workdir(): string {
  const dir = tempDir("berth-output-");
  writeFileSync(join(dir, "service.yaml"), BASE_YAML);
  return dir;
}

describe("lint --output that cannot be written", () => {
  it("names a missing folder, with a hint", async () => {
    const dir = workdir();
    const io = fakeIO({ cwd: dir });
    const target = join(dir, "nodir", "x.txt");
    expect(await runCli(["lint", "service.yaml", "--output", target], io)).toBe(1);
    expect(io.err).toContain(`berth lint: cannot write ${target}: the folder does not exist\n  hint: Create ${join(dir, "nodir")} first`);
    expect(io.err).not.toContain("internal error");
    expect(io.err).not.toContain("ENOENT");
  });

  it("says when the path is a folder", async () => {
    const dir = workdir();
    mkdirSync(join(dir, "reports"));
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["lint", "service.yaml", "--output", "reports"], io)).toBe(1);
    expect(io.err).toContain("berth lint: cannot write reports: it is a folder, not a file\n  hint: Give --output a file name, e.g. --output reports/report.txt.");
    expect(io.err).not.toContain("internal error");
  });
});

describe("init --output that cannot be written", () => {
  it("says a part of the path is a file", async () => {
    const dir = workdir();
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["init", "--name", "orders", "--output", "service.yaml/x.yaml"], io)).toBe(1);
    expect(io.err).toContain("berth init: cannot write service.yaml/x.yaml: a part of the path is a file, not a folder\n  hint: ");
    expect(io.err).not.toContain("internal error");
  });

  it("says when it names a folder, and advises a manifest's name in it (not `sub/.yaml`, nor `report.txt`)", async () => {
    const dir = workdir();
    mkdirSync(join(dir, "orders"));
    mkdirSync(join(dir, "billing.yaml"));
    for (const [output, format, advice] of [
      ["new/", "yaml", "new/service.yaml"],
      ["orders", "hcl", "orders/service.hcl"],
      ["billing.yaml", "yaml", "billing.yaml/service.yaml"],
    ]) {
      const io = fakeIO({ cwd: dir });
      expect(await runCli(["init", "--name", "orders", "--output", output!, "--format", format!], io), output).toBe(1);
      expect(io.err).toBe(`berth init: cannot write ${output}: it is a folder, not a file\n  hint: Give --output a file name, e.g. --output ${advice}.\n`);
    }
    expect(existsSync(join(dir, "new"))).toBe(false);
  });
});

describe("the words for a standard output that refuses", () => {
  it("say to free space only when the disk is full", () => {
    const said = (errno: string) => {
      let text = "";
      reportStdoutFailure(new StdoutError(errno), (t) => (text += t));
      return text;
    };
    expect(said("ENOSPC")).toContain("hint: Free some space");
    expect(said("EIO")).toContain("an input/output error (EIO)");
    expect(said("EIO")).not.toContain("Free some space");
  });
});

describe.skipIf(!existsSync("/dev/full"))("standard output that refuses", () => {
  it("reports a full disk cleanly, exit 1", () => {
    const quoted = [process.execPath, join(REPO_ROOT, "bin", "berth.cjs"), "schema"].map((a) => `'${a}'`).join(" ");
    const run = spawnSync("bash", ["-c", `${quoted} > /dev/full`], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "berth: cannot write to standard output: the disk is full (ENOSPC); the output is incomplete.\n  hint: Free some space, or redirect the output to a file on another disk.\n",
    );
  });
});

describe("check of an output folder holding what cannot be read", () => {
  it.skipIf(process.platform === "win32")("a link where a generated file belongs: the path and the reason, exit 1, never a bug", async () => {
    // compareTree's refusal reached check as an unknown error: "internal error … a bug in berth", exit 2.
    const dir = workdir();
    expect(await runCli(["compile", "service.yaml", "--out", "deploy"], fakeIO({ cwd: dir }))).toBe(0);
    const [file] = readdirSync(join(dir, "deploy/orders-api/production/kubernetes"));
    const path = `deploy/orders-api/production/kubernetes/${file}`;
    rmSync(join(dir, path));
    symlinkSync("/dev/zero", join(dir, path));
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["check", "service.yaml", "--out", "deploy", "--no-cache"], io)).toBe(1);
    expect(io.err).toContain(`berth check: cannot read ${path}: is a symbolic link where berth reads and writes a file`);
    expect(io.err).not.toContain("internal error");
  });
});
