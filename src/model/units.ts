/**
 * Unit parsing. The schema has already checked the text's shape; these turn it into numbers
 * once, during normalization, so emitters never see unit strings.
 */

const DURATION_UNITS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/** `1h30m` → 5400 (seconds; `500ms` → 0.5). A hand-rolled scan: this runs for every duration of every manifest. */
export function parseDuration(text: string): number {
  let seconds = 0;
  let amount = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      amount = amount * 10 + (c - 48);
      continue;
    }
    const unit = text[i] === "m" && text[i + 1] === "s" ? "ms" : text[i]!;
    if (unit === "ms") i++;
    seconds += amount * (DURATION_UNITS[unit] ?? 0);
    amount = 0;
  }
  return Math.round(seconds * 1000) / 1000;
}

/** 5400 → `1h30m`; the shortest exact rendering, used in messages. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  let rest = Math.round(seconds * 1000);
  let out = "";
  for (const [unit, size] of [["d", 86400000], ["h", 3600000], ["m", 60000], ["s", 1000], ["ms", 1]] as const) {
    const n = Math.floor(rest / size);
    if (n) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** `99.9%` → 0.999. */
export function parseRatio(text: string): number {
  // Rounded so 99.9% is 0.999, not 0.9990000000000001, in every rule file it reaches.
  return Number((Number(text.slice(0, -1)) / 100).toPrecision(12));
}

/** A count, or a percentage of `total` rounded the way Kubernetes rounds it (`up` for surge and availability). */
export function resolveCountOrRatio(value: number | string, total: number, round: "up" | "down"): number {
  if (typeof value === "number") return value;
  const exact = (total * Number(value.slice(0, -1))) / 100;
  return round === "up" ? Math.ceil(exact) : Math.floor(exact);
}

/** A Kubernetes quantity as text and its numeric value (cores for CPU, bytes for memory). */
export interface Quantity {
  text: string;
  value: number;
}

const MEMORY_SUFFIXES: Record<string, number> = {
  "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50,
};

/** `250m` → 0.25 cores; `1` → 1. */
export function parseCpu(value: string | number): Quantity {
  const text = String(value);
  const value_ = text.endsWith("m") ? Number(text.slice(0, -1)) / 1000 : Number(text);
  return { text, value: value_ };
}

/** `512Mi` → 536870912 bytes. */
export function parseMemory(text: string): Quantity {
  const [, amount, suffix] = /^([0-9.]+)([A-Za-z]*)$/.exec(text) ?? [];
  return { text, value: Number(amount) * (MEMORY_SUFFIXES[suffix ?? ""] ?? 1) };
}
