/**
 * A light scanner for HCL text that remembers where each block and attribute starts.
 * hcl2json validates the syntax and produces the data but keeps no positions; this scan
 * exists only so diagnostics on HCL manifests carry `line:col` too. It never rejects input.
 */

/** A block, attribute or object entry found in the text. */
export interface HclNode {
  /** Offset of the block type or attribute name. */
  start: number;
  /** Offset of the attribute's value; for a block, its header again. */
  valueStart: number;
  labels: string[];
  /** Written as a block (`health { … }`), not as an attribute (`health = { … }`). */
  block?: boolean;
  /** Offsets of the labels (`"http"` of `port "http"`), in order. */
  labelStarts: number[];
  /** Nested blocks, attributes and object-constructor entries, by name, in source order. */
  children: Map<string, HclNode[]>;
  /** Elements of a list-valued attribute. */
  items: HclNode[];
}

type Token = { kind: "ident" | "string" | "number" | "punct" | "newline" | "heredoc" | "other"; text: string; start: number };

export function scanHcl(text: string): HclNode {
  const tokens = tokenize(text);
  // The document starts at its first attribute or block, past leading comments and blank lines (as YAML's does).
  const first = tokens.find((t) => t.kind !== "newline")?.start ?? 0;
  const root = node(first, first);
  let i = 0;

  const peek = (k = 0) => tokens[i + k];
  const skipNewlines = () => {
    while (peek()?.kind === "newline" || (peek()?.kind === "punct" && peek()!.text === ",")) i++;
  };

  function body(into: HclNode, close: string | undefined, objectMode: boolean): void {
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t) return;
      if (t.kind === "punct" && t.text === close) return void i++;
      const from = i;
      if (t.kind === "ident" || t.kind === "string" || (objectMode && t.kind === "number")) {
        const name = t.kind === "string" ? unquote(t.text) : t.text;
        i++;
        const labels: string[] = [];
        const labelStarts: number[] = [];
        while (!objectMode && (peek()?.kind === "string" || peek()?.kind === "ident")) labels.push(unquote(peek()!.text)), labelStarts.push(peek()!.start), i++;
        const next = peek();
        if (next?.kind === "punct" && (next.text === "=" || next.text === ":")) {
          i++;
          const attr = node(t.start, peek()?.start ?? next.start);
          add(into, name, attr);
          expression(attr);
          continue;
        }
        if (next?.kind === "punct" && next.text === "{") {
          i++;
          // A block is located by its header (`port "http"`), for its key and its value alike.
          const block = node(t.start, t.start);
          block.block = true;
          block.labels = labels;
          block.labelStarts = labelStarts;
          add(into, name, block);
          body(block, "}", false);
          continue;
        }
      }
      skipLine();
      // Every turn consumes a token: a stray `}` (one this body does not close) is stepped over, never looped on.
      if (i === from) i++;
    }
  }

  function expression(attr: HclNode): void {
    const t = peek();
    if (t?.kind === "punct" && t.text === "{") {
      i++;
      body(attr, "}", true);
    } else if (t?.kind === "punct" && t.text === "[") {
      i++;
      for (;;) {
        skipNewlines();
        const item = peek();
        if (!item) return;
        if (item.kind === "punct" && item.text === "]") return void i++;
        const element = node(item.start, item.start);
        attr.items.push(element);
        const from = i;
        expression(element);
        if (i === from) i++; // a token no expression starts with (a stray `}`): step over it
      }
    } else {
      // A scalar or an expression hcl2json already evaluated: skip to the end of it.
      let depth = 0;
      while (peek()) {
        const k = peek()!;
        if (k.kind === "punct" && "([{".includes(k.text)) depth++;
        else if (k.kind === "punct" && ")]}".includes(k.text)) {
          if (depth === 0) return;
          depth--;
        } else if (depth === 0 && (k.kind === "newline" || (k.kind === "punct" && k.text === ","))) return;
        i++;
      }
    }
  }

  function skipLine(): void {
    while (peek() && peek()!.kind !== "newline") {
      if (peek()!.kind === "punct" && peek()!.text === "}") return;
      i++;
    }
  }

  body(root, undefined, false);
  return root;
}

function node(start: number, valueStart: number): HclNode {
  return { start, valueStart, labels: [], labelStarts: [], children: new Map(), items: [] };
}

function add(parent: HclNode, name: string, child: HclNode): void {
  const list = parent.children.get(name);
  if (list) list.push(child);
  else parent.children.set(name, [child]);
}

function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

const IDENT_START = /[\p{ID_Start}_]/u;
const IDENT_PART = /[\p{ID_Continue}-]/u;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (c === "\n") {
      tokens.push({ kind: "newline", text: c, start });
      i++;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "#" || (c === "/" && text[i + 1] === "/")) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      // A comment never closed is a syntax error, not an absence of content: keep a token for it.
      if (end < 0) tokens.push({ kind: "other", text: "/*", start });
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"') {
      i = endOfString(text, i);
      tokens.push({ kind: "string", text: text.slice(start, i), start });
    } else if (c === "<" && text[i + 1] === "<") {
      i = endOfHeredoc(text, i);
      tokens.push({ kind: "heredoc", text: "", start });
    } else if (IDENT_START.test(c)) {
      // HCL identifiers are Unicode (ID_Start, then ID_Continue or `-`), as hcl2json reads them.
      while (i < text.length && IDENT_PART.test(text[i]!)) i++;
      tokens.push({ kind: "ident", text: text.slice(start, i), start });
    } else if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9.eE+-]/.test(text[i]!)) i++;
      tokens.push({ kind: "number", text: text.slice(start, i), start });
    } else {
      tokens.push({ kind: "punct", text: c, start });
      i++;
    }
  }
  return tokens;
}

/** End offset (exclusive) of a quoted string, stepping over escapes and `${…}` templates. */
function endOfString(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (c === "\n") return i;
    else if ((c === "$" || c === "%") && text[i + 1] === "{") {
      let depth = 0;
      for (i += 1; i < text.length; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}" && --depth === 0) break;
        else if (text[i] === '"') i = endOfString(text, i) - 1;
      }
      i++;
    } else i++;
  }
  return i;
}

/** True when the text holds anything but comments (line and block comments alike) and blank lines. */
export function hasContent(text: string): boolean {
  return tokenize(text).some((t) => t.kind !== "newline");
}

/**
 * Offset of the opening quote of a string left open on the line that starts at `lineStart`: hcl2json
 * reports it at the line's end, after whatever followed the quote.
 */
export function unclosedQuote(text: string, lineStart: number): number | undefined {
  const eol = text.indexOf("\n", lineStart);
  const line = text.slice(lineStart, eol < 0 ? text.length : eol);
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "#" || (c === "/" && (line[i + 1] === "/" || line[i + 1] === "*"))) return undefined;
    if (c !== '"') continue;
    const end = endOfString(line, i);
    if (end >= line.length && !(end > i + 1 && line[end - 1] === '"' && line[end - 2] !== "\\")) return lineStart + i;
    i = end - 1;
  }
  return undefined;
}

/**
 * The heredoc that runs to the end of the file, never closed: hcl2json reports "Unterminated template
 * string" at the end of the file, where nothing is to be seen; the mistake is where it opens.
 */
export function unclosedHeredoc(text: string): { start: number; marker: string } | undefined {
  for (const token of tokenize(text)) {
    if (token.kind !== "heredoc") continue;
    const header = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[^\n]*\n/.exec(text.slice(token.start));
    if (!header) continue;
    // Searched from the body's start to the first closing line only: linear over all heredocs.
    const closing = new RegExp(`^[ \\t]*${header[1]}[ \\t\\r]*$`, "gm");
    closing.lastIndex = token.start + header[0].length;
    if (!closing.exec(text)) return { start: token.start, marker: header[1]! };
  }
  return undefined;
}

function endOfHeredoc(text: string, open: number): number {
  const header = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[^\n]*\n/.exec(text.slice(open));
  if (!header) return open + 2;
  const marker = header[1]!;
  let i = open + header[0].length;
  while (i < text.length) {
    const eol = text.indexOf("\n", i);
    const line = text.slice(i, eol < 0 ? text.length : eol);
    if (line.trim() === marker) return eol < 0 ? text.length : eol;
    if (eol < 0) return text.length;
    i = eol + 1;
  }
  return i;
}
