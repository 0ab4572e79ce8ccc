import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type YAMLError } from "yaml";
import type { DataPath, Position, Problem } from "../diagnostics/diagnostic.js";
import type { Code } from "../diagnostics/catalogue/index.js";
import { LineIndex, type LocateTarget } from "../diagnostics/locate.js";
import { problemAtPosition } from "../diagnostics/make.js";
import { unquotedValueAt, YAML_OPTIONS, yamlCauses } from "./yaml-causes.js";
import { offsetOf } from "./yaml-document-locator.js";
import { findTooDeep, type ManifestFormat, type ParseResult } from "./parsed.js";

/** Aliases one manifest may expand; enough for honest reuse, far too few for a billion-laughs bomb. */
const MAX_ALIAS_COUNT = 50;

const YAML_CODES: Record<string, Code> = {
  TAB_AS_INDENT: "YAML_TAB_INDENT",
  DUPLICATE_KEY: "YAML_DUPLICATE_KEY",
  RESOURCE_EXHAUSTION: "NESTING_TOO_DEEP",
};

/**
 * The authoritative YAML reader (and JSON's, a subset of YAML 1.2): used when the fast reader
 * declines a file, so every syntax error of the file is reported, not only the first, and any
 * data path can be located.
 */
export function parseYaml(file: string, text: string, format: ManifestFormat = "yaml"): ParseResult {
  const lines = new LineIndex(text);
  const at = (offset: number): Position => lines.position(offset);
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  if (!Array.isArray(docs) || docs.length === 0) {
    return failed([problemAtPosition(file, "EMPTY_MANIFEST", { line: 1, col: 1 }, {})]);
  }
  const doc = docs[0]!;
  const problems = yamlCauses(text, [...withoutStackOverflows(doc.errors), ...doc.warnings]).map((cause) =>
    "error" in cause ? yamlProblem(file, cause.error, at, text, doc, format, cause.repeats)
    : cause.code === "YAML_BAD_INDENT" ? problemAtPosition(file, cause.code, at(cause.offset), cause.params)
    : problemAtPosition(file, cause.code, at(cause.offset), cause.params),
  );
  if (docs.length > 1) {
    const second = docs[1]!;
    problems.push(
      problemAtPosition(file, "YAML_MULTIPLE_DOCUMENTS", at(documentStart(text, second)), { documents: docs.length }),
    );
  }
  if (problems.length) return failed(problems);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return failed([problemAtPosition(file, "EMPTY_MANIFEST", at(doc.contents?.range?.[0] ?? 0), { commentsOnly: true })]);
  }
  if (!isMap(doc.contents)) {
    const what = isSeq(doc.contents) ? "a list" : "a single value";
    return failed([problemAtPosition(file, "NOT_A_MAPPING", at(doc.contents.range?.[0] ?? 0), { found: what })]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws ReferenceError for an alias with no anchor (most often a value that starts with `*`
    // and should be quoted), and for alias expansion past maxAliasCount: a resource-exhaustion guard.
    if (error instanceof ReferenceError) {
      const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(error.message)?.[1];
      if (unresolved !== undefined) {
        const offset = firstAliasOffset(doc, unresolved);
        const cause = unquotedValueAt(text, offset);
        return failed([cause ? problemAtPosition(file, cause.code, at(cause.offset), cause.params) : problemAtPosition(file, "YAML_SYNTAX", at(offset), { detail: error.message })]);
      }
      return failed([problemAtPosition(file, "YAML_ALIAS_LIMIT", at(firstAliasOffset(doc)), { limit: MAX_ALIAS_COUNT })]);
    }
    throw error;
  }
  const locate = (path: DataPath, target: LocateTarget = "value") => at(offsetOf(doc, path, target));
  const deep = findTooDeep(value);
  if (deep) return failed([problemAtPosition(file, "NESTING_TOO_DEEP", locate(deep), { format, depth: deep.length })]);
  return { ok: true, source: { file, text, format, value, locate } };
}

/**
 * The parser reports running out of stack once per node it could not finish: after a misindented
 * line, thousands of keys can each get "Maximum call stack size exceeded". That is one problem, and
 * when another error comes first it is that error's consequence: report the first alone, or nothing.
 */
function withoutStackOverflows(errors: YAMLError[]): YAMLError[] {
  const others = errors.filter((e) => e.code !== "RESOURCE_EXHAUSTION");
  return others.length ? others : errors.slice(0, 1);
}

function failed(problems: Problem[]): ParseResult {
  return { ok: false, problems };
}

function yamlProblem(file: string, error: YAMLError, at: (offset: number) => Position, text: string, doc: Document.Parsed, format: ManifestFormat, repeats?: number): Problem {
  const code = YAML_CODES[error.code] ?? "YAML_SYNTAX";
  // The parser's own words ("Maximum call stack size exceeded") describe berth's stack, not the file.
  if (code === "NESTING_TOO_DEEP") return problemAtPosition(file, code, at(blamedOffset(error, text)), { format });
  if (code === "YAML_DUPLICATE_KEY") {
    // "Map keys must be unique" names neither the key nor the first one: the document has both.
    const first = firstUseOfKey(doc, error.pos[0]);
    if (first) return problemAtPosition(file, code, at(error.pos[0]), { key: first.key, line: at(first.offset).line });
  }
  const message = error.code === "TAG_RESOLVE_FAILED" ? `${error.message} (berth manifests use no custom tags)` : error.message.split("\n")[0]!;
  return { ...problemAtPosition(file, "YAML_SYNTAX", at(blamedOffset(error, text)), { detail: message, ...(repeats ? { repeats } : {}) }), code };
}

/**
 * Where the mistake is, which is not always where the parser noticed it: an unclosed `{` or `[`
 * is blamed on the bracket, and a misindented line on its first character, not its indentation.
 */
function blamedOffset(error: YAMLError, text: string): number {
  const offset = error.pos[0];
  const unclosed = /end with a ([}\]])/.exec(error.message);
  if (unclosed) {
    const open = unclosedBracketBefore(text, offset, unclosed[1] === "}" ? "{" : "[");
    if (open >= 0) return open;
  }
  if (error.code !== "TAB_AS_INDENT") {
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    if (/^ *$/.test(text.slice(lineStart, offset + 1))) {
      const content = text.slice(offset).search(/[^ ]/);
      if (content >= 0 && text[offset + content] !== "\n") return offset + content;
    }
  }
  return offset;
}

/** The last `open` bracket before `offset` that no bracket closes (quotes and comments skipped). */
function unclosedBracketBefore(text: string, offset: number, open: "{" | "["): number {
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < offset; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote || c === "\n") quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? offset : eol - 1;
    }
    else if (c === "{" || c === "[") stack.push(i);
    else if ((c === "}" || c === "]") && stack.length) stack.pop();
  }
  for (let k = stack.length - 1; k >= 0; k--) if (text[stack[k]!] === open) return stack[k]!;
  return -1;
}

/** Offset of the `---` that opens a later document, or of its first content. */
function documentStart(text: string, doc: Document.Parsed): number {
  const start = doc.range[0];
  const marker = text.lastIndexOf("---", start);
  return marker >= 0 && text.slice(marker + 3, start).trim() === "" ? marker : start;
}

/**
 * The key repeated at `offset` and where it is first set in the same mapping. Iterative: the
 * nesting guard has bounded the depth, but a wide document must not cost a frame per node.
 */
function firstUseOfKey(doc: Document.Parsed, offset: number): { key: string; offset: number } | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    // One push per item: spreading a list of 100,000 items into arguments overflows the stack.
    if (isSeq(node)) for (const item of node.items) stack.push(item);
    if (!isMap(node)) continue;
    const repeat = node.items.find((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
    if (repeat) {
      const key = (repeat.key as { value: unknown }).value;
      const first = node.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
      const start = (first?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
      return start !== undefined && start !== offset ? { key: String(key), offset: start } : undefined;
    }
    for (const pair of node.items) stack.push(pair.value);
  }
  return undefined;
}

/** Offset of the first alias (named `source`, when given). */
function firstAliasOffset(doc: Document.Parsed, source?: string): number {
  let found = 0;
  const visit = (node: unknown): boolean => {
    if (isAlias(node) && (source === undefined || node.source === source)) return (found = node.range?.[0] ?? 0), true;
    if (isMap(node) || isSeq(node)) return node.items.some((item) => visit(isPair(item) ? item.value : item));
    return false;
  };
  visit(doc.contents);
  return found;
}
