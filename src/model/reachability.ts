import type { Model, Peer } from "./model.js";
import type { ResolvedSpec } from "./spec.js";

/** The port each engine listens on unless the manifest says otherwise. */
export const DEFAULT_PORTS = { postgres: 5432, mysql: 3306, redis: 6379 } as const;

/** A declared dependency the service connects to over the network, and whether the NetworkPolicy lets it. */
export interface Dependency {
  kind: "database" | "cache";
  port: number;
  /** The manifest field declaring it. */
  path: Array<string | number>;
  /** How the NetworkPolicy reaches it: berth's CloudNativePG rule, an egress peer allowing the port, open egress; or none. */
  reachedBy: "cloudnative-pg" | "egress" | "open-egress" | "none";
}

/** Whether `peer` (an egress entry) allows TCP `port`: a peer without ports allows them all (of its protocol, when it names one). */
function allows(peer: Peer, port: number): boolean {
  return (peer.protocol ?? "TCP") === "TCP" && (peer.ports.length === 0 || peer.ports.includes(port));
}

/**
 * The database and cache the service reaches over the network (SQLite and an in-memory cache are local),
 * each with what lets it through the service's default-deny NetworkPolicy. Derived once; the rule
 * `dependency-egress` reports those reached by nothing.
 */
export function dependencies(spec: ResolvedSpec, m: Pick<Model, "database" | "cache" | "network">): Dependency[] {
  const out: Dependency[] = [];
  const reach = (port: number, operator: boolean): Dependency["reachedBy"] =>
    operator ? "cloudnative-pg" : m.network.openEgress ? "open-egress" : m.network.egress.some((p) => allows(p, port)) ? "egress" : "none";
  const db = m.database;
  if (db && db.engine !== "sqlite") {
    const port = spec.database?.port ?? DEFAULT_PORTS[db.engine];
    out.push({ kind: "database", port, path: ["database"], reachedBy: reach(port, db.managedBy === "cloudnative-pg" && !!db.cluster) });
  }
  if (m.cache?.backend === "redis") {
    const port = spec.cache?.port ?? DEFAULT_PORTS.redis;
    out.push({ kind: "cache", port, path: ["cache"], reachedBy: reach(port, false) });
  }
  return out;
}
