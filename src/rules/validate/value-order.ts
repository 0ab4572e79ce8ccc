import type { DataPath } from "../../diagnostics/diagnostic.js";
import { validationRule } from "../validation-rule.js";

/** Lower bounds never exceed their upper bounds. */
export const valueOrder = validationRule({
  id: "value-order",
  check({ model, spec, report }) {
    const check = (low: number | undefined, high: number | undefined, at: DataPath, message: string) => {
      if (low !== undefined && high !== undefined && low > high) report("RANGE_ORDER", at, message);
    };
    const scaling = model.autoscaling;
    if (scaling) {
      const at = spec.autoscaling?.min_replicas !== undefined ? ["autoscaling", "min_replicas"] : ["autoscaling", "max_replicas"];
      check(scaling.minReplicas, scaling.maxReplicas, at, `autoscaling allows ${scaling.minReplicas} to ${scaling.maxReplicas} replicas: the minimum exceeds the maximum`);
    }
    const pool = spec.database?.pool;
    check(pool?.min, pool?.max, ["database", "pool", "min"], `database.pool.min (${pool?.min}) exceeds database.pool.max (${pool?.max})`);
    // Only bounds the manifest writes are compared: berth's defaults are in order.
    const { requests, limits } = spec.resources ?? {};
    const resources = model.resources;
    if (requests?.cpu !== undefined && limits?.cpu !== undefined) {
      check(resources.requests.cpu.value, resources.limits.cpu.value, ["resources", "requests", "cpu"], `CPU request ${requests.cpu} exceeds the limit ${limits.cpu}`);
    }
    if (requests?.memory !== undefined && limits?.memory !== undefined) {
      check(resources.requests.memory.value, resources.limits.memory.value, ["resources", "requests", "memory"], `memory request ${requests.memory} exceeds the limit ${limits.memory}`);
    }
    (spec.queues ?? []).forEach((queue, i) => {
      const { delay, max_delay } = queue.retry ?? {};
      const retry = model.queues.find((q) => q.name === queue.name)?.retry;
      if (delay && max_delay && retry) check(retry.delaySeconds, retry.maxDelaySeconds, ["queues", i, "retry", "delay"], `queue ${queue.name}: retry delay ${delay} exceeds max_delay ${max_delay}`);
    });
  },
});
