/** Small PromQL text helpers: numbers, durations, label selectors and alert names, written one way everywhere. */
import { formatDuration } from "../model/units.js";

/** A number as PromQL reads it, without float noise (0.1 + 0.2 is written 0.3). */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`promql: cannot write ${n}`);
  return String(Number(n.toPrecision(12)));
}

/** Seconds as a Prometheus duration: 300 → `5m`, 5400 → `1h30m`, 86400 → `1d`. */
export function promDuration(seconds: number): string {
  return formatDuration(seconds);
}

/** A PromQL string literal. */
export function str(s: string): string {
  return JSON.stringify(s);
}

export type Matcher = readonly [label: string, op: "=" | "=~" | "!=" | "!~", value: string];

/** `{a="x",b=~"y"}` from matchers, in the order given. */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${metric}{${matchers.map(([l, op, v]) => `${l}${op}${str(v)}`).join(",")}}`;
}

/** Regex-escapes a literal (for `=~` matchers built from names). */
export function regexLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A regex matching a histogram's `le` label for a bucket boundary. Prometheus 3 writes integer
 * boundaries with a trailing `.0` (`le="2.0"`), older servers and most clients without (`le="2"`).
 */
export function leMatcher(seconds: number): Matcher {
  const text = num(seconds);
  return Number.isInteger(seconds) ? ["le", "=~", `${text}|${text}\\.0`] : ["le", "=", text];
}

/** `orders-api` → `OrdersApi`: the prefix of every alert name of the service. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}
