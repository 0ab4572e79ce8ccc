import type { DataPath, Position } from "./diagnostic.js";

/** What a diagnostic points at: the key of a mapping entry, or its value. */
export type LocateTarget = "key" | "value";

/** A parsed source that can say where a data path sits in its text. */
export interface Locatable {
  /** The path as the user gave it, used in every diagnostic. */
  readonly file: string;
  /** Position of the value (or key) at `path`; falls back to the nearest ancestor that exists. */
  locate(path: DataPath, target?: LocateTarget): Position;
}

/** Maps character offsets to 1-based line/column, building the line table only when first asked. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  /** Offset of the start of a 1-based line (the text's end past its last line). */
  offset(line: number): number {
    const starts = (this.starts ??= lineStarts(this.text));
    return starts[line - 1] ?? this.text.length;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
