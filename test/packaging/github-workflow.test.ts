// The GitHub Actions workflow shipped in docs/ is checked with a real workflow linter (actionlint, from the
// Go module proxy: test/support/install-tools.sh), and must use berth's real commands and flags.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { fakeIO } from "../cli/fake-io.js";
import { REPO_ROOT, requireTool, tempDir } from "../support/tools.js";

// Runs actionlint (a child process): never on vitest's 5 s default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const WORKFLOW = join(REPO_ROOT, "docs", "github-actions", "berth.yml");

function actionlint(tool: string, file: string) {
  // A synchronous child blocks vitest's own timer, so it needs a timeout of its own.
  const result = spawnSync(tool, ["-no-color", file], { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("docs/github-actions/berth.yml", () => {
  it("passes actionlint, and actionlint does reject a broken copy of it", (ctx) => {
    const tool = requireTool("actionlint");
    if (!tool) return ctx.skip();
    const clean = actionlint(tool, WORKFLOW);
    expect(clean.output).toBe("");
    expect(clean.status).toBe(0);
    const broken = join(tempDir("berth-workflow-"), "berth.yml");
    writeFileSync(broken, readFileSync(WORKFLOW, "utf8").replace("if: steps.lint.outcome == 'failure'", "if: steps.lnit.outcome == 'failure'"));
    const result = actionlint(tool, broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("lnit");
  });

  it("compile-checks with a JSON summary and uploads lint's SARIF, using flags berth has", async () => {
    const text = readFileSync(WORKFLOW, "utf8");
    expect(text).toContain("berth check --format json");
    expect(text).toContain("berth lint --format sarif --output berth.sarif");
    expect(text).toContain("github/codeql-action/upload-sarif@");
    expect(text).toContain("security-events: write");
    for (const command of [["check", "--format", "json"], ["lint", "--format", "sarif", "--output", "x.sarif"]]) {
      const io = fakeIO({ cwd: tempDir("berth-workflow-") });
      // No manifests: only that commander accepts the flags (an unknown flag is a usage error, exit 2).
      const code = await runCli([...command, join(REPO_ROOT, "examples", "minimal-web", "service.yaml")], io);
      expect(code, io.err).not.toBe(2);
    }
  });
});

describe("docs/github-actions/berth-sharded.yml", () => {
  const SHARDED = join(REPO_ROOT, "docs", "github-actions", "berth-sharded.yml");

  for (const file of ["berth-sharded.yml", "berth-sharded-compile.yml"]) {
    it(`${file} passes actionlint`, (ctx) => {
      const tool = requireTool("actionlint");
      if (!tool) return ctx.skip();
      const clean = actionlint(tool, join(REPO_ROOT, "docs", "github-actions", file));
      expect(clean.output).toBe("");
      expect(clean.status).toBe(0);
    });
  }

  it("runs check and lint with --shard over a matrix, with flags berth has (the union is proven in test/compile/incremental.test.ts, the workflows run in sharded-workflow-run.test.ts)", async () => {
    const text = readFileSync(SHARDED, "utf8");
    const shards = /shard: \[([\d, ]+)\]/.exec(text)![1]!.split(",").map((s) => Number(s.trim()));
    const commands = [...text.matchAll(/^ +(berth (check|lint) --shard "\$\{\{ matrix\.shard \}\}\/(\d+)") "\$\{manifests\[@\]\}"$/gm)];
    expect(commands.map((c) => c[2])).toEqual(["check", "lint"]);
    for (const c of commands) expect(Number(c[3])).toBe(shards.length);
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    for (const command of ["check", "lint"]) {
      const io = fakeIO({ cwd: tempDir("berth-workflow-") });
      const code = await runCli([command, "--shard", `1/${shards.length}`, join(REPO_ROOT, "examples", "minimal-web", "service.yaml")], io);
      expect(code, io.err).not.toBe(2);
    }
  });
});
