// The GitHub Actions workflows in docs/ run here step by step, as a runner would run them: each `run:`
// through bash in a scratch Git checkout, with berth (the built CLI) on PATH; upload-artifact and
// download-artifact by copying the uploaded folder; the install step and `git push` left out. So the
// documented sharded regeneration is proven to give one full run's tree, byte for byte, records included,
// after manifests were renamed, deleted and trimmed, and the check workflows to pass on it and fail before.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT, requireTool, tempDir } from "../support/tools.js";

// Runs berth (the built CLI) a dozen times in child processes: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { shard: number[] } } }>;
}

const workflow = (name: string) => parse(readFileSync(join(REPO_ROOT, "docs", "github-actions", name), "utf8")) as Workflow;

function sh(cwd: string, command: string, env: Record<string, string> = {}) {
  const result = spawnSync("bash", ["-e", "-c", command], { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function git(cwd: string, ...args: string[]) {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

/** A folder with `berth` running this checkout's built CLI, for PATH. */
function berthOnPath(): string {
  const bin = tempDir("berth-bin-");
  writeFileSync(join(bin, "berth"), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, "bin", "berth.cjs")}" "$@"\n`);
  chmodSync(join(bin, "berth"), 0o755);
  return bin;
}

/**
 * Runs one job's steps in `cwd` as a runner would: `${{ matrix.shard }}` filled in, GITHUB_ENV carried
 * from step to step, artifacts uploaded into `artifacts/<name>` and downloaded from there.
 */
function runJob(steps: Step[], cwd: string, context: { shard?: number; bin: string; artifacts: string }): Array<{ name: string; status: number | null; out: string }> {
  const envFile = join(tempDir("berth-env-"), "env");
  writeFileSync(envFile, "");
  const fill = (text: string) => text.replaceAll("${{ matrix.shard }}", String(context.shard ?? ""));
  const results: Array<{ name: string; status: number | null; out: string }> = [];
  for (const step of steps) {
    if (step.uses?.startsWith("actions/upload-artifact@")) {
      cpSync(join(cwd, step.with!.path!), join(context.artifacts, fill(step.with!.name!)), { recursive: true });
      continue;
    }
    if (step.uses?.startsWith("actions/download-artifact@")) {
      const pattern = new RegExp(`^${step.with!.pattern!.replace("*", ".*")}$`);
      for (const name of readdirSync(context.artifacts).filter((n) => pattern.test(n))) cpSync(join(context.artifacts, name), join(cwd, step.with!.path!, name), { recursive: true });
      continue;
    }
    if (!step.run || step.name === "Install berth" || step.run.includes("git push")) continue;
    const env = Object.fromEntries(readFileSync(envFile, "utf8").split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
    const result = sh(cwd, fill(step.run), { ...env, PATH: `${context.bin}:${process.env.PATH}`, GITHUB_ENV: envFile, GITHUB_WORKSPACE: cwd });
    results.push({ name: step.name ?? "", ...result });
  }
  return results;
}

/** Every file under `dir` by path, with its text. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (lstatSync(join(dir, path)).isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), "utf8");
    }
  };
  if (existsSync(dir)) walk("");
  return out;
}

const OUT = "gitops/deploy";

/**
 * A repository whose committed output is out of date: every example compiled and committed, then one
 * service renamed, one manifest deleted, one environment dropped and one service added.
 */
function staleRepository(bin: string): string {
  const repo = tempDir("berth-actions-");
  git(repo, "init", "-q", "-b", "main");
  // An output root two folders deep, as a GitOps repository may keep it.
  writeFileSync(join(repo, "berth.config.yaml"), `compile:\n  out: ${OUT}\n`);
  for (const example of readdirSync(join(REPO_ROOT, "examples")).sort()) {
    mkdirSync(join(repo, "services", example), { recursive: true });
    cpSync(join(REPO_ROOT, "examples", example, "service.yaml"), join(repo, "services", example, "service.yaml"));
  }
  const compiled = sh(repo, "berth compile services/*/service.yaml", { PATH: `${bin}:${process.env.PATH}` });
  if (compiled.status !== 0) throw new Error(compiled.out);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "services and their output");
  const edit = (file: string, change: (text: string) => string) => writeFileSync(join(repo, file), change(readFileSync(join(repo, file), "utf8")));
  edit("services/minimal-web/service.yaml", (t) => t.replace(/^name: hello-web$/m, "name: hello-site"));
  rmSync(join(repo, "services/catalog-rolling"), { recursive: true });
  edit("services/notifications-envs/service.yaml", (t) => t.replace(/^ {2}loadtest:\n(?: {4}.*\n)+/m, ""));
  mkdirSync(join(repo, "services/orders-copy"));
  writeFileSync(join(repo, "services/orders-copy/service.yaml"), readFileSync(join(REPO_ROOT, "examples/orders-api/service.yaml"), "utf8").replace(/^name: orders-api$/m, "name: orders-copy"));
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "rename, delete, trim, add");
  return repo;
}

describe("the documented GitHub Actions workflows, run step by step", () => {
  it("berth-sharded-compile.yml regenerates one full run's tree; berth-sharded.yml and berth.yml fail before it and pass after", (ctx) => {
    for (const tool of ["jq", "tar", "git"]) if (!requireTool(tool)) return ctx.skip();
    const bin = berthOnPath();
    const repo = staleRepository(bin);
    expect(readFileSync(join(repo, "services/notifications-envs/service.yaml"), "utf8")).not.toMatch(/^ {2}loadtest:/m);
    const compile = workflow("berth-sharded-compile.yml");
    const checks = workflow("berth-sharded.yml");
    const single = workflow("berth.yml");
    const shards = compile.jobs.compile!.strategy!.matrix.shard;
    expect(checks.jobs.berth!.strategy!.matrix.shard).toEqual(shards);

    const checkout = () => {
      const dir = tempDir("berth-checkout-");
      git(dir, "clone", "-q", repo, ".");
      return dir;
    };
    // Before: every check workflow fails on the stale tree.
    const before = checkout();
    const failing = shards.flatMap((shard) => runJob(checks.jobs.berth!.steps, before, { shard, bin, artifacts: tempDir("berth-artifacts-") }).filter((r) => r.name.startsWith("berth check")));
    expect(failing.some((r) => r.status !== 0)).toBe(true);
    const annotated = runJob(single.jobs.compile!.steps, before, { bin, artifacts: tempDir("berth-artifacts-") });
    expect(annotated[0]!.status, annotated[0]!.out).toBe(1);
    expect(annotated[0]!.out).toMatch(/^::error file=gitops\/deploy\/catalog\/.*the manifest of its service is gone/m);
    expect(annotated[0]!.out).toMatch(/^::error file=gitops\/deploy\/notifications\/loadtest\/.*out of date/m);

    // The shards, each in its own checkout, then the merge in another.
    const artifacts = tempDir("berth-artifacts-");
    for (const shard of shards) {
      for (const result of runJob(compile.jobs.compile!.steps, checkout(), { shard, bin, artifacts })) expect(result.status, `${result.name}: ${result.out}`).toBe(0);
    }
    const merged = checkout();
    for (const result of runJob(compile.jobs.merge!.steps, merged, { bin, artifacts })) expect(result.status, `${result.name}: ${result.out}`).toBe(0);
    expect(existsSync(join(merged, "shards"))).toBe(false);

    // One full run from nothing, in another checkout: the same tree, records included.
    const full = checkout();
    rmSync(join(full, OUT), { recursive: true });
    const fresh = sh(full, "berth compile --no-cache services/*/service.yaml", { PATH: `${bin}:${process.env.PATH}` });
    expect(fresh.status, fresh.out).toBe(0);
    expect(Object.keys(tree(join(merged, OUT))).some((p) => p.startsWith("catalog/") || p.startsWith("hello-web/") || p.startsWith("notifications/loadtest/"))).toBe(false);
    expect(tree(join(merged, OUT))).toEqual(tree(join(full, OUT)));

    // After: every shard's check and lint step, and the single check, pass on the merged tree.
    for (const shard of shards) {
      for (const result of runJob(checks.jobs.berth!.steps, merged, { shard, bin, artifacts: tempDir("berth-artifacts-") })) {
        if (result.name.startsWith("berth check")) expect(result.status, result.out).toBe(0);
        if (result.name.startsWith("berth lint")) expect(result.out).not.toContain("generated by berth");
      }
    }
    expect(runJob(single.jobs.compile!.steps, merged, { bin, artifacts: tempDir("berth-artifacts-") })[0]!.status).toBe(0);
  });
});
