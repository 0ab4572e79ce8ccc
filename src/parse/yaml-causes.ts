import { parseAllDocuments, type YAMLError } from "yaml";
import type { ParamsOf } from "../diagnostics/catalogue/index.js";

/**
 * How berth reads YAML: the authoritative reader, and the trial re-reads below, use the same options.
 * The YAML 1.2 core schema whatever the file says: a `%YAML 1.1` directive does not switch on 1.1's
 * merge keys, and explicit YAML 1.1 tags (`!!merge`, `!!binary`, `!!set`, `!!omap`, `!!timestamp`)
 * are not resolved into symbols, buffers, sets or dates: they stay unresolved tags, reported as
 * such. So the data is always plain JSON-like values, as the fast reader gives.
 */
export const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, stringKeys: true, schema: "core", resolveKnownTags: false, merge: false } as const;

/**
 * One mistake found among the yaml library's errors: a library error kept as it is, or a cause
 * berth recognises, worded by its own code.
 */
export type Cause =
  | { error: YAMLError; repeats?: number }
  | { code: "YAML_UNQUOTED_VALUE"; offset: number; params: ParamsOf<"YAML_UNQUOTED_VALUE"> }
  | { code: "YAML_BAD_INDENT"; offset: number; params: ParamsOf<"YAML_BAD_INDENT"> }
  | { code: "YAML_MISSING_SEPARATOR"; offset: number; params: ParamsOf<"YAML_MISSING_SEPARATOR"> }
  | { code: "YAML_COLON_IN_VALUE"; offset: number; params: ParamsOf<"YAML_COLON_IN_VALUE"> };

/**
 * What the library says about the lines after a misplaced line: each sibling "must start at the same
 * column", a plain value runs on into the next line's key. These follow from one misindented line
 * (or a tab), so they are reported as that one cause.
 */
function isStructural(error: YAMLError): boolean {
  switch (error.code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return true;
    case "BAD_INDENT": // not a flow collection's indentation
      return error.message.includes("must start at the same column");
    case "MISSING_CHAR":
      return error.message.includes("without - indicator");
    default:
      return false;
  }
}

/**
 * The causes behind the yaml library's errors, each reported once where the mistake is:
 * - a plain value starting with `*`, `@` or a backtick (an unquoted cron such as `* * * * *`):
 *   one YAML_UNQUOTED_VALUE on its line instead of an "Unexpected alias" per field;
 * - `replicas:2` or `team my-team` where a key was expected: YAML_MISSING_SEPARATOR, instead of
 *   "Implicit map keys need to be followed by map values";
 * - `description: What it does: briefly`: YAML_COLON_IN_VALUE, instead of "Nested mappings are
 *   not allowed in compact mappings";
 * - tabs: the TAB_AS_INDENT errors, without the structural errors after them that they cause;
 * - a misindented line: one YAML_BAD_INDENT on the line whose re-indentation makes the block
 *   parse (found by re-reading), instead of an error for every sibling after it.
 * Other errors are kept as the library reports them.
 */
export function yamlCauses(text: string, errors: readonly YAMLError[]): Cause[] {
  const lines = splitLines(text);
  const lineOf = (offset: number) => lineIndex(lines, offset);
  const out: Cause[] = [];

  // Mistakes recognised on the line the library complains about: one cause per line, which
  // stands for every error on that line.
  const recognised = new Map<number, Cause>();
  for (const error of errors) {
    const at = lineOf(error.pos[0]);
    if (recognised.has(at)) continue;
    const cause = lineCause(lines[at]!, error);
    if (cause) recognised.set(at, cause);
  }
  let rest = errors.filter((e) => !recognised.has(lineOf(e.pos[0])));
  out.push(...recognised.values());

  const tabs = rest.filter((e) => e.code === "TAB_AS_INDENT");
  if (tabs.length) {
    // A tab breaks the structure from its line on: what the library says about it after that is derived.
    const from = lines[lineOf(Math.min(...tabs.map((e) => e.pos[0])))]!.start;
    rest = rest.filter((e) => !(isStructural(e) && e.pos[0] >= from));
  } else if (rest.some(isStructural)) {
    const structural = rest.filter(isStructural);
    const { blamed, block } = misindentedLines(lines, structural.map((e) => lineOf(e.pos[0])));
    if (blamed.length) {
      for (const b of blamed) out.push({ code: "YAML_BAD_INDENT", offset: lines[b.line]!.start + b.found, params: describeIndent(lines, b) });
      // Re-indenting alone made the block parse: whatever else the library said about it (a `-` item
      // read as a key: "With stringKeys, all keys must be strings", "Implicit map keys need to be
      // followed by map values") was the same mistake.
      const [start, end] = block ?? [0, -1];
      rest = rest.filter((e) => !isStructural(e) && !(e.pos[0] >= start && e.pos[0] < end));
    } else {
      // No single line explains them: the first says where the structure broke; the rest follow from it.
      rest = rest.filter((e) => !isStructural(e) || e === structural[0]);
    }
  }
  // After a token the document cannot hold (a stray `}`), the library reads the rest of the file as
  // loose tokens and reports each one, "Unexpected scalar token in YAML stream", three per line:
  // they follow from the first, which is the mistake.
  const stream = rest.filter((e) => e.message.includes(" in YAML stream"));
  if (stream.length > 1) {
    const first = stream[0]!;
    rest = rest.filter((e) => !e.message.includes(" in YAML stream") || e === first);
    out.push(...rest.map((error) => (error === first ? { error, repeats: stream.length - 1 } : { error })));
    return out;
  }
  out.push(...rest.map((error) => ({ error })));
  return out;
}

interface Line {
  start: number;
  text: string;
  /** Leading spaces; -1 for a blank or comment line, or one indented with a tab. */
  indent: number;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const lead = /^ */.exec(line)![0].length;
    const rest = line.slice(lead);
    out.push({ start, text: line, indent: rest === "" || rest.startsWith("#") || rest.startsWith("\t") ? -1 : lead });
    start += raw.length + 1;
  }
  return out;
}

function lineIndex(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The unquoted value at `offset` (an alias whose anchor does not exist, such as `description: *new*`),
 * when its line is a `key: value` that YAML read as an alias.
 */
export function unquotedValueAt(text: string, offset: number): Extract<Cause, { code: "YAML_UNQUOTED_VALUE" }> | undefined {
  const lines = splitLines(text);
  const line = lines[lineIndex(lines, offset)]!;
  if (line.text.length > MAX_READ_LINE) return undefined;
  const found = unquotedValue(line);
  return found ? { code: "YAML_UNQUOTED_VALUE", offset: line.start + found.column, params: found.params } : undefined;
}

/**
 * Lines longer than this are not read for a likely mistake (the library's own message stands): the
 * patterns below try a key's end at each character of a line, which a megabyte-long line of spaces
 * would make quadratic. A manifest's lines are far shorter.
 */
const MAX_READ_LINE = 2_000;

/** A mistake berth recognises on `line`, from what the library says there, or undefined. */
function lineCause(line: Line, error: YAMLError): Cause | undefined {
  if (line.text.length > MAX_READ_LINE) return undefined;
  const column = error.pos[0] - line.start;
  if (UNQUOTED_SYMPTOMS.has(error.code)) {
    const found = unquotedValue(line);
    return found && { code: "YAML_UNQUOTED_VALUE", offset: line.start + found.column, params: found.params };
  }
  if (isKeyWithoutValue(error)) {
    const params = missingSeparator(line, column);
    return params && { code: "YAML_MISSING_SEPARATOR", offset: error.pos[0], params };
  }
  if (error.code === "BLOCK_AS_IMPLICIT_KEY" && error.message.startsWith("Nested mappings")) {
    const params = colonInValue(line, column);
    return params && { code: "YAML_COLON_IN_VALUE", offset: error.pos[0], params };
  }
  return undefined;
}

/**
 * What the library says about a plain scalar where a key was expected: "Implicit map keys need to
 * be followed by map values" when the next line ends the block, "Implicit keys need to be on a
 * single line" when the scalar runs on into the next line.
 */
function isKeyWithoutValue(error: YAMLError): boolean {
  return (error.code === "MISSING_CHAR" && error.message.startsWith("Implicit map keys need to be followed by map values")) || error.code === "MULTILINE_IMPLICIT_KEY";
}

/** A key as people write one: no spaces, and not starting with a YAML indicator (`-`, `[`, `&`, a quote…). */
const PLAIN_KEY = String.raw`[^\s:#'"{}[\],&*!|>%@\`?-][^\s:]*`;
/** `replicas:2`: a key, a colon and a value with no space between. */
const NO_SPACE = new RegExp(`^(${PLAIN_KEY}):(\\S.*)$`);
/** `team my-team`: a key, spaces and a value, and no colon that could end a key. */
const NO_COLON = new RegExp(`^(${PLAIN_KEY})\\s+([^\\s#].*)$`);

/**
 * A `key: value` line missing its separator, when the scalar the library complains about starts
 * the line (so it stood where a key was expected). A line of one word is left alone: it may as well
 * be a value that lost its indentation.
 */
function missingSeparator(line: Line, column: number): ParamsOf<"YAML_MISSING_SEPARATOR"> | undefined {
  if (!/^ *$/.test(line.text.slice(0, column))) return undefined;
  const content = line.text.slice(column).replace(/\s+#.*$/, "").trimEnd();
  const noSpace = NO_SPACE.exec(content);
  if (noSpace) return { key: noSpace[1]!, value: noSpace[2]!, colon: true };
  const noColon = /:(\s|$)/.test(content) ? null : NO_COLON.exec(content);
  return noColon ? { key: noColon[1]!, value: noColon[2]!, colon: false } : undefined;
}

/**
 * `key: value` whose plain value (at `column`, where the library complains) contains `: `: YAML
 * reads a second key there, which a block mapping's value on the same line cannot be.
 */
function colonInValue(line: Line, column: number): ParamsOf<"YAML_COLON_IN_VALUE"> | undefined {
  const m = /^(\s*(?:-\s+)?)(?:([^\s#'"{}[\]][^#]*?)\s*:\s+)?/.exec(line.text)!;
  if (m[0].length !== column) return undefined;
  const value = line.text.slice(column).replace(/\s+#.*$/, "").trimEnd();
  if (!/^[^\s'"{}[\]|>&*!@`]/.test(value) || !/:(\s|$)/.test(value)) return undefined;
  return { ...(m[2] !== undefined ? { key: m[2] } : {}), value };
}

/** What the library says about a plain value starting with `*` (alias tokens) or `@`/a backtick (reserved). */
const UNQUOTED_SYMPTOMS = new Set(["UNEXPECTED_TOKEN", "BAD_ALIAS", "BAD_SCALAR_START"]);

/** Cron shapes: five fields of cron characters, or an `@` shorthand. */
const CRON = /^(@(hourly|daily|weekly|monthly|yearly|annually|midnight)|[0-9*/,\-A-Za-z?]+(\s+[0-9*/,\-A-Za-z?]+){4})$/;

/** A block-style `key: value` (or `- value`) whose plain value starts with `*`, `@` or a backtick. */
function unquotedValue(line: Line): { column: number; params: ParamsOf<"YAML_UNQUOTED_VALUE"> } | undefined {
  const m = /^(\s*(?:-\s+)?)(?:([^\s#'"{}[\]][^#]*?|"[^"]*"|'[^']*')\s*:\s+)?([*@`].*?)(\s+#.*)?$/.exec(line.text);
  if (!m) return undefined;
  const value = m[3]!.trimEnd();
  const column = line.text.indexOf(m[3]!, m[1]!.length + (m[2]?.length ?? 0));
  return { column, params: { ...(m[2] !== undefined ? { key: m[2] } : {}), value, indicator: value[0]!, cron: CRON.test(value) } };
}

interface Blame {
  line: number;
  found: number;
  expected: number;
}

/**
 * The lines whose indentation, changed alone, makes the structural errors go away: each indented
 * line around the errors is re-read at each indentation its neighbours use. A change counts when it
 * leaves fewer errors of any kind (so it may not trade one error for another); the one that leaves
 * the fewest wins, then the smallest shift, then one in line with the line above, then the later
 * line (YAML takes a block's first key's column as the block's, so of two keys that disagree the
 * second is out of line). Repeated for a second or third mistake. Only the top-level entries around
 * the errors are re-read (they parse on their own), and top-level keys are not moved: they frame it.
 * Returns the lines blamed and, when the re-indented block has no error left at all, its offsets.
 */
/** Characters re-read, at most, to find a misindented line: a real manifest's block needs a few hundred thousand. */
const MAX_REREAD_CHARS = 300_000;
/** How far from the first reported error a misindented line is looked for (it is at or just before it). */
const NEAR_LINES = 15;

function misindentedLines(lines: readonly Line[], errorLines: readonly number[]): { blamed: Blame[]; block?: [number, number] } {
  const first = Math.min(...errorLines);
  const last = Math.max(...errorLines);
  let from = first;
  while (from > 0 && lines[from]!.indent !== 0) from--;
  let to = last + 1;
  while (to < lines.length && lines[to]!.indent !== 0) to++;
  const texts = lines.slice(from, to).map((l) => l.text);
  const indents = [...new Set(lines.slice(from, to).map((l) => l.indent).filter((n) => n >= 0))];
  // Each trial re-reads the block: bound the work so a long block cannot turn a syntax error into a
  // wait (or hostile input into a hang). Only lines near the errors are tried, and past the budget
  // the caller keeps the parser's first error.
  const blockChars = texts.reduce((n, t) => n + t.length + 1, 0);
  let budget = MAX_REREAD_CHARS;
  const nearFrom = Math.max(from, first - NEAR_LINES);
  const nearTo = Math.min(to, first + NEAR_LINES + 1);
  let current = errorCounts(texts.join("\n"));
  const blamed: Blame[] = [];
  for (let round = 0; round < 3 && current.structural > 0; round++) {
    let best: { blame: Blame; rank: number[]; texts: string[]; counts: Counts } | undefined;
    for (let i = nearFrom; i < nearTo; i++) {
      const own = lines[i]!.indent;
      if (own <= 0 || blamed.some((b) => b.line === i)) continue;
      const above = indentAbove(texts, i - from);
      for (const target of indents) {
        if (target === own) continue;
        if ((budget -= blockChars) < 0) return { blamed: [] };
        const trial = texts.slice();
        trial[i - from] = " ".repeat(target) + trial[i - from]!.slice(own);
        const counts = errorCounts(trial.join("\n"));
        if (counts.total >= current.total) continue;
        const rank = [counts.total, Math.abs(target - own), target === above ? 0 : 1, -i];
        if (!best || lessThan(rank, best.rank)) best = { blame: { line: i, found: own, expected: target }, rank, texts: trial, counts };
      }
    }
    if (!best) break;
    blamed.push(best.blame);
    texts.splice(0, texts.length, ...best.texts);
    current = best.counts;
  }
  if (current.structural > 0) return { blamed: [] };
  // The offsets the re-read block spans, when re-indenting left no error in it at all.
  const end = to < lines.length ? lines[to]!.start : Infinity;
  return { blamed: blamed.sort((a, b) => a.line - b.line), ...(current.total === 0 ? { block: [lines[from]!.start, end] as [number, number] } : {}) };
}

/** The indentation of the nearest content line above line `i` (-1 when there is none). */
function indentAbove(texts: readonly string[], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const m = /^( *)([^ ])/.exec(texts[k]!);
    if (m && m[2] !== "#") return m[1]!.length;
  }
  return -1;
}

function lessThan(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
}

interface Counts {
  total: number;
  structural: number;
}

function errorCounts(text: string): Counts {
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const errors = Array.isArray(docs) ? docs.flatMap((d) => d.errors) : [];
  return { total: errors.length, structural: errors.filter(isStructural).length };
}

/** The misindented key, and the block it belongs to (the keys above it, as a dotted path) once indented as expected. */
function describeIndent(lines: readonly Line[], b: Blame): ParamsOf<"YAML_BAD_INDENT"> {
  const text = lines[b.line]!.text;
  const item = /^\s*-(\s|$)/.test(text);
  const key = item ? undefined : /^\s*([^\s#:'"{}[\]][^:#]*?)\s*:(\s|$)/.exec(text)?.[1];
  const parents: string[] = [];
  let indent = b.expected;
  for (let i = b.line - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i]!;
    if (l.indent < 0 || l.indent >= indent) continue;
    const item = /^( *)- +/.exec(l.text);
    if (item && item[0].length === indent) {
      // The key is in this list item's mapping: name the list (`scheduled_jobs[]`) and go on above it.
      parents.unshift("[]");
      indent = l.indent;
      continue;
    }
    const opener = /^\s*([^\s#:'"{}[\]-][^:#]*?)\s*:\s*(#.*)?$/.exec(l.text);
    if (!opener) break; // a value: stop naming the block there
    parents.unshift(opener[1]!);
    indent = l.indent;
  }
  const parent = parents.join(".").replace(/\.\[\]/g, "[]");
  return { ...(key ? { key } : {}), ...(item ? { item } : {}), found: b.found, expected: b.expected, ...(parent && !parent.startsWith("[]") ? { parent } : {}) };
}
