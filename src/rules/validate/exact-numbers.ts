import { toDotted } from "../../diagnostics/diagnostic.js";
import { validationRule } from "../validation-rule.js";

/**
 * Every number the manifest holds is kept exactly or refused: a YAML, JSON or HCL reader turns an
 * integer beyond ±(2^53 − 1) into the nearest double (`84736251947362519` would be written as
 * `84736251947362520`), and an overflowing literal (`1e400`) into Infinity. Such a number is
 * refused where it is written, whatever field holds it; quoting it keeps its digits as text.
 */
export const exactNumbers = validationRule({
  id: "exact-numbers",
  scope: "manifest",
  check({ manifest, report }) {
    const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: manifest, path: [] }];
    while (stack.length) {
      const { value, path } = stack.pop()!;
      if (typeof value === "number") {
        if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) report("INEXACT_NUMBER", path, { where: toDotted(path), limit: Number.MAX_SAFE_INTEGER });
      } else if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
    }
  },
});
