// Makes a release tag that installs from Git with no build step: the tag's commit is HEAD plus the built
// dist/ (which main never carries). pre-commit's `rev:` and `npm install -g git+…#<tag>` both need that,
// because npm installs no dependencies while it prepares a Git dependency globally (see scripts/prepare.mjs).
//
//   npm run release-tag              # tags v<package.json version>
//   npm run release-tag -- v1.2.3    # another name
//
// Builds first, from the committed sources only (a dirty work tree is refused), then commits HEAD's tree +
// dist/ through a temporary index: the branch, the index and the work tree are left as they were.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const tag = process.argv[2] ?? `v${version}`;
const git = (args, env = {}) => execFileSync("git", args, { cwd: root, encoding: "utf8", env: { ...process.env, ...env } }).trim();

if (git(["status", "--porcelain", "--untracked-files=no"])) {
  console.error("release-tag: the work tree has uncommitted changes; commit them first (the tag must match the sources).");
  process.exit(1);
}
if (tag !== `v${version}` && !process.env.BERTH_RELEASE_ANY_NAME) {
  console.error(`release-tag: ${tag} is not v${version} (package.json); bump the version, or set BERTH_RELEASE_ANY_NAME=1.`);
  process.exit(1);
}
execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });

const scratch = mkdtempSync(join(tmpdir(), "berth-release-"));
try {
  const env = { GIT_INDEX_FILE: join(scratch, "index") };
  git(["read-tree", "HEAD"], env);
  git(["add", "--force", "dist"], env);
  const tree = git(["write-tree"], env);
  const commit = git(["commit-tree", tree, "-p", "HEAD", "-m", `berth ${tag}: HEAD with the built dist/, so Git installs need no build`]);
  git(["tag", tag, commit]);
  console.log(`release-tag: ${tag} → ${commit.slice(0, 12)} (HEAD + dist/). Push it with: git push origin ${tag}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
