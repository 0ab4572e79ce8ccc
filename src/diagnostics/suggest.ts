/** The candidate closest to `input` by edit distance, when close enough to be a likely typo. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The words for a name that is not among the available ones (an `--env` the manifest does not
 * declare): the likely intended one first, then every one, sorted, so all commands say it alike.
 */
export function unknownName(what: string, asked: string, available: readonly string[]): string {
  // An abbreviation (`prod`) is as likely as a typo.
  const prefixed = available.filter((name) => name.startsWith(asked.toLowerCase()));
  const guess = prefixed.length === 1 ? prefixed[0] : closest(asked, available);
  return `has no ${what} ${JSON.stringify(asked)}${guess ? ` (did you mean "${guess}"?)` : ""}; it has: ${[...available].sort().join(", ")}`;
}
