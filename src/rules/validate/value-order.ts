import type { ParamsOf } from "../../diagnostics/catalogue/index.js";
import type { DataPath } from "../../diagnostics/diagnostic.js";
import type { Resources } from "../../model/model.js";
import type { ResourcesSpec } from "../../model/spec.js";
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
    // Every container's request against its limit, as the pod gets them: a bound the manifest leaves out is
    // berth's default (never the other bound), and the API server rejects a pod whose request exceeds its limit.
    const container = (written: ResourcesSpec | undefined, sized: Resources | undefined, at: DataPath, who?: string) => {
      if (!written || !sized) return;
      for (const [resource, q] of [["CPU", "cpu"], ["memory", "memory"]] as const) {
        const request = written.requests?.[q];
        const limit = written.limits?.[q];
        if (request === undefined && limit === undefined) continue;
        const defaulted = request === undefined ? "request" : limit === undefined ? "limit" : undefined;
        check(sized.requests[q].value, sized.limits[q].value, [...at, request !== undefined ? "requests" : "limits", q], {
          reason: "request", resource, low: sized.requests[q].text, high: sized.limits[q].text,
          ...(who ? { container: who } : {}), ...(defaulted ? { defaulted } : {}),
        });
      }
    };
    container(spec.resources, model.resources, ["resources"]);
    for (const c of [...model.initContainers, ...model.sidecars]) container((spec[c.field] ?? [])[c.index]?.resources, c.resources, [c.field, c.index, "resources"], `${c.field === "sidecars" ? "sidecar" : "init container"} ${c.name}`);
    const migrations = model.database?.migrations;
    if (migrations?.mode === "job") container(spec.database?.migrations?.resources, migrations.resources, ["database", "migrations", "resources"], "migration Job");
    (spec.scheduled_jobs ?? []).forEach((written, i) => {
      const job = model.scheduledJobs.find((j) => j.name === written.name);
      if (job?.command) container(written.resources, job.resources, ["scheduled_jobs", i, "resources"], `scheduled job ${job.name}`);
    });
    // The CloudNativePG Cluster's size has no defaults: its bounds are compared when both are written.
    const cnpg = model.database?.cnpgCluster?.resources;
    for (const [resource, q] of [["CPU", "cpu"], ["memory", "memory"]] as const) {
      const request = cnpg?.requests[q];
      const limit = cnpg?.limits[q];
      if (request && limit) check(request.value, limit.value, ["database", "cloudnative_pg", "resources", "requests", q], { reason: "request", resource, low: request.text, high: limit.text, container: "CloudNativePG Cluster" });
    }
    (spec.queues ?? []).forEach((queue, i) => {
      const { delay, max_delay } = queue.retry ?? {};
      const retry = model.queues.find((q) => q.name === queue.name)?.retry;
      if (delay && max_delay && retry) check(retry.delaySeconds, retry.maxDelaySeconds, ["queues", i, "retry", "delay"], { reason: "retry", queue: queue.name, low: delay, high: max_delay });
    });
  },
});
