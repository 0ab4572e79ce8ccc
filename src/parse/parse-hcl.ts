import type { DataPath, Position, Problem } from "../diagnostics/diagnostic.js";
import { LineIndex, type LocateTarget } from "../diagnostics/locate.js";
import { problemAtPosition } from "../diagnostics/make.js";
import { manifestSchema } from "../schema/manifest-schema.js";
import { hasContent, scanHcl, unclosedHeredoc, unclosedQuote, type HclNode } from "./hcl-scan.js";
import { blockLabelling, hclToData, type HclStep } from "./hcl-to-data.js";
import { loadHcl2Json } from "./load-hcl2json.js";
import { findRunawayHclNesting } from "./nesting-guard.js";
import { findTooDeep, type ParseResult } from "./parsed.js";

/** Syntax errors reported for one file; hcl2json can report dozens for one unclosed quote. */
const MAX_SYNTAX_ERRORS = 10;

/** Parses an HCL manifest into the same data a YAML manifest gives, with positions for diagnostics. */
export async function parseHcl(file: string, text: string): Promise<ParseResult> {
  const lines = new LineIndex(text);
  if (!hasContent(text)) {
    return { ok: false, problems: [problemAtPosition(file, "EMPTY_MANIFEST", { line: 1, col: 1 }, { format: "hcl" })] };
  }
  // hcl2json recurses per nesting level and cannot survive running out of stack: refuse first.
  const runaway = findRunawayHclNesting(text);
  if (runaway >= 0) return { ok: false, problems: [problemAtPosition(file, "NESTING_TOO_DEEP", lines.position(runaway), { format: "hcl" })] };
  const parse = await loadHcl2Json();
  let json: Record<string, unknown>;
  try {
    json = await parse(file, text);
  } catch (error) {
    // A recursion the guard does not count: still the file's nesting, not a failure of berth.
    if (error instanceof RangeError && /call stack/i.test(error.message)) return { ok: false, problems: [problemAtPosition(file, "NESTING_TOO_DEEP", { line: 1, col: 1 }, { format: "hcl" })] };
    const message = String((error as Error)?.message ?? error);
    // hcl2json reports the file's syntax errors as `parse config: [...]`, and HCL it parsed but cannot
    // turn into JSON as `convert to HCL: …` (both are the file's); anything else is a failure of berth.
    if (message.startsWith("parse config")) return { ok: false, problems: syntaxProblems(file, message, text, lines) };
    if (message.startsWith("convert to HCL")) return { ok: false, problems: [conversionProblem(file, text, message, lines)] };
    throw error;
  }
  const tree = scanHcl(text);
  // hcl2json keeps the last of a key set twice in an object `{ … }` and drops the first without a word.
  const repeated = repeatedObjectKeys(tree);
  if (repeated.length) {
    return { ok: false, problems: repeated.map(({ key, first, again }) => problemAtPosition(file, "HCL_DUPLICATE_KEY", lines.position(again), { key, line: lines.position(first).line })) };
  }
  const conversion = hclToData(json, manifestSchema, (steps) => nodeAt(tree, steps)?.block === true);
  const locateSteps = (steps: HclStep[], target: LocateTarget): Position => lines.position(offsetOf(tree, steps, target));
  const locate = (path: DataPath, target: LocateTarget = "value"): Position => {
    for (let n = path.length; n >= 0; n--) {
      const at = path.slice(0, n).map((p) => "/" + String(p)).join("");
      const wanted = n === path.length ? target : "key";
      const steps = (wanted === "key" ? conversion.keySteps.get(at) : undefined) ?? conversion.steps.get(at);
      if (steps) return locateSteps(steps, wanted);
    }
    return { line: 1, col: 1 };
  };
  const problems: Problem[] = conversion.problems.map((p) => {
    const offset = offsetOf(tree, p.steps, p.target ?? (p.code === "HCL_INTERPOLATION" ? "value" : "key"));
    // A template inside a quoted string or a heredoc (a script's `${HOME}`) may be meant as text: `$${` says so.
    const inString = p.code === "HCL_INTERPOLATION" && (text[offset] === '"' || text.startsWith("<<", offset));
    return { ...problemAtPosition(file, p.code, lines.position(inString ? templateStart(text, offset) : offset), {}), params: inString ? { ...p.params, inString } : p.params };
  });
  const deep = findTooDeep(conversion.value);
  if (deep) problems.push(problemAtPosition(file, "NESTING_TOO_DEEP", locate(deep), { format: "hcl", depth: deep.length }));
  if (problems.length) return { ok: false, problems };
  return { ok: true, source: { file, text, format: "hcl", value: conversion.value, locate } };
}

/**
 * hcl2json reports `parse config: [<file>:<line>,<col>-<line>,<col>: Summary; Detail <file>:…]`:
 * every error starts with the file name we passed, which is what splits them apart.
 */
function syntaxProblems(file: string, message: string, text: string, lines: LineIndex): Problem[] {
  const start = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, "g");
  const heads = [...message.matchAll(start)];
  // One mistake (an unclosed quote) cascades into many reports of the same kind: keep the first of each kind.
  const byKind = new Map<string, { line: number; col: number; text: string; repeats: number }>();
  heads.forEach((m, i) => {
    const body = message.slice(m.index! + m[0].length, heads[i + 1]?.index ?? message.length).replace(/[\],\s]+$/, "");
    const [summary, detail] = body.split(/;\s*/, 2) as [string, string | undefined];
    const seen = byKind.get(summary);
    if (seen) seen.repeats++;
    else byKind.set(summary, { line: Number(m[1]), col: utf16Column(text, lines, Number(m[1]), Number(m[2])), text: detail ? `${summary}: ${detail.trim()}` : summary, repeats: 0 });
  });
  // A heredoc never closed is reported at the end of the file: point at its `<<` instead, and say what closes it.
  const unterminated = byKind.get("Unterminated template string");
  const heredoc = unterminated ? unclosedHeredoc(text) : undefined;
  if (unterminated && heredoc) {
    Object.assign(unterminated, lines.position(heredoc.start));
    unterminated.text = `Unterminated heredoc: no line holds only its closing marker ${heredoc.marker}, so it runs to the end of the file.`;
  }
  // A quoted string left open is reported at the end of its line: point at its opening quote.
  for (const kind of ["Invalid multi-line string", "Unterminated template string"]) {
    const e = byKind.get(kind);
    const quote = e && !(kind === "Unterminated template string" && heredoc) ? unclosedQuote(text, lines.offset(e.line)) : undefined;
    if (e && quote !== undefined) Object.assign(e, lines.position(quote));
  }
  // One open quote, two reports at its quote: the multi-line one says what to do, the other is its echo.
  const multiLine = byKind.get("Invalid multi-line string");
  const echo = byKind.get("Unterminated template string");
  if (multiLine && echo && multiLine.line === echo.line && multiLine.col === echo.col) byKind.delete("Unterminated template string");
  const found = [...byKind.values()].slice(0, MAX_SYNTAX_ERRORS).map((e) =>
    problemAtPosition(file, "HCL_SYNTAX", { line: e.line, col: e.col }, { detail: e.text, ...(e.repeats ? { repeats: e.repeats } : {}) }),
  );
  return found.length ? found : [problemAtPosition(file, "HCL_SYNTAX", { line: 1, col: 1 }, { detail: message.replace(/^parse config: /, "") })];
}

/** Offset of the first `${` or `%{` from a string's opening (past `$${` and `%%{`, which are text): where a heredoc's template is, lines below its `<<`. */
function templateStart(text: string, from: number): number {
  for (let i = from; i < text.length - 1; i++) {
    const c = text[i];
    if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") i += 2;
    else if ((c === "$" || c === "%") && text[i + 1] === "{") return i;
  }
  return from;
}

let graphemes: Intl.Segmenter | undefined;

/**
 * hcl2json counts a line's columns in grapheme clusters (`é` written as e and a combining accent is
 * one, as is an emoji of several code points); berth's columns, like YAML's and every other
 * diagnostic's, count UTF-16 code units, so an emoji before the error moved the caret off it.
 */
function utf16Column(text: string, lines: LineIndex, line: number, col: number): number {
  const start = lines.offset(line);
  const eol = text.indexOf("\n", start);
  const lineText = text.slice(start, eol < 0 ? text.length : eol);
  // Only text beyond ASCII can hold a cluster of more than one code unit.
  if (col <= 1 || !/[^\x00-\x7f]/.test(lineText)) return col;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let units = 0;
  let count = 0;
  for (const { segment } of graphemes.segment(lineText)) {
    if (count === col - 1) break;
    units += segment.length;
    count++;
  }
  // A column past the line's end (its newline) keeps its distance from the end.
  return units + 1 + (col - 1 - count);
}

/**
 * HCL that parsed but that hcl2json cannot convert. The one case known is a block written both with
 * and without a label (`port { … }` beside `port "http" { … }`): reported at the first block of the
 * name whose labelling differs from the first one's. Any other conversion error keeps its words.
 */
function conversionProblem(file: string, text: string, message: string, lines: LineIndex): Problem {
  const named = /block[^"]*"([^"]+)" block, cannot have blocks with and without labels|Unable to convert Block to JSON: ([^.\s]+)/.exec(message);
  const block = named?.[1] ?? named?.[2];
  if (block !== undefined) {
    const odd = mixedLabelBlock(scanHcl(text), block);
    if (odd !== undefined) return problemAtPosition(file, "HCL_BLOCK_LABELS_MIXED", lines.position(odd), { block });
  }
  return problemAtPosition(file, "HCL_SYNTAX", { line: 1, col: 1 }, { detail: message.replace(/^(convert [a-z]+: |convert to HCL: )+/, "") });
}

let labelling: ReadonlyMap<string, boolean> | undefined;

/**
 * Offset of the `name` block written the odd way, searching the whole tree. A collection's block is
 * written as the reference shows it: the first `environment { … }` without its label is the mistake,
 * and the first `waiver "x" { … }` with one, however many blocks are written the other way. For a
 * block the reference knows no labelling of, the first of the fewer; on a tie, the first whose
 * labelling differs from the first block's.
 */
function mixedLabelBlock(root: HclNode, name: string): number | undefined {
  labelling ??= blockLabelling(manifestSchema);
  const known = labelling.get(name);
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const blocks = node.children.get(name) ?? [];
    const labelled = blocks.filter((b) => b.labels.length > 0);
    const bare = blocks.filter((b) => b.labels.length === 0);
    if (labelled.length && bare.length) {
      const fewer =
        known !== undefined ? (known ? bare : labelled) : labelled.length < bare.length ? labelled : bare.length < labelled.length ? bare : labelled[0] === blocks[0] ? bare : labelled;
      return fewer[0]!.start;
    }
    for (const children of node.children.values()) stack.push(...children);
  }
  return undefined;
}

/**
 * Keys set twice in one object constructor (`env = { A = 1, A = 2 }`), anywhere in the file. The
 * children of an attribute or a list element are an object's keys; a block's are its attributes
 * and nested blocks, which repeat legitimately (and an attribute set twice there, hcl2json refuses).
 */
function repeatedObjectKeys(root: HclNode): Array<{ key: string; first: number; again: number }> {
  const found: Array<{ key: string; first: number; again: number }> = [];
  const stack: Array<{ node: HclNode; object: boolean }> = [{ node: root, object: false }];
  while (stack.length) {
    const { node, object } = stack.pop()!;
    for (const [key, children] of node.children) {
      if (object && children.length > 1) found.push({ key, first: children[0]!.start, again: children[1]!.start });
      for (const child of children) stack.push({ node: child, object: child.block !== true });
    }
    for (const item of node.items) stack.push({ node: item, object: true });
  }
  return found.sort((a, b) => a.again - b.again);
}

/**
 * Follows the steps through the scanned text: the deepest node reached, whether every step was
 * found, and the offset a final `ownLabel` step names.
 */
function follow(root: HclNode, steps: HclStep[]): { node: HclNode; found: boolean; label?: number } {
  let node = root;
  // The blocks of the name the last step took: a list (`patches`, `node_required`) may be written as repeated blocks.
  let named: HclNode[] = [];
  for (const step of steps) {
    let next: HclNode | undefined;
    if ("ownLabel" in step) return { node, found: true, label: node.labelStarts[0] ?? node.start };
    if ("item" in step) next = node.items[step.item] ?? (node.block && node.items.length === 0 ? named[step.item] : undefined);
    else {
      const candidates = node.children.get(step.name) ?? [];
      // A label picks the blocks that carry it; the occurrence, which of them (a repeated labelled block's second copy).
      next = step.label !== undefined ? candidates.filter((c) => c.labels[0] === step.label)[step.occurrence ?? 0] : candidates[step.occurrence ?? 0];
      // A list written as one attribute (`allow_from = [{…}, {…}]`) rather than repeated blocks.
      if (!next && step.occurrence !== undefined && candidates.length === 1) next = candidates[0]!.items[step.occurrence];
      named = candidates;
    }
    if (!next) return { node, found: false };
    node = next;
  }
  return { node, found: true };
}

/** The node the steps lead to, when the scan found every one of them. */
function nodeAt(root: HclNode, steps: HclStep[]): HclNode | undefined {
  const reached = follow(root, steps);
  return reached.found && reached.label === undefined ? reached.node : undefined;
}

/** Offset of the text the steps lead to, or of the deepest node found on the way. */
function offsetOf(root: HclNode, steps: HclStep[], target: LocateTarget): number {
  const { node, found, label } = follow(root, steps);
  if (label !== undefined) return label;
  if (!found) return node.start;
  return target === "key" ? node.start : node.valueStart;
}
