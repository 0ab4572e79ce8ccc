import { expect } from "vitest";
import type { Model } from "../../src/model/model.js";
import type { NamedObject } from "../../src/kube/index.js";
import { BASE_YAML, load } from "../helpers.js";

/** The first environment's Model of a manifest, through the real pipeline; fails the test on any error diagnostic. */
export async function modelOf(text: string): Promise<Model> {
  const loaded = await load(text);
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
  expect(loaded.models.length).toBeGreaterThan(0);
  return loaded.models[0]!;
}

/** BASE_YAML with extra top-level lines appended. */
export function base(extra = ""): string {
  return BASE_YAML + extra;
}

/** The object written to `file`, or a thrown error naming the files there are. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function objectIn(objects: NamedObject[], file: string): any {
  const found = objects.find((o) => o.file === file);
  if (!found) throw new Error(`${file} not built; got ${objects.map((o) => o.file).join(", ")}`);
  return found.object;
}
