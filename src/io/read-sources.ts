import { readFile, stat } from "node:fs/promises";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAtPosition } from "../diagnostics/make.js";
import { MAX_MANIFEST_BYTES } from "../parse/decode.js";

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostic: Diagnostic };

/** Reads one manifest's bytes, refusing oversized files before reading them into memory. */
export async function readManifestBytes(file: string): Promise<ReadResult> {
  const at = { line: 1, col: 1 };
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fail(diagnosticAtPosition(file, "FILE_UNREADABLE", at, "is a directory, not a manifest file", { hint: "Pass the manifest files themselves, e.g. `examples/*/service.yaml`." }));
    if (info.size > MAX_MANIFEST_BYTES) return fail(diagnosticAtPosition(file, "FILE_TOO_LARGE", at, `file is ${info.size} bytes; the limit is ${MAX_MANIFEST_BYTES} bytes`));
    return { ok: true, bytes: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail(diagnosticAtPosition(file, "FILE_NOT_FOUND", at, "no such file"));
    return fail(diagnosticAtPosition(file, "FILE_UNREADABLE", at, `cannot read the file (${code ?? "unknown error"})`));
  }
}

function fail(diagnostic: Diagnostic): ReadResult {
  return { ok: false, diagnostic };
}
