import type { Diagnostic } from "./diagnostic.js";
import { printable, UNPRINTABLE } from "./printable.js";
import { maskSecrets } from "./secrets.js";

/** How text is coloured: the caller (the CLI) decides; this file never writes escape codes. */
export interface TextStyle {
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export interface TextFormatOptions {
  /** Colours to apply; plain text when absent. */
  style?: TextStyle;
  /** Lines of context shown above and below the offending line. */
  context?: number;
}

const unchanged = (s: string) => s;
const PLAIN: TextStyle = { red: unchanged, yellow: unchanged, cyan: unchanged, dim: unchanged, bold: unchanged };

/**
 * Renders one diagnostic for a terminal: a clickable `file:line:col` header, a code frame
 * with a caret under the offending token, and the hint.
 */
export function formatDiagnostic(d: Diagnostic, sourceText: string | undefined, options: TextFormatOptions = {}): string {
  const { red, yellow, cyan, dim, bold } = options.style ?? PLAIN;
  const strong = (paint: (s: string) => string) => (s: string) => bold(paint(s));
  const label = d.severity === "error" ? strong(red)("error") : d.severity === "warning" ? strong(yellow)("warning") : cyan("info");
  const lines = [`${bold(`${printable(d.file)}:${d.line}:${d.col}`)}: ${label}[${d.code}]: ${printable(d.message)}`];
  if (sourceText !== undefined) {
    // A credential's line is shown alone and cut at the caret, so the secret never reaches a terminal or CI log.
    const text = d.redact ? maskFrom(sourceText.split(/\r?\n/), d.line, d.col).join("\n") : sourceText;
    lines.push(...codeFrame(text, d.line, d.col, d.redact ? 0 : (options.context ?? 2), strong(red), dim));
  }
  lines.push(`  ${cyan("hint:")} ${printable(d.hint)}`);
  return lines.join("\n");
}

/** Characters of a source line shown in a frame. */
const WINDOW = 160;

function codeFrame(
  text: string,
  line: number,
  col: number,
  context: number,
  caretPaint: (s: string) => string,
  dim: (s: string) => string,
): string[] {
  const lines = text.split(/\r?\n/);
  if (line < 1 || line > lines.length) return [];
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  // Every line a frame shows passes the one masking function (src/diagnostics/secrets.ts), whatever the diagnostic.
  const all = lines.map((l, i) => (i >= first - 1 && i < last ? maskSecrets(l) : l));
  const width = String(last).length;
  const out: string[] = [];
  // Long lines scroll so the caret stays in view: every line of the frame shows the same window.
  const from = col > WINDOW - 40 ? col - 1 - (WINDOW - 80) : 0;
  const clip = (text: string) => {
    const start = text.length > from ? from : 0; // a short context line is shown from its start
    return (start > 0 ? "…" : "") + visible(text.slice(start, start + WINDOW)) + (text.length > start + WINDOW ? "…" : "");
  };
  for (let n = first; n <= last; n++) {
    const content = clip(all[n - 1]!);
    const gutter = `${n === line ? ">" : " "} ${String(n).padStart(width)} | `;
    out.push(n === line ? gutter + content : dim(gutter + content));
    if (n === line) {
      const before = (from > 0 ? "…" : "") + visible(all[n - 1]!.slice(from, col - 1));
      const caret = "^".repeat(tokenLength(all[n - 1]!, col - 1, from));
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(before.length)}${caretPaint(caret)}`);
    }
  }
  return out;
}

/**
 * The source text with every credential a diagnostic points at masked, for showing code frames
 * of any diagnostic: a frame's context lines may include a credential another diagnostic found.
 */
export function maskCredentials(text: string, diagnostics: readonly Diagnostic[]): string {
  let lines = text.split(/\r?\n/);
  for (const d of diagnostics) if (d.redact) lines = maskFrom(lines, d.line, d.col);
  return lines.join("\n");
}

/**
 * Masks a line from `col` on, and the lines of a YAML block scalar (`|`, `>`) or an HCL heredoc (`<<EOF`) that starts there.
 * A YAML alias (`*pw`) is masked with the anchored value behind it (`&pw hunter2`), wherever that is.
 */
function maskFrom(lines: string[], line: number, col: number, followAlias = true): string[] {
  const target = lines[line - 1];
  if (target === undefined) return lines;
  let out = [...lines];
  const value = target.slice(col - 1);
  out[line - 1] = target.slice(0, col - 1) + "********";
  const alias = followAlias ? /^\*([^\s,[\]{}]+)/.exec(value.trim()) : null;
  if (alias) {
    const anchor = new RegExp(`&${alias[1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[\\s,\\]}]|$)`);
    lines.forEach((l, i) => {
      const at = anchor.exec(l);
      if (at) out = maskFrom(out, i + 1, at.index + 1, false);
    });
  }
  // An HCL heredoc runs to the line holding only its marker, whatever the body's indentation.
  const heredoc = /^<<-?([A-Za-z_][\w-]*)\s*$/.exec(value.trim());
  if (heredoc) {
    for (let i = line; i < out.length && out[i]!.trim() !== heredoc[1]; i++) out[i] = out[i]!.replace(/\S.*$/, "********");
  } else if (/^[|>][-+0-9]*\s*$/.test(value.trim())) {
    const indent = /^ */.exec(target)![0].length;
    for (let i = line; i < out.length && (out[i]!.trim() === "" || /^ */.exec(out[i]!)![0].length > indent); i++) out[i] = out[i]!.replace(/\S.*$/, "********");
  }
  return out;
}

/** Tabs and control characters (bidi controls too) shown as visible glyphs, one for one so the caret stays aligned. */
function visible(line: string): string {
  return line.replace(/\t/g, "→").replace(UNPRINTABLE, "·");
}

function tokenLength(line: string, start: number, windowStart: number): number {
  const rest = line.slice(start);
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(rest);
  const word = quoted ?? /^[^\s:,{}[\]=#]+/.exec(rest);
  return Math.max(1, Math.min(word ? word[0].length : 1, windowStart + WINDOW - start));
}
