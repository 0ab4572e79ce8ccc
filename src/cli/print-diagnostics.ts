import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatDiagnostic, maskCredentials } from "../diagnostics/format-text.js";
import { streamStyle, type Style } from "./color.js";
import type { CliIO } from "./io.js";

/** A file with what was found in it: a loaded manifest or a loaded config file. */
export interface DiagnosedFile {
  file: string;
  /** The file's text, when it could be decoded (code frames need it). */
  text?: string;
  diagnostics: readonly Diagnostic[];
}

/**
 * Each diagnostic as a text block (header, code frame, hint). Every file's text is masked with
 * all of `maskWith` first: a frame's context lines may show a credential another diagnostic found.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], files: readonly DiagnosedFile[], style: Style, maskWith: readonly Diagnostic[] = diagnostics): string[] {
  const texts = new Map(files.map((f) => [f.file, f.text === undefined ? undefined : maskCredentials(f.text, maskWith.filter((d) => d.file === f.file))]));
  return diagnostics.map((d) => formatDiagnostic(d, texts.get(d.file), { style }));
}

/** Prints every file's diagnostics to stderr, each followed by a blank line. */
export function printDiagnostics(io: CliIO, files: readonly DiagnosedFile[]): void {
  const style = streamStyle(io, "stderr");
  for (const file of files) {
    for (const block of renderDiagnostics(file.diagnostics, [file], style)) io.stderr(block + "\n\n");
  }
}
