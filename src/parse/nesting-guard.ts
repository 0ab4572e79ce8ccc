/**
 * A cheap scan that refuses pathologically nested YAML before the parser sees it: the yaml
 * library recurses per level and overflows the stack on inputs such as 5,000 nested `- - - …`
 * or `[[[[…`. Real manifests nest under a dozen levels; the limits below leave ample room.
 */
const MAX_FLOW_DEPTH = 64;
/** Columns of indentation (counting `- ` and `? ` indicators) at which a line is treated as runaway nesting. */
const MAX_BLOCK_COLUMN = 256;

/** Offset of the first character nested too deep, or -1. */
export function findRunawayNesting(text: string): number {
  // Cheap pre-checks first: too few brackets to nest that deep, and no line indented that far.
  if (countOpenBrackets(text) <= MAX_FLOW_DEPTH && !RUNAWAY_INDENT.test(text)) return -1;
  return scan(text);
}

/** A line starting with more indentation-like characters than MAX_BLOCK_COLUMN (over-approximates; scan() decides). */
const RUNAWAY_INDENT = new RegExp(`^[ ?-]{${MAX_BLOCK_COLUMN + 1}}`, "m");

/** indexOf, not a loop over every character: a cold run interprets such a loop (~1 ms for a 10 KB manifest). */
function countOpenBrackets(text: string): number {
  let n = 0;
  for (const bracket of ["[", "{"]) for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) n++;
  return n;
}

function scan(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  let lineStart = true;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") {
      lineStart = true;
      column = 0;
      if (quote === undefined || depth > 0) continue;
    }
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (lineStart) {
      if (c === " " || ((c === "-" || c === "?") && (text[i + 1] === " " || text[i + 1] === "\n"))) {
        column++;
        if (column > MAX_BLOCK_COLUMN) return i;
        continue;
      }
      lineStart = false;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if ((c === '"' || c === "'") && (depth > 0 || /[\s:[{,]/.test(text[i - 1] ?? " "))) {
      quote = c;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === "]" || c === "}") && depth > 0) {
      depth--;
    }
  }
  return -1;
}

/**
 * The same guard for HCL, whose parser (hcl2json's WebAssembly build of Go's HCL) recurses per
 * level too: `[[[…` about 800 deep, `a { b { …` about 1,500, `"${"${…` about 1,000 overflow its
 * stack, and after that the Go runtime is broken for every later file ("fatal error: malloc
 * deadlock", exit 2). So the text is refused before the parser sees it. Counted as levels: blocks
 * and brackets (`{`, `[`, `(`), templates (`${`, `%{`), and the operators the parser also recurses
 * on, a run of unary `!`/`-` and a chain of `? :` conditionals. A manifest's HCL is plain data
 * nested a few levels (expressions are refused later anyway), so the YAML limit leaves ample room.
 * Offset of the first character nested too deep, or -1. Iterative: never a frame per level.
 */
export function findRunawayHclNesting(text: string): number {
  // Cheap pre-check: too few openers, templates and operators to nest that deep.
  if (countHclOpeners(text) <= MAX_FLOW_DEPTH) return -1;
  // Each open level: a bracket, a template, or a quoted string / heredoc (which are not levels).
  const stack: Array<{ kind: "[" | "{" | "(" | "${" | '"' | "<<"; marker?: string; chain: number }> = [];
  let depth = 0;
  let chain = 0; // unary operators and conditionals in the current expression of the innermost level
  let previous = "="; // the last significant character in code, to tell a unary `-` from a binary one
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (top?.kind === '"' || top?.kind === "<<") {
      // Inside a string: only an escape, the end, or a template matters.
      if (top.kind === '"' && c === "\\") i++;
      else if (top.kind === '"' && (c === '"' || c === "\n")) stack.pop();
      else if (top.kind === "<<" && c === "\n" && heredocEndsAt(text, i + 1, top.marker!)) stack.pop();
      else if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") i += 2; // `$${` is a literal `${`
      else if ((c === "$" || c === "%") && text[i + 1] === "{") {
        stack.push({ kind: "${", chain });
        chain = 0;
        previous = "{";
        i++;
        if (++depth > MAX_FLOW_DEPTH) return i - 1;
      }
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") continue;
    if (c === "#" || (c === "/" && text[i + 1] === "/")) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === "\n" || c === ",") chain = 0; // an expression ends
    if (c === '"') stack.push({ kind: '"', chain: 0 });
    else if (c === "<" && text[i + 1] === "<") {
      const header = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[^\n]*\n/.exec(text.slice(i, i + 200));
      if (header) {
        stack.push({ kind: "<<", marker: header[1]!, chain: 0 });
        i += header[0].length - 2; // the loop steps onto the newline ending the header: the body starts after it
      }
    } else if (c === "[" || c === "{" || c === "(") {
      stack.push({ kind: c, chain });
      chain = 0;
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if (c === "]" || c === "}" || c === ")") {
      const open = stack.pop();
      if (open) {
        depth--;
        chain = open.chain;
      }
    } else if (c === "?" || (c === "!" && text[i + 1] !== "=") || (c === "-" && /[=([{,:?!+\-*/%<>&|]/.test(previous))) {
      if (++chain + depth > MAX_FLOW_DEPTH) return i;
    }
    if (c !== "\n") previous = c;
  }
  return -1;
}

/** Characters that can open an HCL level, counted with indexOf (see countOpenBrackets). */
function countHclOpeners(text: string): number {
  let n = 0;
  for (const opener of ["[", "{", "(", "?", "!", "-"]) for (let i = text.indexOf(opener); i >= 0; i = text.indexOf(opener, i + 1)) n++;
  return n;
}

/** True when the line starting at `start` closes a heredoc: only its marker, indented or not. */
function heredocEndsAt(text: string, start: number, marker: string): boolean {
  const eol = text.indexOf("\n", start);
  return text.slice(start, eol < 0 ? text.length : eol).trim() === marker;
}
