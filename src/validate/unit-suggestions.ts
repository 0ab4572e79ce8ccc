/**
 * The value a person most likely meant when a duration or a quantity is written without berth's
 * units (`30`, `"30"`, `30 seconds`, `512`, `512MB`): what the hint proposes. Only a suggestion —
 * nothing is ever rewritten.
 */

/** The schema's duration (schema/service.schema.json `$defs.duration`): amounts bounded so any duration fits Kubernetes' int32 seconds. */
const DURATION = /^(?=.)([0-9]{1,3}w)?([0-9]{1,4}d)?([0-9]{1,5}h)?([0-9]{1,6}m)?([0-9]{1,7}s)?([0-9]{1,10}ms)?$/;

/** Unit words people write, by berth's unit. */
const DURATION_WORDS: Record<string, string> = {
  ms: "ms", msec: "ms", msecs: "ms", millisecond: "ms", milliseconds: "ms",
  s: "s", sec: "s", secs: "s", second: "s", seconds: "s",
  m: "m", min: "m", mins: "m", minute: "m", minutes: "m",
  h: "h", hr: "h", hrs: "h", hour: "h", hours: "h",
  d: "d", day: "d", days: "d",
  w: "w", wk: "w", wks: "w", week: "w", weeks: "w",
};

/** The unit of a duration such as a field's default (`30d` → `d`), or undefined. */
export function durationUnitOf(example: unknown): string | undefined {
  return typeof example === "string" ? /([a-z]+)$/.exec(example)?.[1] : undefined;
}

/**
 * A duration for `value`: a bare number gets `unit` (the field's own, from its default; `30` → `30s`),
 * a fraction of a second becomes milliseconds, and spelled-out units are abbreviated
 * (`30 seconds` → `30s`, `1 hour 30 min` → `1h30m`). Undefined when there is no sure reading.
 */
export function suggestDuration(value: unknown, unit = "s"): string | undefined {
  if (typeof value === "number" || (typeof value === "string" && /^\s*[0-9]+(\.[0-9]+)?\s*$/.test(value))) {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) return undefined;
    if (Number.isInteger(n)) return `${n}${unit}`;
    const ms = Math.round(n * 1000);
    return unit === "s" && Math.abs(ms - n * 1000) < 1e-6 ? `${ms}ms` : undefined;
  }
  if (typeof value !== "string") return undefined;
  const parts = [...value.toLowerCase().matchAll(/([0-9]+)\s*([a-z]+)/g)];
  const rest = value.toLowerCase().replace(/([0-9]+)\s*([a-z]+)/g, "").replace(/\band\b|[\s,]/g, "");
  if (!parts.length || rest !== "") return undefined;
  let out = "";
  for (const [, amount, word] of parts) {
    const u = DURATION_WORDS[word!];
    if (!u) return undefined;
    out += `${amount}${u}`;
  }
  return DURATION.test(out) && out !== value ? out : undefined;
}

/** A whole number of bytes rendered in the largest binary unit that divides it, when that is at least `Ki`. */
function exactBinary(bytes: number): string | undefined {
  for (const [unit, size] of [["Ti", 2 ** 40], ["Gi", 2 ** 30], ["Mi", 2 ** 20], ["Ki", 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return undefined;
}

/**
 * The memory quantity meant by a number with no unit (or with a unit Kubernetes does not know,
 * such as `MB`). A number of bytes that is an exact multiple of a mebibyte or more (`536870912`)
 * was meant as bytes: it is shown in its unit (`512Mi`). Otherwise the number was meant in a unit
 * the writer left out: below 64 that is gibibytes (`2` → `2Gi`: no service runs in 2 MiB), from 64 on
 * mebibytes (`512` → `512Mi`: 512 GiB is more than most nodes have).
 */
export function suggestMemory(value: unknown): string | undefined {
  const text = String(value).trim();
  const bare = /^([0-9]+(?:\.[0-9]+)?)$/.exec(text);
  if (bare) {
    const n = Number(bare[1]);
    if (!(n > 0)) return undefined;
    if (Number.isInteger(n) && n >= 2 ** 20) return exactBinary(n);
    return n < 64 ? `${n}Gi` : `${n}Mi`;
  }
  // Units people write for bytes (`MB`, `mb`, `MiB`, `512m`): Kubernetes knows `Mi` (and `M`, which is 10^6).
  const spelled = /^([0-9]+(?:\.[0-9]+)?)\s*(k|kb|kib|ki|m|mb|mib|mi|g|gb|gib|gi|t|tb|tib|ti)$/i.exec(text);
  if (spelled) return `${spelled[1]}${spelled[2]![0]!.toUpperCase()}i`;
  return undefined;
}
