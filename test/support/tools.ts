// Finding the outside tools and shared data the conformance tests need, with one rule for all of them:
// missing on a developer's machine → print `skipping: … not installed` and let the test skip;
// missing under CI=true → throw, so the test fails (CI installs them: .ci/run → test/support/install-tools.sh).
//
// The one escape hatch is BERTH_UNOBTAINABLE_TOOLS (comma-separated names), which install-tools.sh sets only
// when a package registry definitively refused a tool (kube-linter: the Go module proxy answers 403).
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (test/support/ → ../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const noticed = new Set<string>();
let goBinCache: string | null | undefined;

function isCi(): boolean {
  return process.env.CI === "true";
}

function goBinDir(): string | null {
  if (goBinCache !== undefined) return goBinCache;
  goBinCache = null;
  try {
    // A synchronous child blocks vitest's own timer, so it needs a timeout of its own.
    const gopath = execFileSync("go", ["env", "GOPATH"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 30_000 })
      .trim()
      .split(delimiter)[0];
    if (gopath) goBinCache = join(gopath, "bin");
  } catch {
    const gopath = process.env.GOPATH?.split(delimiter)[0];
    if (gopath) goBinCache = join(gopath, "bin");
  }
  return goBinCache;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The directories searched for tools: PATH, then `$(go env GOPATH)/bin`, then ~/go/bin. */
export function toolSearchPath(): string[] {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  const goBin = goBinDir();
  if (goBin) dirs.push(goBin);
  dirs.push(join(homedir(), "go", "bin"));
  return [...new Set(dirs)];
}

/** The executable's path, or undefined; prints nothing and never throws. */
export function findTool(name: string): string | undefined {
  for (const dir of toolSearchPath()) {
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function unobtainable(name: string): boolean {
  return (process.env.BERTH_UNOBTAINABLE_TOOLS ?? "")
    .split(",")
    .map((s) => s.trim())
    .includes(name);
}

/**
 * Reports something the tests need that is not there. Off CI: prints `skipping: <what> not installed` once and
 * returns undefined. Under CI=true: throws (unless `name` is listed in BERTH_UNOBTAINABLE_TOOLS).
 */
export function missing(name: string, hint = ""): undefined {
  if (isCi() && !unobtainable(name)) {
    throw new Error(
      `${name} not installed, and CI=true: a missing tool fails the run instead of skipping` +
        ` (.ci/run installs it through test/support/install-tools.sh)${hint ? `; ${hint}` : ""}`,
    );
  }
  if (!noticed.has(name)) {
    noticed.add(name);
    const why = unobtainable(name) ? " (its registry refused it: BERTH_UNOBTAINABLE_TOOLS)" : "";
    console.log(`skipping: ${name} not installed${why}${hint ? ` (${hint})` : ""}`);
  }
  return undefined;
}

/**
 * The path of executable `name` (PATH, `$(go env GOPATH)/bin`, ~/go/bin). When missing: prints
 * `skipping: <name> not installed` and returns undefined — or, under CI=true, throws so the test fails.
 */
export function requireTool(name: string): string | undefined {
  return findTool(name) ?? missing(name);
}

/**
 * The shared/ folder beside the repository (conformance data: CRDs, Polaris checks, SARIF schema);
 * BERTH_SHARED_DIR overrides. Same skip/fail rule as requireTool.
 */
export function sharedDir(): string | undefined {
  const dir = process.env.BERTH_SHARED_DIR ?? resolve(REPO_ROOT, "..", "shared");
  if (existsSync(join(dir, "conformance"))) return dir;
  return missing("shared", `no conformance data at ${dir}`);
}

const tempDirs: string[] = [];

/** A new folder under the OS temp dir, removed when the process exits (test workers are processes). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (tempDirs.length === 0) {
    process.on("exit", () => {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  tempDirs.push(dir);
  return dir;
}
