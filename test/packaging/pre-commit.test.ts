// berth's pre-commit hooks as a user gets them: the real pre-commit framework installs them from a tag of a
// local clone of berth (no `repo: local`), then blocks and passes commits in a scratch repository.
// pre-commit itself comes from PyPI (.ci/run installs it into a venv: test/support/install-tools.sh).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { releaseTag, runGit, scratchBerthRepo } from "../support/scratch-berth.js";
import { REPO_ROOT, requireTool, tempDir } from "../support/tools.js";

// Installs the hook environment (npm install -g from Git, dependencies from the registry) and runs git and
// pre-commit many times: minutes, not vitest's 5 s default.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 900_000 });

const preCommit = requireTool("pre-commit");
const HOOKS = ["berth-lint", "berth-check"];

interface Run {
  status: number | null;
  output: string;
}

let user = "";
let berthRepo = "";
let env: NodeJS.ProcessEnv = {};

function run(command: string, args: string[], cwd = user): Run {
  // A synchronous child blocks vitest's own timer, so it needs a timeout of its own.
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 600_000 });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}` };
}

const berth = (...args: string[]) => execFileSync(process.execPath, [join(REPO_ROOT, "bin", "berth.cjs"), ...args], { cwd: user, encoding: "utf8", timeout: 120_000 });
const git = (...args: string[]) => runGit(user, ...args);
const example = (name: string) => join(REPO_ROOT, "examples", name, "service.yaml");

describe.skipIf(!preCommit)("pre-commit hooks installed from a tag", () => {
  beforeAll(() => {
    berthRepo = scratchBerthRepo();
    const tag = releaseTag(berthRepo);
    // The tag carries dist/; main does not (so a Git install of main would have to build, which npm cannot).
    expect(runGit(berthRepo, "ls-tree", "-r", "--name-only", tag, "dist").split("\n")).toContain("dist/berth.cjs");
    expect(runGit(berthRepo, "ls-tree", "-r", "--name-only", "main", "dist").trim()).toBe("");

    const home = tempDir("berth-pre-commit-");
    user = join(home, "user");
    mkdirSync(join(user, "services", "web"), { recursive: true });
    env = {
      ...process.env,
      PRE_COMMIT_HOME: join(home, "cache"),
      PRE_COMMIT_COLOR: "never",
      GIT_AUTHOR_NAME: "berth test",
      GIT_AUTHOR_EMAIL: "test@berth.invalid",
      GIT_COMMITTER_NAME: "berth test",
      GIT_COMMITTER_EMAIL: "test@berth.invalid",
    };
    git("init", "-q", "-b", "main");
    writeFileSync(
      join(user, ".pre-commit-config.yaml"),
      // language_version: system — pre-commit takes the node on PATH only when it lives outside $HOME (CI's Node 22
      // and 24 sit in ~/.cache); otherwise it downloads one, and there is no network for that here.
      ["repos:", `  - repo: ${berthRepo}`, `    rev: ${tag}`, "    hooks:", "      - id: berth-lint", "        language_version: system", "        args: [--as-of, '2026-11-22']", "        verbose: true", "      - id: berth-check", "        language_version: system", "        verbose: true", ""].join("\n"),
    );
    // The repository's choices: only the kubernetes/ output (a GitOps user), into deploy/.
    writeFileSync(join(user, "berth.config.yaml"), "compile:\n  out: deploy\n  emit: [kubernetes, checklist]\n");
    copyFileSync(example("minimal-web"), join(user, "services", "web", "service.yaml"));
    berth("compile", "services/web/service.yaml");
    git("add", "-A");
    git("commit", "-q", "--no-verify", "-m", "a good manifest and its compiled output");

    const installed = run(preCommit!, ["install", "--install-hooks"]);
    expect(installed.status, installed.output).toBe(0);
  });

  it("installs the hooks from the tag (no build at install time) and passes on a clean repository", () => {
    const all = run(preCommit!, ["run", "--all-files"]);
    expect(all.output).toMatch(/berth lint \(production-readiness checklist\)\.+Passed/);
    expect(all.output).toMatch(/berth check \(generated output is up to date\)\.+Passed/);
    expect(all.status, all.output).toBe(0);
  });

  it("passes a good manifest and ignores the compiled deploy/ tree (--all-files: one process, manifests only)", () => {
    // deploy/…/kubernetes/service.yaml matches the hooks' `files` pattern; the default `exclude` keeps it out.
    expect(git("ls-files", "deploy").split("\n")).toEqual(expect.arrayContaining([expect.stringMatching(/^deploy\/hello-web\/[^/]+\/kubernetes\/service\.yaml$/)]));
    const all = run(preCommit!, ["run", "--all-files"]);
    expect(all.status, all.output).toBe(0);
    expect(all.output).not.toMatch(/deploy\/[^\s]*service\.yaml/);
    expect(all.output).not.toContain("skipping");
    // One check for all manifests: a single summary line.
    expect(all.output.match(/deploy\/ is up to date/g)).toHaveLength(1);
  });

  it("a commit without the built dist/ (main) does not install, and says why", () => {
    const config = join(user, "..", "pre-commit-main.yaml");
    writeFileSync(config, ["repos:", `  - repo: ${berthRepo}`, "    rev: main", "    hooks:", "      - id: berth-lint", "        language_version: system", ""].join("\n"));
    const tried = run(preCommit!, ["run", "--config", config, "--files", "services/web/service.yaml"]);
    expect(tried.status, tried.output).not.toBe(0);
    expect(tried.output).toContain("has no prebuilt dist/");
    expect(tried.output).toContain("npm run release-tag");
  });

  it("the lint hook blocks a commit of a bad manifest", () => {
    mkdirSync(join(user, "services", "shop"), { recursive: true });
    copyFileSync(join(REPO_ROOT, "test", "fixtures", "unsafe", "service.yaml"), join(user, "services", "shop", "service.yaml"));
    git("add", "services/shop/service.yaml");
    const head = git("rev-parse", "HEAD");
    const commit = run("git", ["commit", "-m", "an unsafe manifest"]);
    expect(commit.status, commit.output).not.toBe(0);
    expect(commit.output).toMatch(/berth lint \(production-readiness checklist\)\.+Failed/);
    expect(commit.output).toContain("services/shop/service.yaml:");
    expect(commit.output).toContain("error[min-replicas]");
    expect(git("rev-parse", "HEAD")).toBe(head);
    git("rm", "-q", "--cached", "services/shop/service.yaml");
    rmSync(join(user, "services", "shop"), { recursive: true });
    expect(git("status", "--porcelain")).toBe("");
  });

  it("the check hook blocks a commit whose manifest changed but whose output was not recompiled", () => {
    const manifest = join(user, "services", "web", "service.yaml");
    const before = readFileSync(manifest, "utf8");
    const bumped = before.replace(/^(image: [^:\n]+):[^\n]+$/m, "$1:9.9.9");
    expect(bumped).not.toBe(before);
    writeFileSync(manifest, bumped);
    git("add", "services/web/service.yaml");
    const head = git("rev-parse", "HEAD");
    const commit = run("git", ["commit", "-m", "bump the image, forget to compile"]);
    expect(commit.status, commit.output).not.toBe(0);
    expect(commit.output).toMatch(/berth lint \(production-readiness checklist\)\.+Passed/);
    expect(commit.output).toMatch(/berth check \(generated output is up to date\)\.+Failed/);
    expect(commit.output).toContain("deploy/ is out of date");
    expect(commit.output).toMatch(/^\+\s+image: \S+:9\.9\.9$/m);
    expect(git("rev-parse", "HEAD")).toBe(head);

    // Compiling and staging the output makes the same commit go through.
    berth("compile", "services/web/service.yaml");
    git("add", "-A");
    const again = run("git", ["commit", "-m", "bump the image"]);
    expect(again.status, again.output).toBe(0);
    expect(git("rev-parse", "HEAD")).not.toBe(head);
  });
});

it("hooks file: both hooks run once for all files, on manifests only, excluding berth's output folders", () => {
  const text = readFileSync(join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8");
  for (const id of HOOKS) expect(text).toContain(`- id: ${id}`);
  const files = new RegExp(/^ {2}files: (.+)$/m.exec(text)![1]!);
  const exclude = new RegExp(/^ {2}exclude: (.+)$/m.exec(text)![1]!);
  const picked = (path: string) => files.test(path) && !exclude.test(path);
  for (const path of ["service.yaml", "services/orders/service.yml", "apps/x/service.hcl", "service.json"]) expect(picked(path), path).toBe(true);
  for (const path of ["deploy/orders/production/kubernetes/service.yaml", "deploy/orders/helm/orders/templates/service.yaml", "deploy/orders/production/helm/orders/templates/service.yaml", "helm/orders/templates/service.yaml", "services/orders/values.yaml"]) expect(picked(path), path).toBe(false);
  expect(text.match(/^ {2}require_serial: true$/gm)).toHaveLength(HOOKS.length);
}, 60_000);
