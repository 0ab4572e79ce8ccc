import { CODES, type Code } from "./codes.js";
import { toPointer, type DataPath, type Diagnostic, type Position, type Severity } from "./diagnostic.js";
import type { Locatable, LocateTarget } from "./locate.js";

export interface DiagnosticOptions {
  severity?: Severity;
  /** Replaces the catalogue's default hint when the rule knows better. */
  hint?: string;
  /** Point at the key instead of the value (unknown keys, misplaced fields). */
  target?: LocateTarget;
  /** The offending text is a credential; formatters must not show it. */
  redact?: boolean;
}

/** Builds a diagnostic located at a data path of a parsed source. */
export function diagnosticAt(
  source: Locatable,
  code: Code,
  path: DataPath,
  message: string,
  options: DiagnosticOptions = {},
): Diagnostic {
  const { line, col } = source.locate(path, options.target ?? "value");
  return {
    code,
    severity: options.severity ?? "error",
    file: source.file,
    line,
    col,
    path: toPointer(path),
    target: options.target ?? "value",
    message,
    hint: options.hint ?? CODES[code],
    ...(options.redact ? { redact: true } : {}),
  };
}

/** Builds a diagnostic at a known position (read and syntax errors, before there is a data path). */
export function diagnosticAtPosition(
  file: string,
  code: Code,
  position: Position,
  message: string,
  options: Omit<DiagnosticOptions, "target"> = {},
): Diagnostic {
  return {
    code,
    severity: options.severity ?? "error",
    file,
    line: position.line,
    col: position.col,
    message,
    hint: options.hint ?? CODES[code],
  };
}
