/** One value met by `walkValues`: its key (or index) in its parent, and the way to its full path. */
export interface Visit {
  value: unknown;
  key: string | number | undefined;
  /** The value's data path, built only when asked (a finding is rare; most values pass). */
  path(): Array<string | number>;
}

type Frame = { value: unknown; key: string | number | undefined; parent: Frame | undefined };

/**
 * Every value of a manifest, depth first, iteratively (hostile nesting cannot overflow the stack)
 * and without building a path per value: the guards that look at every string and number of a
 * manifest run on every load, so they must cost a pass over the data and no more.
 */
export function walkValues(root: unknown, visit: (v: Visit) => void): void {
  const stack: Frame[] = [{ value: root, key: undefined, parent: undefined }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (frame.parent) visit({ value, key: frame.key, path: () => pathOf(frame) });
    if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: frame });
    else if (value !== null && typeof value === "object") {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]!], key: keys[i], parent: frame });
    }
  }
}

function pathOf(frame: Frame): Array<string | number> {
  const out: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) out.push(f.key!);
  return out.reverse();
}
