/**
 * A deterministic YAML writer for generated files: plain data in, the same bytes out every time.
 * Keys keep the order objects were built in (emitters build them in a fixed order); strings are
 * quoted whenever any YAML 1.1 or 1.2 reader (kubectl, Helm, Prometheus) could misread them.
 * Written for speed: compiling a service writes a dozen objects, and output is on the hot path.
 */
export type YamlValue = string | number | boolean | null | undefined | YamlValue[] | { [key: string]: YamlValue };

export function toYaml(value: YamlValue): string {
  return writeNode(value, 0, "top") + "\n";
}

type Context = "top" | "mapping" | "sequence";

const INDENT: string[] = [];
const pad = (n: number) => (INDENT[n] ??= " ".repeat(n));

function writeNode(value: YamlValue, indent: number, context: Context): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return context === "top" ? "[]" : " []";
    let out = context === "mapping" ? "\n" : "";
    for (let i = 0; i < value.length; i++) {
      if (i > 0 || context === "mapping") out += pad(indent);
      out += "- " + writeNode(value[i], indent + 2, "sequence");
      if (i < value.length - 1) out += "\n";
    }
    return out;
  }
  if (value !== null && typeof value === "object") {
    let out = "";
    let first = true;
    for (const key in value) {
      const item = value[key];
      if (item === undefined) continue;
      if (first) {
        if (context === "mapping") out += "\n" + pad(indent);
        first = false;
      } else out += "\n" + pad(indent);
      out += (key.length <= MAX_REMEMBERED_LENGTH ? written(key) : quoted(key)) + ":";
      if (item !== null && typeof item === "object") out += writeNode(item, Array.isArray(item) ? indent : indent + 2, "mapping");
      else out += " " + scalarValue(item, indent + 2);
    }
    if (first) return context === "top" ? "{}" : " {}";
    return out;
  }
  return (context === "mapping" ? " " : "") + scalarValue(value as string | number | boolean | null, indent);
}

/**
 * Keys (apiVersion, metadata, name, …) and short values (names, labels, ports' names) repeat across
 * every object of a service: each is quoted once and remembered, which made writing about a fifth faster.
 * Bounded, so a run over many distinct strings cannot grow it without end.
 */
const WRITTEN = new Map<string, string>();
const MAX_WRITTEN = 4096;
const MAX_REMEMBERED_LENGTH = 64;

function written(s: string): string {
  let out = WRITTEN.get(s);
  if (out === undefined) {
    out = quoted(s);
    if (WRITTEN.size >= MAX_WRITTEN) WRITTEN.clear();
    WRITTEN.set(s, out);
  }
  return out;
}

function scalarValue(value: string | number | boolean | null, indent: number): string {
  if (typeof value === "string" && value.includes("\n") && canBeLiteral(value)) return literal(value, indent);
  return scalar(value);
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`toYaml: cannot write ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return value.length <= MAX_REMEMBERED_LENGTH ? written(value) : quoted(value);
}

/** Words YAML 1.1 readers (Go's yaml.v2, used by kubectl) turn into booleans or null. */
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|<<|=)$/i;
/** Some YAML 1.1 readers take `E0` or `1_0.5` for numbers. */
const NUMBERISH = /^[-+]?[0-9_.]*(?:[eE][-+]?[0-9]+)?$/;
/** Sequences that end a plain scalar or start a comment, and characters plain scalars cannot hold. */
const UNSAFE_INSIDE = /: |\s#|[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]|^(?:---|\.\.\.)/;

/** Most strings (names, labels, paths, keys) are letters, digits and `_./-`: checked without the regexes below. */
const SIMPLE = /^[A-Za-z][A-Za-z0-9_./-]*$/;
/** Simple strings that still read as something else: YAML 1.1 booleans and null, and `e5`- or `E-0`-style exponents (a float with no digits before them). */
const SIMPLE_BUT_SPECIAL = /^(?:true|false|yes|no|on|off|y|n|null|[eE]-?[0-9]+)$/i;

function quoted(s: string): string {
  if (SIMPLE.test(s)) return SIMPLE_BUT_SPECIAL.test(s) ? JSON.stringify(s) : s;
  return needsQuotes(s) ? JSON.stringify(s) : s;
}

function needsQuotes(s: string): boolean {
  if (s === "" || RESERVED.test(s) || NUMBERISH.test(s)) return true;
  const first = s.charCodeAt(0);
  // Anything starting like a number (digits, sign, dot) is quoted: YAML 1.1 reads 0755, 1:30, 1_000 as numbers.
  if ((first >= 48 && first <= 57) || "-+.".includes(s[0]!)) return true;
  // Indicators that change meaning at the start of a plain scalar.
  if ("?:,[]{}#&*!|>'\"%@` \t".includes(s[0]!)) return true;
  if (s.endsWith(" ") || s.endsWith(":")) return true;
  return UNSAFE_INSIDE.test(s);
}

/**
 * Literal blocks cannot express carriage returns or control characters, nor a leading space or tab on
 * the first line that is not empty: a reader takes the block's indentation from that line, so its
 * leading spaces would be lost (or, after an empty line, be an error). A string of line breaks only
 * has no line to keep its breaks after: it reads back empty.
 */
function canBeLiteral(s: string): boolean {
  return /[^\n]/.test(s) && !/^\n*[ \t]/.test(s) && !/[\r\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(s);
}

const NON_EMPTY_LINE_START = /\n(?=[^\n])/g;

function literal(s: string, indent: number): string {
  let trailing = 0;
  while (s.charCodeAt(s.length - 1 - trailing) === 10) trailing++;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing === 0 ? s : s.slice(0, -1);
  // Every line but an empty one is indented.
  const indented = (body === "" || body.charCodeAt(0) === 10 ? "" : pad(indent)) + body.replace(NON_EMPTY_LINE_START, "\n" + pad(indent));
  return `|${chomp}\n` + indented;
}
