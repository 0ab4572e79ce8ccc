import type { DataPath } from "../../diagnostics/diagnostic.js";
import { parseCpu, parseDuration, parseMemory } from "../../model/units.js";
import { DEFAULTS } from "../../model/defaults.js";
import type { ManifestRule } from "../rule.js";

/** Lower bounds never exceed their upper bounds. */
export const valueOrder: ManifestRule = {
  id: "value-order",
  scope: "environment",
  check({ spec, report }) {
    const check = (low: number | undefined, high: number | undefined, at: DataPath, message: string) => {
      if (low !== undefined && high !== undefined && low > high) report("RANGE_ORDER", at, message);
    };
    const scaling = spec.autoscaling;
    if (scaling && scaling.enabled !== false) {
      const min = scaling.min_replicas ?? spec.replicas ?? DEFAULTS.settings.replicas;
      const at = scaling.min_replicas !== undefined ? ["autoscaling", "min_replicas"] : ["autoscaling", "max_replicas"];
      check(min, scaling.max_replicas, at, `autoscaling allows ${min} to ${scaling.max_replicas} replicas: the minimum exceeds the maximum`);
    }
    const pool = spec.database?.pool;
    check(pool?.min, pool?.max, ["database", "pool", "min"], `database.pool.min (${pool?.min}) exceeds database.pool.max (${pool?.max})`);
    const { requests, limits } = spec.resources ?? {};
    if (requests?.cpu !== undefined && limits?.cpu !== undefined) {
      check(parseCpu(requests.cpu).value, parseCpu(limits.cpu).value, ["resources", "requests", "cpu"], `CPU request ${requests.cpu} exceeds the limit ${limits.cpu}`);
    }
    if (requests?.memory !== undefined && limits?.memory !== undefined) {
      check(parseMemory(requests.memory).value, parseMemory(limits.memory).value, ["resources", "requests", "memory"], `memory request ${requests.memory} exceeds the limit ${limits.memory}`);
    }
    (spec.queues ?? []).forEach((queue, i) => {
      const { delay, max_delay } = queue.retry ?? {};
      if (delay && max_delay) check(parseDuration(delay), parseDuration(max_delay), ["queues", i, "retry", "delay"], `queue ${queue.name}: retry delay ${delay} exceeds max_delay ${max_delay}`);
    });
  },
};
