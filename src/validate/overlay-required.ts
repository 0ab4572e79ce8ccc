import type { ErrorObject } from "ajv";
import { fromPointer } from "../diagnostics/diagnostic.js";

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * An environment overlay is partial: it is deep-merged over the base manifest (maps merge, lists
 * replace), so a key the schema requires of a block is there whenever the base has it. The schema
 * checks an overlay as it checks the base, so `production: { database: { cloudnative_pg: { instances: 3 } } }`
 * was refused for lacking `engine` and `storage`, which the base gives. Such an error is no error.
 * Only along maps: a list in the overlay replaces the base's, whose items then supply nothing.
 */
export function suppliedByBase(error: ErrorObject, manifest: unknown): boolean {
  if (error.keyword !== "required") return false;
  const path = fromPointer(error.instancePath);
  if (path[0] !== "environments" || path.length < 3) return false;
  if (!mapsAlong(manifest, path)) return false;
  const key = (error.params as { missingProperty?: string }).missingProperty;
  if (key === undefined) return false;
  const base = [...path.slice(2), key];
  return mapsAlong(manifest, base.slice(0, -1)) && valueAt(manifest, base) !== undefined;
}

/** The schema check of a manifest, with errors the base supplies to an overlay left out. */
export function withPartialOverlays(validate: Validate): Validate {
  const wrapped: Validate = (data: unknown) => {
    if (validate(data)) {
      wrapped.errors = null;
      return true;
    }
    const errors = (validate.errors ?? []).filter((e) => !suppliedByBase(e, data));
    wrapped.errors = errors.length ? errors : null;
    return errors.length === 0;
  };
  return wrapped;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every node from the root to the end of `path` is a map (no list on the way). */
function mapsAlong(root: unknown, path: readonly string[]): boolean {
  let node = root;
  for (const key of path) {
    if (!isMap(node)) return false;
    node = node[key];
  }
  return isMap(node);
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = isMap(node) ? node[key] : undefined;
  return node;
}
