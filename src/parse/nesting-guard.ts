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
