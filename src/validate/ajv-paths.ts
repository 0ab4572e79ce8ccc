import type { ErrorObject } from "ajv";
import { fromPointer, type DataPath } from "../diagnostics/diagnostic.js";

/** An ajv error's instance path as a data path; list indices become numbers (`ports[0]` in messages). */
export function errorPath(error: ErrorObject): Array<string | number> {
  return fromPointer(error.instancePath).map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** The value at a data path, or undefined where the path leads nowhere. */
export function valueAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const key of path) node = node && typeof node === "object" ? (node as Record<string, unknown>)[key as string] : undefined;
  return node;
}

/**
 * True for the detail ajv reports under a `propertyNames` failure: the key's own pattern or length
 * error, filed on the object. The `propertyNames` error beside it names the key; this one adds nothing.
 */
export function isPropertyNameDetail(error: ErrorObject, data: unknown): boolean {
  return ["pattern", "minLength", "maxLength"].includes(error.keyword) && typeof valueAt(data, errorPath(error)) !== "string";
}
