import { toDotted } from "../../diagnostics/diagnostic.js";
import { validationRule } from "../validation-rule.js";
import { walkValues } from "./walk-values.js";

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
    walkValues(manifest, ({ value, path }) => {
      if (typeof value === "number" && (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)) {
        const at = path();
        report("INEXACT_NUMBER", at, { where: toDotted(at), limit: Number.MAX_SAFE_INTEGER });
      }
    });
  },
});
