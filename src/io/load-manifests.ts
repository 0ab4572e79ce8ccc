import { resolve } from "node:path";
import { present } from "../diagnostics/present.js";
import type { NormalizeOptions } from "../model/normalize.js";
import { loadManifest, type LoadedManifest } from "../pipeline.js";
import { readManifestBytes } from "./read-sources.js";

/**
 * Reads each manifest file and takes it through the pipeline, one file at a time and in the
 * order given. A file that cannot be read becomes a result carrying only its read diagnostic,
 * so callers treat every file alike and one run reports every file's problems. Relative names are
 * read from `cwd` (default: the process's) and keep the name given.
 */
export async function loadManifests(files: readonly string[], cwd?: string, options: NormalizeOptions = {}): Promise<LoadedManifest[]> {
  const loaded: LoadedManifest[] = [];
  for (const file of files) {
    const read = await readManifestBytes(cwd === undefined ? file : resolve(cwd, file));
    loaded.push(read.ok ? await loadManifest(file, read.bytes, options) : { file, models: [], outcomes: [], diagnostics: await present([{ ...read.problem, file }]) });
  }
  return loaded;
}
