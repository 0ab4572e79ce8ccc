import { compare } from "./model/order.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A deep copy of JSON data with every map's keys sorted (`first` keys, where present, ahead of the
 * rest): the one form of data whose written key order must not matter (the YAML and HCL twins of
 * an escape hatch; the config options an incremental record names). A `__proto__` key stays an own
 * property, as in cloneJson.
 */
export function canonicalJson<T>(value: T, first: readonly string[] = []): T {
  if (Array.isArray(value)) return value.map((v) => canonicalJson(v, first)) as T;
  if (value === null || typeof value !== "object") return value;
  const rank = (k: string) => (first.includes(k) ? first.indexOf(k) : first.length);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || compare(a, b));
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    const copy = canonicalJson((value as Record<string, Json>)[key]!, first);
    if (key === "__proto__") Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out as T;
}
