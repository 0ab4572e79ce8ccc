import { isCode, wordingOf } from "./catalogue/index.js";
import { sortAndDedupe, toDotted, toPointer, type DataPath, type Diagnostic, type Position, type Problem } from "./diagnostic.js";
import { inHclSyntax } from "./hcl-wording.js";
import type { Locatable } from "./locate.js";
import { maskSecrets } from "./secrets.js";

/** Words a problem whose code is not in the catalogue (a checklist rule's id): the rules supply it. */
export type Wording = (problem: Problem) => { message: string; hint: string } | undefined;

export interface PresentOptions {
  /** The parsed source data paths are located in (absent: only problems with a position). */
  source?: Locatable & { readonly value?: unknown; readonly format?: string; prepareLocator?(): Promise<void> };
  wording?: Wording;
}

/**
 * The one place problems become diagnostics: each data path is located in the source, and the
 * message and hint are rendered from the catalogue (or the rule) with the verdict's notes —
 * a waiver, the environments. Sorted by position, exact repeats dropped.
 */
export async function present(problems: readonly Problem[], options: PresentOptions = {}): Promise<Diagnostic[]> {
  const { source, wording } = options;
  if (problems.some((p) => p.position === undefined)) await source?.prepareLocator?.();
  return sortAndDedupe(
    problems.map((problem) => {
      const { code, severity, file, path, position, params, ...verdict } = problem;
      const { at, absent } = position ? { at: position, absent: undefined } : place(path, problem, source);
      const worded = wordOf(problem, wording);
      // Messages and hints carry YAML snippets; in an HCL manifest they are shown as the HCL to write.
      const { message, hint } = source?.format === "hcl" ? { message: inHclSyntax(worded.message), hint: inHclSyntax(worded.hint) } : worded;
      // Every word handed out passes the one masking function: a value quoted in a message, a fact, a
      // waiver's reason or a path never carries a credential into a terminal, a CI log or a report.
      const shown = {
        message: maskSecrets(message + absentNote(message, absent) + notes(problem)),
        hint: maskSecrets(hint),
        params: maskParams(params),
        ...(path ? { path: toPointer(path.map((p) => (typeof p === "string" ? maskSecrets(p) : p))) } : {}),
      };
      // Where and what first, then the facts and the verdict: the order `--format json` shows.
      return { code, severity, file, line: at.line, col: at.col, ...(shown.path !== undefined ? { path: shown.path } : {}), message: shown.message, hint: shown.hint, params: shown.params, ...verdict, ...(verdict.waiver ? { waiver: { ...verdict.waiver, reason: maskSecrets(verdict.waiver.reason) } } : {}) };
    }),
  );
}

/**
 * Where a problem at a data path is shown. A path the manifest does not contain (a finding about
 * something missing: no probes, no resources) is shown at the deepest block that exists, at its
 * key, or at the top of the document; the message then names the missing path (unless it says it).
 */
function place(path: DataPath | undefined, problem: Problem, source: PresentOptions["source"]): { at: Position; absent?: string } {
  if (!path || !source) return { at: { line: 1, col: 1 } };
  if (!("value" in source)) return { at: source.locate(path, problem.target ?? "value") };
  const depth = existingDepth(source.value, path);
  if (depth === path.length) return { at: source.locate(path, problem.target ?? "value") };
  return { at: source.locate(path.slice(0, depth), depth ? "key" : "value"), absent: toDotted(path) };
}

function maskParams(params: Problem["params"]): Problem["params"] {
  const out: Record<string, Problem["params"][string]> = {};
  for (const [key, value] of Object.entries(params)) out[key] = typeof value === "string" ? maskSecrets(value) : value;
  return out;
}

/** Names the missing path, unless the message already does. */
function absentNote(message: string, absent: string | undefined): string {
  if (!absent || message.includes(absent.split(/[.[]/).pop()!)) return "";
  return ` (\`${absent}\` is not in the manifest)`;
}

/** How many leading segments of `path` the data contains. */
function existingDepth(data: unknown, path: DataPath): number {
  let node = data;
  for (let i = 0; i < path.length; i++) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, String(path[i]))) return i;
    node = (node as Record<string, unknown>)[String(path[i])];
  }
  return path.length;
}

function wordOf(problem: Problem, wording: Wording | undefined): { message: string; hint: string } {
  const worded = wording?.(problem);
  if (worded) return worded;
  if (isCode(problem.code)) return wordingOf(problem.code, problem.params);
  throw new Error(`internal: no wording for diagnostic code ${problem.code}`);
}

/** What the verdict adds to the message: the waiver that covers it, and where it applies. */
function notes(p: Problem): string {
  let out = "";
  if (p.waiver) out += p.waiver.expired ? ` (waiver expired ${p.waiver.expires})` : ` — waived until ${p.waiver.expires}: ${p.waiver.reason}`;
  if (p.environments?.length) out += ` (in ${p.environments.length > 1 ? "environments" : "environment"} ${p.environments.join(", ")})`;
  return out;
}
