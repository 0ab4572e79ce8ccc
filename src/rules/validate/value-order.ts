import type { ParamsOf } from "../../diagnostics/catalogue/index.js";
import type { DataPath } from "../../diagnostics/diagnostic.js";
import { validationRule } from "../validation-rule.js";

/** Lower bounds never exceed their upper bounds. */
export const valueOrder = validationRule({
  id: "value-order",
  check({ model, spec, report }) {
    /** Compares the values; the facts name them as the manifest writes them. */
    const check = (low: number | undefined, high: number | undefined, at: DataPath, facts: ParamsOf<"RANGE_ORDER">) => {
      if (low !== undefined && high !== undefined && low > high) report("RANGE_ORDER", at, facts);
    };
    const scaling = model.autoscaling;
    if (scaling) {
      const at = spec.autoscaling?.min_replicas !== undefined ? ["autoscaling", "min_replicas"] : ["autoscaling", "max_replicas"];
      check(scaling.minReplicas, scaling.maxReplicas, at, { reason: "replicas", low: String(scaling.minReplicas), high: String(scaling.maxReplicas) });
    }
    const pool = spec.database?.pool;
    check(pool?.min, pool?.max, ["database", "pool", "min"], { reason: "pool", low: String(pool?.min), high: String(pool?.max) });
    // Only bounds the manifest writes are compared: berth's defaults are in order.
    const { requests, limits } = spec.resources ?? {};
    const resources = model.resources;
    if (requests?.cpu !== undefined && limits?.cpu !== undefined) {
      check(resources.requests.cpu.value, resources.limits.cpu.value, ["resources", "requests", "cpu"], { reason: "request", resource: "CPU", low: String(requests.cpu), high: String(limits.cpu) });
    }
    if (requests?.memory !== undefined && limits?.memory !== undefined) {
      check(resources.requests.memory.value, resources.limits.memory.value, ["resources", "requests", "memory"], { reason: "request", resource: "memory", low: requests.memory, high: limits.memory });
    }
    (spec.queues ?? []).forEach((queue, i) => {
      const { delay, max_delay } = queue.retry ?? {};
      const retry = model.queues.find((q) => q.name === queue.name)?.retry;
      if (delay && max_delay && retry) check(retry.delaySeconds, retry.maxDelaySeconds, ["queues", i, "retry", "delay"], { reason: "retry", queue: queue.name, low: delay, high: max_delay });
    });
  },
});
