/**
 * Records which paths of an object a function reads. Used only after schema errors: a semantic
 * rule whose verdict depended on a value that was set aside as invalid is not reported, since it
 * would only echo the schema error (e.g. "probe port not declared" when `ports` itself was bad).
 */
export function trackReads<T extends object>(target: T, reads: string[][], path: string[] = []): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof key !== "string") return value;
      reads.push([...path, key]);
      return value !== null && typeof value === "object" ? trackReads(value as object, reads, [...path, key]) : value;
    },
    has(object, key) {
      if (typeof key === "string") reads.push([...path, key]);
      return Reflect.has(object, key);
    },
  });
}

/** True when `path` is `prefix` or lies inside it. */
export function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}
