/**
 * `--shard i/n`: splits a monorepo's services across CI jobs. A service belongs to exactly one
 * shard, chosen by a stable hash of its name (FNV-1a, 32 bits, over its UTF-8 bytes), so the
 * assignment depends on nothing but the name and `n`: not on the order files are given, the
 * machine, or the Node version. A file whose name cannot be read (it does not parse) is assigned
 * by its path instead, so its errors are reported by exactly one shard.
 */
export interface Shard {
  /** 1-based: 1..count. */
  index: number;
  count: number;
}

/** `"2/4"` as a Shard, or a message saying what is wrong. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `--shard must be i/n, e.g. 1/4 (got ${JSON.stringify(text)})`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 1024) return `--shard ${text}: n must be between 1 and 1024`;
  if (index < 1 || index > count) return `--shard ${text}: i must be between 1 and ${count}`;
  return { index, count };
}

/** The shard (1..count) a key belongs to. */
export function shardOf(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

export function inShard(key: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(key, shard.count) === shard.index;
}
