/**
 * A deep copy of JSON data (objects, arrays, strings, numbers, booleans, null): what berth's objects,
 * patches and extra objects are. Several times faster than structuredClone, which goes through V8's
 * serializer; on a patched service, cloning was a tenth of its compile. A `__proto__` key (hostile input
 * may hold one) stays an own property, as JSON.parse and structuredClone keep it, never a prototype.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const copy = cloneJson((value as Record<string, unknown>)[key]);
    if (key === "__proto__") Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out as T;
}
