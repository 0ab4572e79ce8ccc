import type { Problem } from "../diagnostics/diagnostic.js";
import type { Locatable } from "../diagnostics/locate.js";

export type ManifestFormat = "yaml" | "json" | "hcl";

/** A manifest's text, parsed: its plain data and a way back from data paths to text positions. */
export interface ParsedSource extends Locatable {
  readonly text: string;
  readonly format: ManifestFormat;
  readonly value: unknown;
  /** Some sources compute positions only on demand: call before locating (the pipeline does). */
  prepareLocator?(): Promise<void>;
}

/** A failed parse keeps the decoded text (when there is one) so code frames can show it. */
export type ParseResult = { ok: true; source: ParsedSource } | { ok: false; problems: Problem[]; text?: string };

/** Deepest nesting accepted. The schema's deepest path is under 10 levels; this bounds recursion on hostile input. */
export const MAX_DEPTH = 64;

/** Path to the first value nested deeper than `max`, or undefined. Iterative, so hostile input cannot overflow the stack. */
export function findTooDeep(value: unknown, max = MAX_DEPTH): Array<string | number> | undefined {
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (path.length >= max) return path;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
    else for (const [k, item] of Object.entries(v)) stack.push({ v: item, path: [...path, k] });
  }
  return undefined;
}
