import { isCode, wordingOf } from "./catalogue/index.js";
import { sortAndDedupe, toPointer, type Diagnostic, type Problem } from "./diagnostic.js";
import type { Locatable } from "./locate.js";

/** Words a problem whose code is not in the catalogue (a checklist rule's id): the rules supply it. */
export type Wording = (problem: Problem) => { message: string; hint: string } | undefined;

export interface PresentOptions {
  /** The parsed source data paths are located in (absent: only problems with a position). */
  source?: Locatable & { prepareLocator?(): Promise<void> };
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
      const at = position ?? (path && source ? source.locate(path, problem.target ?? "value") : { line: 1, col: 1 });
      const { message, hint } = wordOf(problem, wording);
      // Where and what first, then the facts and the verdict: the order `--format json` shows.
      return { code, severity, file, line: at.line, col: at.col, ...(path ? { path: toPointer(path) } : {}), message: message + notes(problem), hint, params, ...verdict };
    }),
  );
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
