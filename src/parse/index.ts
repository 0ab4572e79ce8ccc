import type { Problem } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../diagnostics/locate.js";
import { problemAtPosition } from "../diagnostics/make.js";
import { decodeManifest } from "./decode.js";
import { findRunawayNesting } from "./nesting-guard.js";
import type { ManifestFormat, ParseResult } from "./parsed.js";
import { jsonSyntaxProblem } from "./parse-json.js";
import { readYamlFast } from "./read-yaml-fast.js";
import { wrongLanguage } from "./wrong-language.js";

export type { ParsedSource, ParseResult, ManifestFormat } from "./parsed.js";

/** The manifest format a file name implies, or undefined for an unsupported extension. */
export function formatOf(file: string): ManifestFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return "yaml";
  if (/\.json$/i.test(file)) return "json";
  if (/\.hcl$/i.test(file)) return "hcl";
  return undefined;
}

/**
 * Decodes and parses one manifest file's bytes. The HCL parser and the authoritative YAML
 * reader load only when a file needs them: a well-formed YAML manifest takes the fast path.
 */
export async function parseManifest(file: string, bytes: Uint8Array): Promise<ParseResult> {
  const format = formatOf(file);
  if (!format) return fail([problemAtPosition(file, "UNSUPPORTED_EXTENSION", { line: 1, col: 1 }, {})]);
  const decoded = decodeManifest(file, bytes);
  if (!decoded.ok) return fail([decoded.problem], decoded.text);
  const text = decoded.text;
  if (format === "hcl") {
    const result = await (await import("./parse-hcl.js")).parseHcl(file, text);
    return result.ok ? result : failOrWrongLanguage(file, text, format, result.problems);
  }
  // Both YAML readers recurse per nesting level: refuse runaway nesting before either sees it.
  const runaway = findRunawayNesting(text);
  if (runaway >= 0) return fail([problemAtPosition(file, "NESTING_TOO_DEEP", new LineIndex(text).position(runaway), { format })], text);
  const jsonProblem = format === "json" ? jsonSyntaxProblem(file, text) : undefined;
  if (jsonProblem) return failOrWrongLanguage(file, text, format, [jsonProblem]);
  const fast = readYamlFast(file, text, format);
  if (fast) return { ok: true, source: fast };
  const result = (await import("./parse-yaml.js")).parseYaml(file, text, format);
  return result.ok ? result : failOrWrongLanguage(file, text, format, result.problems);
}

/** A syntax failure, said as the one mistake behind it when the text is another manifest language. */
async function failOrWrongLanguage(file: string, text: string, format: ManifestFormat, problems: Problem[]): Promise<ParseResult> {
  const wrong = await wrongLanguage(file, text, format, problems);
  return fail(wrong ? [wrong] : problems, text);
}

function fail(problems: Problem[], text?: string): ParseResult {
  return { ok: false, problems, ...(text !== undefined ? { text } : {}) };
}
