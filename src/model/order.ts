/** Helpers that make every collection's order a function of its content, never of how it was written. */

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compare(key(a), key(b));
}

/** A copy with keys in sorted order. */
export function sortedRecord<V>(record: Record<string, V> | undefined): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record ?? {}).sort()) out[key] = record![key]!;
  return out;
}
