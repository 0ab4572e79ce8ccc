import { statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from "../config/load-config.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { present } from "../diagnostics/present.js";
import { readManifestBytes } from "./read-sources.js";

/** The config file looked for when none is named. */
export const DEFAULT_CONFIG_FILE = "berth.config.yaml";

export interface ReadConfigOptions extends LoadConfigOptions {
  /** Where `file` is resolved from, and where the search for the default config file starts. */
  cwd: string;
}

/** A config file as read from disk: the loaded config, the folder its paths are relative to, and the repository root. */
export interface ReadConfig extends LoadedConfig {
  /** The folder holding the config file (absolute); the working directory when no file was found. */
  dir: string;
  /**
   * The repository root (absolute): `repository_root` from the config when set, else the nearest
   * folder from the working directory up that holds `.git`, else undefined.
   */
  repositoryRoot?: string;
}

/**
 * Reads and loads the config file: `file` when one is named (it must exist: FILE_NOT_FOUND
 * otherwise), else the first berth.config.yaml found from `cwd` up to the repository root (the
 * nearest folder holding `.git`; only `cwd` itself outside a repository), else an empty config.
 * Diagnostics name the file relative to `cwd`, so `file:line:col` is clickable from there.
 */
export async function readConfig(file: string | undefined, options: ReadConfigOptions): Promise<ReadConfig> {
  const gitRoot = await findRepositoryRoot(options.cwd);
  const found = file !== undefined ? resolve(options.cwd, file) : await findDefaultConfig(options.cwd, gitRoot);
  const name = file ?? (found ? displayPath(options.cwd, found) : DEFAULT_CONFIG_FILE);
  const dir = found ? dirname(found) : options.cwd;
  const located = (loaded: LoadedConfig): ReadConfig => {
    const configured = loaded.config?.repository_root;
    const repositoryRoot = configured !== undefined ? resolve(dir, configured) : gitRoot;
    return { ...loaded, dir, ...(repositoryRoot !== undefined ? { repositoryRoot } : {}) };
  };
  if (!found) return located({ file: name, config: {}, diagnostics: [] });
  const read = await readManifestBytes(found);
  if (read.ok) return located(await loadConfig(name, read.bytes, options));
  return located({ file: name, diagnostics: await present([asConfigReadProblem(read.problem, name)]) });
}

/** The nearest folder from `start` up that holds `.git` (a folder, or a file in a worktree), or undefined. */
export async function findRepositoryRoot(start: string): Promise<string | undefined> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (await exists(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** berth.config.yaml in `cwd` or a parent up to `root` (only `cwd` when there is no root); a directory there counts, so it is reported. */
async function findDefaultConfig(cwd: string, root: string | undefined): Promise<string | undefined> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, DEFAULT_CONFIG_FILE);
    if (await exists(candidate)) return candidate;
    if (root === undefined || dir === root || dirname(dir) === dir) return undefined;
  }
}

/** Synchronous: a few calls up the folders, each cheaper than a thread-pool round trip (and no node:fs/promises to load). */
async function exists(path: string): Promise<boolean> {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** `path` relative to `cwd` with `/`, or absolute when it is not below `cwd`'s drive. */
function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !isAbsolute(rel) ? rel.split(sep).join("/") : path;
}

/** The reader speaks of manifests; say its problems of the config file, named as the user wrote it. */
function asConfigReadProblem(p: Problem, file: string): Problem {
  return { ...p, file, params: { ...p.params, subject: "config" } };
}
