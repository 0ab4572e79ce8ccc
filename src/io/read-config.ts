import { resolve } from "node:path";
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from "../config/load-config.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { present } from "../diagnostics/present.js";
import { readManifestBytes } from "./read-sources.js";

/** The config file read from the working directory when none is named. */
export const DEFAULT_CONFIG_FILE = "berth.config.yaml";

export interface ReadConfigOptions extends LoadConfigOptions {
  /** Where `file` (and the default config file) are looked up. */
  cwd: string;
}

/**
 * Reads and loads the config file: `file` when one is named (it must exist: FILE_NOT_FOUND
 * otherwise), else berth.config.yaml in `cwd` when present, else an empty config. Diagnostics
 * name the file as the user wrote it, so `file:line:col` is clickable from `cwd`.
 */
export async function readConfig(file: string | undefined, options: ReadConfigOptions): Promise<LoadedConfig> {
  const name = file ?? DEFAULT_CONFIG_FILE;
  const read = await readManifestBytes(resolve(options.cwd, name));
  if (read.ok) return loadConfig(name, read.bytes, options);
  if (file === undefined && read.problem.code === "FILE_NOT_FOUND") return { file: name, config: {}, diagnostics: [] };
  return { file: name, diagnostics: await present([asConfigReadProblem(read.problem, name)]) };
}

/** The reader speaks of manifests; say its problems of the config file, named as the user wrote it. */
function asConfigReadProblem(p: Problem, file: string): Problem {
  return { ...p, file, params: { ...p.params, subject: "config" } };
}
