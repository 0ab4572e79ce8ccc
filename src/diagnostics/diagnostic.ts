import type { Params } from "./catalogue/entry.js";
import type { LocateTarget } from "./locate.js";

/** Where a diagnostic points: 1-based line and column in the source file. */
export interface Position {
  line: number;
  col: number;
}

export type Severity = "error" | "warning" | "info";

/** A path into the manifest's data, e.g. `["ports", 0, "name"]`. */
export type DataPath = ReadonlyArray<string | number>;

/**
 * One problem found in user input, as data: what the parser, the schema check and the rules
 * produce. It says which code applies, where (a data path, or a position when there is no data
 * yet), and the facts (`params`). No wording: `present` renders the message and hint from the
 * catalogue and resolves the position, once, when the problems are handed out.
 */
export interface Problem {
  /** A catalogue code, or a checklist rule's id (its wording is on the rule). */
  code: string;
  severity: Severity;
  file: string;
  /** The offending value (or key), located when presented. */
  path?: DataPath;
  target?: LocateTarget;
  /** Where it is when there is no data path (read and syntax errors). */
  position?: Position;
  params: Params;
  /** The text at this position is a credential: never echo it (code frames mask it). */
  redact?: boolean;
  /** The rule that found it, when a rule did (its id; `code` may be a catalogue code the rule reports). */
  rule?: string;
  /** A rule finding's verdict: failing, or covered by a waiver (then severity is `info`). */
  status?: "fail" | "waived";
  /** The waiver that covers it (or covered it, when expired). */
  waiver?: { expires: string; reason: string; expired?: boolean };
  /** The environments it applies to, when not all of the manifest's. */
  environments?: string[];
}

/** A problem presented: located in its file and worded for people. Tests assert on `code` and position. */
export interface Diagnostic extends Omit<Problem, "path" | "position"> {
  line: number;
  col: number;
  /** JSON-pointer-style path of the offending value, when there is one. */
  path?: string;
  message: string;
  hint: string;
}

/** Parses a JSON pointer back into a data path (segments stay strings; locators accept numeric strings as indices). */
export function fromPointer(pointer: string): string[] {
  return pointer ? pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
}

/** Renders a data path as a JSON pointer (`/ports/0/name`). */
export function toPointer(path: DataPath): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Renders a data path the way users write it (`ports[0].name`). */
export function toDotted(path: DataPath): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out || "(top level)";
}

export function hasErrors(diagnostics: readonly { severity: Severity }[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sorts by file, then position, then code, and drops exact repeats (e.g. one base value judged per environment). */
export function sortAndDedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.file}\0${d.line}\0${d.col}\0${d.code}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
