import type { Problem } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../diagnostics/locate.js";
import { problemAtPosition } from "../diagnostics/make.js";

/**
 * JSON manifests are held to JSON's own grammar (YAML would accept trailing commas and comments);
 * once they pass, they are read like YAML, which keeps positions and catches duplicate keys.
 */
export function jsonSyntaxProblem(file: string, text: string): Problem | undefined {
  if (text.trim() === "") return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    let offset = Math.min(at ? Number(at[1]) : text.trimEnd().length, text.length);
    let summary = message.replace(/ in JSON at position \d+.*$/, "").replace(/^Unexpected end of JSON input$/, "unexpected end of input");
    // JSON.parse blames the bracket after a trailing comma; the comma is the mistake.
    const comma = text.slice(0, offset).search(/,\s*$/);
    if (comma >= 0 && /^[}\]]/.test(text.slice(offset))) [offset, summary] = [comma, "trailing comma"];
    return problemAtPosition(file, "JSON_SYNTAX", new LineIndex(text).position(offset), { detail: summary });
  }
}
