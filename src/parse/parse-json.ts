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
    // V8 gives no position for an unexpected token ("Unexpected token '#', \"# berth…\"... is not
    // valid JSON"), only a quote of the text's start: find the token, and keep the quote out.
    const at = /at position (\d+)/.exec(message);
    const found = at ? Number(at[1]) : firstJsonError(text);
    let offset = Math.min(found >= 0 ? found : text.trimEnd().length, text.length);
    let summary = message
      .replace(/ in JSON at position \d+.*$/s, "")
      .replace(/^(Unexpected token .+?), (\.\.\.)?".*$/s, "$1")
      .replace(/^Unexpected end of JSON input$/, "unexpected end of input");
    // JSON.parse blames the bracket after a trailing comma; the comma is the mistake.
    const comma = text.slice(0, offset).search(/,\s*$/);
    if (comma >= 0 && /^[}\]]/.test(text.slice(offset))) [offset, summary] = [comma, "trailing comma"];
    return problemAtPosition(file, "JSON_SYNTAX", new LineIndex(text).position(offset), { detail: summary });
  }
}

/**
 * Offset of the first character at which `text` stops being JSON, or -1. Recursive per nesting
 * level: the nesting guard has refused runaway nesting before JSON is parsed.
 */
export function firstJsonError(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < " ") fail();
      if (c === '"') return void i++;
      if (c === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
  };
  const items = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ",") fail();
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      return items("}", () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ":") fail();
        i++;
        value();
      });
    }
    if (c === "[") return items("]", value);
    if (c === '"') return string();
    // A misspelt `true` is blamed where it goes wrong (`tru}` at the `}`), as V8's message says.
    const word = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : undefined;
    if (word) {
      for (const letter of word) {
        if (text[i] !== letter) fail();
        i++;
      }
      return;
    }
    const number = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    number.lastIndex = i;
    if (!number.exec(text)) fail();
    i = number.lastIndex;
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (error) {
    if (error instanceof JsonStop) return error.offset;
    throw error;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
