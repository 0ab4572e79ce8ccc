import { relative, sep } from "node:path";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { loadManifests } from "../../io/load-manifests.js";
import type { NormalizeOptions } from "../../model/normalize.js";
import type { LoadedManifest } from "../../pipeline.js";
import type { CliIO } from "../io.js";
import { printDiagnostics } from "../print-diagnostics.js";

/** Reads and loads every manifest, printing its diagnostics; shared by the commands that compile. */
export async function loadAll(files: string[], io: CliIO, options: NormalizeOptions = {}): Promise<{ loaded: LoadedManifest[]; failed: boolean }> {
  const loaded = await loadManifests(files, io.cwd, options);
  printDiagnostics(io, loaded);
  return { loaded, failed: loaded.some((r) => hasErrors(r.diagnostics)) };
}

/** How a manifest is named in generated headers: its path from `base` (the repository root, for the CLI), with `/`. */
export function sourceName(file: string, base: string): string {
  return relative(base, file).split(sep).join("/") || file;
}
