import type { Code, ParamsOf } from "./catalogue/index.js";
import type { DataPath, Position, Problem, Severity } from "./diagnostic.js";
import type { LocateTarget } from "./locate.js";

export interface ProblemOptions {
  severity?: Severity;
  /** Point at the key instead of the value (unknown keys, misplaced fields). */
  target?: LocateTarget;
  /** The offending text is a credential; formatters must not show it. */
  redact?: boolean;
}

/** A problem at a data path of a parsed source, with the facts its code's wording needs. */
export function problemAt<C extends Code>(file: string, code: C, path: DataPath, params: ParamsOf<C>, options: ProblemOptions = {}): Problem {
  return {
    code,
    severity: options.severity ?? "error",
    file,
    path,
    target: options.target ?? "value",
    params,
    ...(options.redact ? { redact: true } : {}),
  };
}

/** A problem at a known position (read and syntax errors, before there is a data path). */
export function problemAtPosition<C extends Code>(file: string, code: C, position: Position, params: ParamsOf<C>, options: Omit<ProblemOptions, "target"> = {}): Problem {
  return { code, severity: options.severity ?? "error", file, position, params, ...(options.redact ? { redact: true } : {}) };
}
