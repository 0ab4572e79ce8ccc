import type { DataPath } from "../../diagnostics/diagnostic.js";
import { suggestMemory } from "../../validate/unit-suggestions.js";
import { validationRule } from "../validation-rule.js";

/*
 * Thresholds. A memory or CPU value out of these bounds is almost always a unit slip (`512Ki` or
 * a staging pod given `512` bytes, `cpu: 500` for 500 millicores), and Kubernetes accepts it
 * silently: the pod is OOM-killed at once, or stays Pending for ever.
 *
 * - A memory quantity (or a volume size) with no unit is an error: Kubernetes reads `"512"` as 512
 *   bytes, which nobody means. It is reported as INVALID_QUANTITY, worded like the unquoted number
 *   the schema refuses (`memory: 512`), with the value meant (`512Mi`). This is a rule, not the
 *   schema's pattern, because the manifest schema's quantity is also compiled into every Helm
 *   chart's values.schema.json, and bare bytes are a valid Kubernetes quantity there.
 * - Memory below 4Mi is an error: no container process runs in it (Docker refuses limits under
 *   6MB; a Go or JVM runtime alone needs several MiB). This catches the small units (`512Ki`, `100k`).
 * - CPU below 1m is an error: Kubernetes does not allow a precision finer than 1m (0.001 cores).
 * - Memory above 1Ti and CPU above 64 cores are warnings: more than nearly any node offers, so the
 *   pod would not be scheduled, but large machines exist; a warning can be waived by its code when
 *   the value is meant.
 *
 * Only requests and limits the manifest writes are judged (berth's defaults are sensible), in every
 * environment's view (an overlay may set them).
 */
const MIN_MEMORY_BYTES = 4 * 2 ** 20;
const MAX_MEMORY_BYTES = 2 ** 40;
const MIN_CPU_CORES = 0.001;
const MAX_CPU_CORES = 64;

/** One binary unit down (`2Ti` → `2Gi`): the likely slip when a size is absurdly large. */
const UNIT_DOWN: Record<string, string> = { Pi: "Ti", Ti: "Gi", Gi: "Mi", P: "T", T: "G", G: "M" };

/** Memory and CPU values that cannot be meant: a memory size without a unit, or far outside what a container can use. */
export const resourceSizes = validationRule({
  id: "resource-sizes",
  check({ model, spec, report }) {
    const unitless = (at: DataPath, where: string, text: string) => {
      const suggestion = suggestMemory(text);
      report("INVALID_QUANTITY", at, { where, value: JSON.stringify(text), unitless: true, measure: "bytes", ...(suggestion ? { suggestion } : {}) });
    };
    (spec.volumes ?? []).forEach((volume, i) => {
      if (volume.size !== undefined && /^[0-9.]+$/.test(volume.size)) unitless(["volumes", i, "size"], `volumes[${i}].size`, volume.size);
    });
    for (const kind of ["requests", "limits"] as const) {
      const written = spec.resources?.[kind];
      if (!written) continue;
      if (written.memory !== undefined) {
        const at: DataPath = ["resources", kind, "memory"];
        const where = `resources.${kind}.memory`;
        const { text, value: bytes } = model.resources[kind].memory;
        const [, amount, unit] = /^([0-9.]+)([A-Za-z]*)$/.exec(text) ?? [];
        if (unit === "") {
          unitless(at, where, text);
        } else if (bytes < MIN_MEMORY_BYTES) {
          const suggestion = amount !== undefined ? suggestMemory(amount) : undefined;
          report("IMPLAUSIBLE_RESOURCE", at, { where, written: text, resource: "memory", direction: "small", bound: "4Mi", ...(suggestion ? { suggestion } : {}) });
        } else if (bytes > MAX_MEMORY_BYTES) {
          const down = unit !== undefined ? UNIT_DOWN[unit] : undefined;
          report("IMPLAUSIBLE_RESOURCE", at, { where, written: text, resource: "memory", direction: "large", bound: "1Ti", ...(down ? { suggestion: `${amount}${down}` } : {}) }, { severity: "warning" });
        }
      }
      if (written.cpu !== undefined) {
        const at: DataPath = ["resources", kind, "cpu"];
        const where = `resources.${kind}.cpu`;
        const { text, value: cores } = model.resources[kind].cpu;
        if (cores > 0 && cores < MIN_CPU_CORES) {
          report("IMPLAUSIBLE_RESOURCE", at, { where, written: text, resource: "cpu", direction: "small", bound: "1m" });
        } else if (cores > MAX_CPU_CORES) {
          // `cpu: 500` meant 500 millicores; `128000m` has its unit and is meant as written.
          const suggestion = /^[0-9]+$/.test(text) ? `${text}m` : undefined;
          report("IMPLAUSIBLE_RESOURCE", at, { where, written: text, resource: "cpu", direction: "large", bound: `${MAX_CPU_CORES} cores`, ...(suggestion ? { suggestion } : {}) }, { severity: "warning" });
        }
      }
    }
  },
});
