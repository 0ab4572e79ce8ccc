// A copy of this berth checkout as its own Git repository, for tests that install berth the way users do
// (npm pack, pre-commit from a tag) without building into the checkout the other tests run from.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT, tempDir } from "./tools.js";

/** berth's version (package.json). */
export const BERTH_VERSION: string = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version;

function git(cwd: string, ...args: string[]): string {
  // A synchronous child blocks vitest's own timer, so it needs a timeout of its own.
  return execFileSync("git", args, { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, GIT_AUTHOR_NAME: "berth test", GIT_AUTHOR_EMAIL: "test@berth.invalid", GIT_COMMITTER_NAME: "berth test", GIT_COMMITTER_EMAIL: "test@berth.invalid" } });
}

/**
 * The checkout's files as they are now (tracked and untracked-but-not-ignored, so uncommitted work is
 * what gets tested) committed into a new repository, with node_modules linked to the checkout's.
 */
export function scratchBerthRepo(): string {
  const dir = join(tempDir("berth-scratch-"), "berth");
  mkdirSync(dir);
  const files = git(REPO_ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0").filter(Boolean);
  for (const file of files) {
    const from = join(REPO_ROOT, file);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the work tree, or a symlink (node_modules)
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "berth under test");
  return dir;
}

/** Runs `npm run release-tag` in a scratch repository: tag v<version> = HEAD + the built dist/. */
export function releaseTag(dir: string): string {
  execFileSync(process.execPath, [join(dir, "scripts", "release-tag.mjs")], { cwd: dir, encoding: "utf8", stdio: "pipe", timeout: 300_000, env: { ...process.env, GIT_AUTHOR_NAME: "berth test", GIT_AUTHOR_EMAIL: "test@berth.invalid", GIT_COMMITTER_NAME: "berth test", GIT_COMMITTER_EMAIL: "test@berth.invalid" } });
  return `v${BERTH_VERSION}`;
}

export { git as runGit };
