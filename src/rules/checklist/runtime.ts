/**
 * How the running service behaves in production: settings that are valid on their own but wrong
 * together or wrong for a production environment.
 */
import { checklistRule } from "../checklist-rule.js";
import { patchedValues } from "../../kube/escaped-containers.js";
import { podSpecsOf, podTemplateLabels, selectorMatches } from "../../kube/object-checks.js";
import { escapeHatchResult } from "../../kube/index.js";
import type { DataPath } from "../../diagnostics/diagnostic.js";
import { ESCAPE_HATCH_ADVICE } from "./escaped.js";
import type { JsonValue, Model } from "../../model/model.js";
import { isProduction, replicasPath } from "../rule.js";

export const sqliteSingleWriter = checklistRule<{ reason: "replicas"; replicas: number } | { reason: "strategy"; strategy: string }>({
  id: "sqlite-single-writer",
  area: "database",
  severity: "error",
  title: "A SQLite database has one writer",
  why: "SQLite is a file: a ReadWriteOnce volume mounts on one node, and two pods writing one file corrupt it or fail to start. Blue-green and canary run the old and the new version side by side.",
  fix: "Run one replica with the rolling strategy (`replicas: 1`, no autoscaling: berth then replaces the pod with Recreate, the old one stopped before the new one starts), or move to Postgres.",
  message: (p) =>
    p.reason === "replicas"
      ? `SQLite with up to ${p.replicas} replicas: they cannot all write the one database file`
      : `SQLite with the ${p.strategy} strategy: two versions run at once and both write the database file`,
  check: (m) => {
    if (m.database?.engine !== "sqlite") return undefined;
    const most = Math.max(m.replicas, m.autoscaling?.maxReplicas ?? 0);
    if (most > 1) return [{ path: replicasPath(m), params: { reason: "replicas", replicas: most } }];
    if (m.deploy.strategy !== "rolling") return [{ path: ["deploy", "strategy"], params: { reason: "strategy", strategy: m.deploy.strategy } }];
    return [];
  },
});

export const productionLogLevel = checklistRule<{ level: string }>({
  id: "production-log-level",
  area: "observability",
  severity: "warning",
  title: "Production does not log at debug level",
  why: "Debug logs multiply log volume and cost, bury the lines that matter, and often print request bodies and headers with personal data or credentials.",
  fix: "Set `logging.level: info` (or warn) in production; keep debug for an environment you are investigating.",
  message: (p) => `production logs at level ${p.level}`,
  appEnforced: { variables: "`LOG_LEVEL`", fields: () => ["logging.level"] },
  check: (m) => (isProduction(m) ? (m.logging.level === "debug" ? [{ path: ["logging", "level"], params: { level: m.logging.level } }] : []) : undefined),
});

export const shutdownCoversRequests = checklistRule<{ requestSeconds: number; shutdownSeconds: number }>({
  id: "shutdown-covers-requests",
  area: "reliability",
  severity: "warning",
  title: "Shutdown waits for the slowest request",
  why: "On shutdown the application stops taking requests and finishes those in flight; a request allowed to run longer than the shutdown timeout is cut off at every deploy and scale-down.",
  fix: "Make `shutdown.timeout` at least `http.timeouts.request` (berth then derives a grace period that covers both), or shorten the request timeout.",
  message: (p) => `a request may run ${p.requestSeconds}s, but shutdown waits only ${p.shutdownSeconds}s for requests in flight`,
  appEnforced: { variables: "`HTTP_REQUEST_TIMEOUT` and `SHUTDOWN_TIMEOUT`", fields: () => ["http.timeouts.request", "shutdown.timeout"] },
  check: (m) => {
    const request = m.http.timeouts.requestSeconds;
    if (request === undefined) return undefined;
    const shutdown = m.shutdown.timeoutSeconds;
    return request > shutdown ? [{ path: ["http", "timeouts", "request"], params: { requestSeconds: request, shutdownSeconds: shutdown } }] : [];
  },
});

/** Why a NetworkPolicy lets its pods reach any host: a rule with no destination, a `/0` range, or no Egress policy type at all. */
function openEgress(policy: Record<string, unknown>): boolean {
  return !egressTypes(policy) || openEgressRule(policy);
}

/** Whether the policy restricts egress: Egress among its policyTypes (without policyTypes, Kubernetes implies it when the policy has egress rules). */
function egressTypes(policy: Record<string, unknown>): boolean {
  const spec = (policy.spec && typeof policy.spec === "object" ? policy.spec : {}) as { policyTypes?: unknown; egress?: unknown };
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : Array.isArray(spec.egress) ? ["Egress"] : [];
  return types.includes("Egress");
}

/** Whether one of the policy's egress rules admits any host: no destination, or a `/0` range. */
function openEgressRule(policy: Record<string, unknown>): boolean {
  const spec = (policy.spec && typeof policy.spec === "object" ? policy.spec : {}) as { egress?: unknown };
  const rules = Array.isArray(spec.egress) ? (spec.egress as Array<{ to?: unknown } | null>) : [];
  return rules.some((rule) => {
    const to = rule && Array.isArray(rule.to) ? (rule.to as Array<{ ipBlock?: { cidr?: unknown } } | null>) : [];
    return !to.length || to.some((peer) => typeof peer?.ipBlock?.cidr === "string" && /\/0$/.test(peer.ipBlock.cidr));
  });
}

/**
 * Extra NetworkPolicies that open egress to any host for the service's pods: policies add up, so one
 * in the service's namespace whose selector takes any of berth's pods (an empty one takes them all)
 * undoes the default deny as surely as a patch on berth's own. One without the Egress type leaves
 * egress to berth's policy.
 */
function extraOpenEgress(m: Model): Array<{ path: DataPath; params: { object: string } }> {
  if (!m.escapeHatches.extraObjects.length) return [];
  const { objects } = escapeHatchResult(m);
  const podLabels = objects.filter((o) => o.extra === undefined).flatMap((o) => podTemplateLabels(o.object as unknown as Record<string, JsonValue>));
  return objects.flatMap((o) => {
    const policy = o.object as unknown as Record<string, JsonValue>;
    if (o.extra === undefined || o.object.kind !== "NetworkPolicy" || o.object.metadata.namespace !== m.namespace) return [];
    const selector = (policy.spec as Record<string, JsonValue> | undefined)?.podSelector;
    const selects = selector && typeof selector === "object" && !Array.isArray(selector) && podLabels.some((labels) => selectorMatches(selector, labels));
    return selects && egressTypes(policy) && openEgressRule(policy) ? [{ path: ["extra_objects", o.extra] as DataPath, params: { object: `${o.object.kind}/${o.object.metadata.name}` } }] : [];
  });
}

export const egressRestricted = checklistRule<{ cidr?: string; ports?: string; object?: string }>({
  id: "egress-restricted",
  area: "security",
  severity: "warning",
  title: "Outgoing traffic is limited to declared peers",
  why: "With open egress a compromised pod can reach any host: exfiltrate data, call out to its operator, or attack other services. A `/0` range is open egress on the ports it lists.",
  fix: "Remove `network.open_egress` and list what the service calls in `network.egress` (services, namespaces or CIDRs narrower than `/0`); when the service must call arbitrary hosts (webhooks, mirrors), waive this rule saying so.",
  advice: (p) => (p.object !== undefined ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) =>
    p.object !== undefined
      ? `${p.object} allows outgoing traffic to any host (set by an escape hatch)`
      : p.cidr === undefined
      ? "network.open_egress allows outgoing traffic to any host"
      : `network.egress allows outgoing traffic to any host (${p.cidr}) ${p.ports ? `on port${p.ports.includes(",") ? "s" : ""} ${p.ports}` : "on every port"}`,
  check: (m) => {
    if (!isProduction(m)) return undefined;
    // What a patch made of the NetworkPolicy: one that opens egress is a finding at the patch.
    const patched = [...patchedValues(m, ["NetworkPolicy"], openEgress).flatMap((p) => (p.value ? [{ path: p.path, params: { object: p.id } }] : [])), ...extraOpenEgress(m)];
    if (m.network.openEgress) return [{ path: ["network", "open_egress"], params: {} }, ...patched];
    // An address range with prefix length 0 (0.0.0.0/0, ::/0) is every host: declared, but not a limit.
    return [
      ...m.network.egress.flatMap((peer) =>
        peer.cidr !== undefined && /\/0$/.test(peer.cidr) ? [{ path: ["network", "egress", peer.index, "cidr"], params: { cidr: peer.cidr, ports: peer.ports.join(", ") } }] : [],
      ),
      ...patched,
    ];
  },
});

export const priorityClassSet = checklistRule<{ object?: string }>({
  id: "priority-class-set",
  area: "reliability",
  severity: "warning",
  title: "Production pods have a priority class",
  why: "Without one, production pods have the cluster's default priority: under pressure the scheduler may evict them as readily as a batch job, and cannot preempt less important work to place them.",
  fix: "Set `priority_class` to a PriorityClass your cluster defines for production services.",
  advice: (p) => (p.object ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) =>
    p.object ? `the pods of ${p.object} have no priority class (set by an escape hatch): they get the cluster's default priority` : "the pods have no priority_class: they get the cluster's default priority",
  check: (m) => {
    if (!isProduction(m)) return undefined;
    if (!m.scheduling.priorityClass) return [{ path: ["priority_class"], params: {} }];
    // A patch that removed the workload's priority class.
    const podSpec = (o: Record<string, unknown>) => podSpecsOf(o as Record<string, JsonValue>)[0]?.spec;
    return patchedValues(m, ["Deployment", "Rollout"], (o) => podSpec(o)?.priorityClassName ?? null).flatMap((p) => (p.value ? [] : [{ path: p.path, params: { object: p.id } }]));
  },
});
