import { escapeHatchResult, type FinalObject } from "../../kube/index.js";
import { commonLabels } from "../../kube/names.js";
import { podSpecsOf } from "../../kube/object-checks.js";
import type { JsonValue } from "../../model/model.js";
import { validationRule } from "../validation-rule.js";

const ROUTES = new Set(["Ingress", "HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute"]);

/**
 * The NetworkPolicy is built from what the manifest declares (`ports`, `ports[].publish`, `expose`,
 * `network.allow_from`), never from the escape hatches: a policy that opened itself for whatever an
 * extra object or a patch publishes would let a one-line patch undo the default deny unseen. So
 * traffic an escape hatch adds is dropped by the policy, and this rule says so where it is added:
 * an extra NodePort or LoadBalancer Service selecting the service's pods, an extra Ingress or route
 * to one of its Services (without `expose`, the edge is not admitted), a patch that changes a
 * Service's ports or type, and one that changes the ports a container of berth's pods declares. A warning: a patch on the NetworkPolicy itself may admit the traffic
 * (then waive it with the reason).
 */
export const escapeHatchExposure = validationRule({
  id: "escape-hatch-exposure",
  severity: "warning",
  check({ model, report }) {
    const hatches = model.escapeHatches;
    if (!hatches.patches.length && !hatches.extraObjects.length) return;
    const { objects, problems } = escapeHatchResult(model);
    if (problems.length) return;
    const podLabels = commonLabels(model, "server", model.name, true);
    const serviceNames = new Set(objects.filter((o) => o.extra === undefined && o.object.kind === "Service").map((o) => o.object.metadata.name));
    for (const o of objects) {
      const spec = (o.object as { spec?: Record<string, unknown> }).spec ?? {};
      const id = `${o.object.kind}/${o.object.metadata.name}`;
      if (o.extra !== undefined) {
        const path = ["extra_objects", o.extra];
        if (o.object.kind === "Service" && selects(spec.selector, podLabels) && (spec.type === "NodePort" || spec.type === "LoadBalancer")) {
          report("EXPOSURE_NOT_COUNTED", path, { object: id, what: "service", by: "extra" }, { target: "key" });
        } else if (ROUTES.has(o.object.kind) && !model.expose && mentions(spec, serviceNames)) {
          report("EXPOSURE_NOT_COUNTED", path, { object: id, what: "edge", by: "extra" }, { target: "key" });
        }
      }
      if (o.object.kind === "Service") for (const patch of changedBy(o, servicePorts)) report("EXPOSURE_NOT_COUNTED", ["patches", patch], { object: id, what: "service-ports", by: "patch" }, { target: "key" });
      // A container port renumbered or renamed: the policy still admits the manifest's number, and the
      // Services' named target ports may no longer resolve (a silent outage, not an error at apply).
      if (o.extra === undefined) for (const patch of changedBy(o, containerPorts)) report("EXPOSURE_NOT_COUNTED", ["patches", patch], { object: id, what: "container-ports", by: "patch" }, { target: "key" });
    }
  },
});

/** A non-empty selector whose every label the service's server pods carry. */
function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!selector || typeof selector !== "object") return false;
  const entries = Object.entries(selector as Record<string, unknown>);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Whether any string in `value` is one of `names` (a backend reference to one of berth's Services). */
function mentions(value: unknown, names: ReadonlySet<string>): boolean {
  if (typeof value === "string") return names.has(value);
  if (Array.isArray(value)) return value.some((v) => mentions(v, names));
  return !!value && typeof value === "object" && Object.values(value).some((v) => mentions(v, names));
}

/** A Service's ports and type. */
function servicePorts(x: unknown): string {
  const spec = (x as { spec?: { ports?: unknown; type?: unknown } }).spec;
  return JSON.stringify([spec?.ports, spec?.type]);
}

/**
 * The ports (name, number, protocol) the containers of the object's pods declare, as one sorted list: a
 * container added without ports, or containers reordered, change nothing the Services or the policy see.
 */
function containerPorts(x: unknown): string {
  const ports: string[] = [];
  for (const { spec } of podSpecsOf(x as Record<string, JsonValue>)) {
    for (const list of [spec.initContainers, spec.containers]) {
      for (const c of Array.isArray(list) ? list : []) {
        const declared = c && typeof c === "object" && !Array.isArray(c) ? (c as Record<string, unknown>).ports : undefined;
        for (const p of Array.isArray(declared) ? declared : []) {
          const { name, containerPort, protocol } = (p ?? {}) as Record<string, unknown>;
          ports.push(JSON.stringify([name, containerPort, protocol ?? "TCP"]));
        }
      }
    }
  }
  return ports.sort().join("\n");
}

/** The patches that changed what `key` reads of the object. */
function changedBy(o: FinalObject, key: (x: unknown) => string): number[] {
  let previous = key(o.before);
  const out: number[] = [];
  for (const step of o.steps) {
    const now = key(step.after);
    if (now !== previous) out.push(step.patch);
    previous = now;
  }
  return out;
}
