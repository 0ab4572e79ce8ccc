import type { ErrorObject } from "ajv";
import { fromPointer } from "../diagnostics/diagnostic.js";
import { isPropertyNameDetail } from "./ajv-paths.js";

/** How many prune-and-recheck rounds to try before giving up on running the semantic rules. */
const MAX_ROUNDS = 4;

/**
 * The largest part of the manifest the schema accepts: each value ajv rejected is removed, so
 * the semantic rules can still run on everything else and a user sees all problems in one run.
 * A problem inside a list removes the whole list (removing one item would shift the positions
 * of the others), and a missing key removes the object that lacks it. Returns undefined when no
 * valid remainder exists (a required top-level key is missing).
 */
export function pruneInvalid(
  value: unknown,
  validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null },
): { value: unknown; removed: string[][] } | undefined {
  const current = structuredClone(value);
  const removed: string[][] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (validate(current)) return { value: current, removed };
    for (const error of validate.errors ?? []) {
      if (isPropertyNameDetail(error, current)) continue; // the propertyNames error beside it names the key
      const path = removablePath(error, current);
      if (path === undefined) return undefined;
      remove(current, path);
      removed.push(path);
    }
  }
  return validate(current) ? { value: current, removed } : undefined;
}

function removablePath(error: ErrorObject, data: unknown): string[] | undefined {
  const path = fromPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    path.push(String(params.additionalProperty ?? params.unevaluatedProperty));
  } else if (error.keyword === "propertyNames") {
    path.push(String(params.propertyName));
  }
  // Cut at the first list on the way, so no later item changes its index.
  let node = data;
  for (let i = 0; i < path.length; i++) {
    if (Array.isArray(node)) return path.slice(0, i);
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[path[i]!] : undefined;
  }
  return path.length ? path : undefined;
}

function remove(data: unknown, path: string[]): void {
  let node = data as Record<string, unknown> | undefined;
  for (const key of path.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
  if (node && typeof node === "object") delete node[path[path.length - 1]!];
}
