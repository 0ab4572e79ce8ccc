import { LineIndex } from "../diagnostics/locate.js";
import { diagnosticAtPosition } from "../diagnostics/make.js";
import type { ParseResult } from "./parsed.js";
import { parseYaml } from "./parse-yaml.js";

/**
 * JSON manifests are held to JSON's own grammar (YAML would accept trailing commas and comments),
 * then read through the YAML parser, which keeps the positions diagnostics need.
 */
export function parseJson(file: string, text: string): ParseResult {
  if (text.trim() === "") return parseYaml(file, text, "json");
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    let offset = Math.min(at ? Number(at[1]) : text.trimEnd().length, text.length);
    let summary = message.replace(/ in JSON at position \d+.*$/, "").replace(/^Unexpected end of JSON input$/, "unexpected end of input");
    // JSON.parse blames the bracket after a trailing comma; the comma is the mistake.
    const comma = text.slice(0, offset).search(/,\s*$/);
    if (comma >= 0 && /^[}\]]/.test(text.slice(offset))) [offset, summary] = [comma, "trailing comma"];
    const position = new LineIndex(text).position(offset);
    return { ok: false, diagnostics: [diagnosticAtPosition(file, "JSON_SYNTAX", position, summary)] };
  }
  return parseYaml(file, text, "json");
}
