import jsYaml from "js-yaml";
import type { DataPath, Position } from "../diagnostics/diagnostic.js";
import type { LocateTarget } from "../diagnostics/locate.js";
import { MAX_DEPTH, type ManifestFormat, type ParsedSource } from "./parsed.js";
import { YAML_CORE_SCHEMA } from "./yaml-core-schema.js";

/** Returned by locate() before the locator is prepared; the pipeline prepares it before showing any diagnostic. */
export const UNLOCATED: Position = { line: 0, col: 0 };

/**
 * The fast reader for the common case, a well-formed manifest: js-yaml reads values about ten
 * times faster than the yaml library builds its full document. It declines (returns undefined)
 * anything unusual — a syntax error, several documents, aliases, a non-mapping, deep nesting —
 * and the authoritative yaml-library reader then produces the exact diagnostics. Positions are
 * computed only when a diagnostic needs them (prepareLocator), with the yaml library.
 */
export function readYamlFast(file: string, text: string, format: ManifestFormat): ParsedSource | undefined {
  let value: unknown;
  try {
    value = jsYaml.load(text, { schema: YAML_CORE_SCHEMA, filename: file });
  } catch {
    return undefined;
  }
  if (!isPlainData(value)) return undefined;
  let locator: ((path: DataPath, target?: LocateTarget) => Position) | undefined;
  return {
    file,
    text,
    format,
    value,
    locate: (path, target) => (locator ? locator(path, target) : UNLOCATED),
    async prepareLocator() {
      locator ??= (await import("./yaml-document-locator.js")).documentLocator(text);
    },
  };
}

/**
 * A mapping of plain JSON-like data, nested at most MAX_DEPTH deep, with no object reached twice
 * (js-yaml shares one object for every alias of an anchor; the yaml library's alias limits apply
 * to those files).
 */
function isPlainData(root: unknown): boolean {
  if (root === null || typeof root !== "object" || Array.isArray(root)) return false;
  const seen = new Set<object>();
  // Recursion is bounded: findRunawayNesting has already refused anything nested deeply.
  const visit = (v: object, depth: number): boolean => {
    if (seen.has(v) || depth >= MAX_DEPTH) return false;
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === "object" && !visit(child, depth + 1)) return false;
    }
    return true;
  };
  return visit(root, 0);
}
