import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAtPosition } from "../diagnostics/make.js";
import { decodeManifest } from "./decode.js";
import type { ManifestFormat, ParseResult } from "./parsed.js";
import { parseJson } from "./parse-json.js";
import { parseYaml } from "./parse-yaml.js";

export type { ParsedSource, ParseResult, ManifestFormat } from "./parsed.js";

/** The manifest format a file name implies, or undefined for an unsupported extension. */
export function formatOf(file: string): ManifestFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return "yaml";
  if (/\.json$/i.test(file)) return "json";
  if (/\.hcl$/i.test(file)) return "hcl";
  return undefined;
}

/** Decodes and parses one manifest file's bytes. HCL support loads only when an HCL file is seen. */
export async function parseManifest(file: string, bytes: Uint8Array): Promise<ParseResult> {
  const format = formatOf(file);
  if (!format) return fail(diagnosticAtPosition(file, "UNSUPPORTED_EXTENSION", { line: 1, col: 1 }, "unknown manifest extension"));
  const decoded = decodeManifest(file, bytes);
  if (!decoded.ok) return { ok: false, diagnostics: [decoded.diagnostic], ...(decoded.text !== undefined ? { text: decoded.text } : {}) };
  const result = format === "hcl" ? await (await import("./parse-hcl.js")).parseHcl(file, decoded.text)
    : format === "json" ? parseJson(file, decoded.text)
    : parseYaml(file, decoded.text);
  return result.ok ? result : { ...result, text: decoded.text };
}

function fail(diagnostic: Diagnostic): ParseResult {
  return { ok: false, diagnostics: [diagnostic] };
}
