import { relative, sep } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatDiagnostic, maskCredentials } from "../../diagnostics/format-text.js";
import { readManifestBytes } from "../../io/read-sources.js";
import { loadManifest, type LoadedManifest } from "../../pipeline.js";
import { streamStyle } from "../color.js";
import type { CliIO } from "../io.js";

/** Reads and loads every manifest, printing its diagnostics; shared by the commands that compile. */
export async function loadAll(files: string[], io: CliIO): Promise<{ loaded: LoadedManifest[]; failed: boolean }> {
  const loaded: LoadedManifest[] = [];
  for (const file of files) {
    const read = await readManifestBytes(file);
    loaded.push(read.ok ? await loadManifest(file, read.bytes) : { file, models: [], diagnostics: [read.diagnostic] });
  }
  const style = streamStyle(io, "stderr");
  for (const result of loaded) {
    const text = result.text && maskCredentials(result.text, result.diagnostics);
    for (const d of result.diagnostics) io.stderr(formatDiagnostic(d, text, { style }) + "\n\n");
  }
  const failed = loaded.some((r) => r.diagnostics.some((d: Diagnostic) => d.severity === "error"));
  return { loaded, failed };
}

/** How a manifest is named in generated headers: its path from the working directory, with `/`. */
export function sourceName(file: string, cwd: string): string {
  return relative(cwd, file).split(sep).join("/") || file;
}
