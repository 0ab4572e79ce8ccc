/**
 * A unified diff of two texts (`--- a` / `+++ b` / `@@` hunks with 3 lines of context), for
 * `berth check` to show exactly what drifted. Generated files are small, so a plain LCS table
 * is fast enough and keeps the code obvious.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = lineDiff(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.op === " ") {
      i++;
      continue;
    }
    // Extend the hunk while changes are within 2×context lines of each other.
    let start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length) {
      let next = end;
      while (next < ops.length && ops[next]!.op !== " ") next++;
      let gap = next;
      while (gap < ops.length && ops[gap]!.op === " ") gap++;
      end = next;
      if (gap >= ops.length || gap - next > 2 * context) break;
      end = gap;
    }
    const stop = Math.min(ops.length, end + context);
    const slice = ops.slice(start, stop);
    const oldStart = slice[0]!.a + 1;
    const newStart = slice[0]!.b + 1;
    const oldCount = slice.filter((o) => o.op !== "+").length;
    const newCount = slice.filter((o) => o.op !== "-").length;
    hunks.push(`@@ -${oldCount ? oldStart : oldStart - 1},${oldCount} +${newCount ? newStart : newStart - 1},${newCount} @@`);
    for (const o of slice) hunks.push(`${o.op}${o.text}`);
    i = stop;
    start = stop;
  }
  return [`--- a/${path}`, `+++ b/${path}`, ...hunks].join("\n") + "\n";
}

type Op = { op: " " | "-" | "+"; text: string; a: number; b: number };

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function lineDiff(a: string[], b: string[]): Op[] {
  // Trim the common prefix and suffix first: drift is usually a few lines in a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ op: " ", text: a[k]!, a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) ops.push({ op: " ", text: x[i]!, a: head + i++, b: head + j++ });
    else if (i < x.length && (j >= y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ op: "-", text: x[i]!, a: head + i++, b: head + j });
    else ops.push({ op: "+", text: y[j]!, a: head + i, b: head + j++ });
  }
  for (let k = 0; k < tail; k++) ops.push({ op: " ", text: a[a.length - tail + k]!, a: a.length - tail + k, b: b.length - tail + k });
  return ops;
}
