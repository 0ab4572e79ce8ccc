import { resolve } from "node:path";
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from "../config/load-config.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
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
  if (file === undefined && read.diagnostic.code === "FILE_NOT_FOUND") return { file: name, config: {}, diagnostics: [] };
  return { file: name, diagnostics: [asConfigReadProblem(read.diagnostic, name)] };
}

/** The reader words its problems for manifests; say them of the config file. */
function asConfigReadProblem(d: Diagnostic, file: string): Diagnostic {
  if (d.code === "FILE_NOT_FOUND") return { ...d, file, hint: "Check the path given to `--config`." };
  if (d.message.startsWith("is a directory")) return { ...d, file, message: "is a directory, not a config file", hint: "Give `--config` the config file itself, e.g. `berth.config.yaml`." };
  return { ...d, file };
}
