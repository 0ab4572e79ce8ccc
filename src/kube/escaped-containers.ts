/**
 * The containers the escape hatches wrote or changed, for the checklist: the final pod specs
 * (after every patch, and those of extra objects), each value traced to the manifest entry that
 * set it. A value berth generated and no patch touched traces to nothing: the rules judge it from
 * the Model as always. A value an extra object holds traces to that object; one a patch changed,
 * to the last patch that changed it.
 */
import type { DataPath } from "../diagnostics/diagnostic.js";
import type { JsonValue, Model } from "../model/model.js";
import { objectId } from "./escape-hatches.js";
import { escapeHatchResult } from "./index.js";
import { podSpecsOf } from "./object-checks.js";
import type { KubeObject } from "./object.js";

type Json = Record<string, JsonValue>;

export interface EscapedContainer {
  /** `Kind/name` of the object running it. */
  object: string;
  name: string;
  /** The object's kind (`Deployment`, `Job`, …). */
  kind: string;
  /** `containers`, or `initContainers` (a native sidecar is one with `restartPolicy: Always`). */
  field: "initContainers" | "containers";
  /** The container as written in the final object. */
  container: Json;
  /** Its pod spec in the final object. */
  pod: Json;
  /** Where the value `read` takes from the container (or its pod) was set: undefined when berth generated it untouched. */
  blame(read: (container: Json, pod: Json) => unknown): DataPath | undefined;
}

/** Every container of a final object that an escape hatch wrote or changed (none without escape hatches). */
export function escapedContainers(m: Model): EscapedContainer[] {
  const hatches = m.escapeHatches;
  if (!hatches.patches.length && !hatches.extraObjects.length) return [];
  const { objects } = escapeHatchResult(m);
  const out: EscapedContainer[] = [];
  for (const final of objects) {
    if (final.extra === undefined && !final.steps.length) continue;
    const versions: Array<{ at: DataPath | undefined; object: KubeObject }> = [
      { at: final.extra !== undefined ? ["extra_objects", final.extra] : undefined, object: final.before },
      ...final.steps.map((s) => ({ at: ["patches", s.patch] as DataPath, object: s.after })),
    ];
    podSpecsOf(final.object as unknown as Json).forEach(({ pointer, spec }) => {
      for (const field of ["initContainers", "containers"] as const) {
        const list = spec[field];
        if (!Array.isArray(list)) continue;
        for (const container of list as Json[]) {
          const name = String(container.name);
          const lookup = (o: KubeObject): [Json | undefined, Json | undefined] => {
            const pod = podSpecsOf(o as unknown as Json).find((p) => p.pointer === pointer)?.spec;
            const c = pod && Array.isArray(pod[field]) ? (pod[field] as Json[]).find((x) => x && x.name === name) : undefined;
            return [c, pod];
          };
          out.push({
            object: objectId(final.object),
            name,
            kind: final.object.kind,
            field,
            container,
            pod: spec,
            blame(read) {
              // A version without the container differs from one whose container lacks the value: a container a
              // patch adds without resources (or probes) is blamed on that patch, not taken for berth's own.
              const value = (o: KubeObject) => {
                const [c, pod] = lookup(o);
                return c && pod ? `=${JSON.stringify(read(c, pod) ?? null)}` : "absent";
              };
              let blamed = versions[0]!.at;
              for (let i = 1; i < versions.length; i++) if (value(versions[i]!.object) !== value(versions[i - 1]!.object)) blamed = versions[i]!.at;
              return blamed;
            },
          });
        }
      }
    });
  }
  return out;
}

/** The ServiceAccounts of the final objects that mount no API token into their pods (`automountServiceAccountToken: false`): berth's own. */
export function tokenlessAccounts(m: Model): Set<string> {
  const out = new Set<string>();
  for (const { object } of escapeHatchResult(m).objects) {
    if (object.kind === "ServiceAccount" && (object as unknown as Json).automountServiceAccountToken === false) out.add(object.metadata.name);
  }
  return out;
}

/** A value of one of berth's own objects that a patch changed: the final object and the last patch that changed the value. */
export interface PatchedValue {
  object: KubeObject;
  /** `Kind/name`. */
  id: string;
  /** The value `read` takes from the final object. */
  value: unknown;
  /** `patches[i]`: the last patch that changed the value. */
  path: DataPath;
}

/**
 * berth's own objects of `kinds` whose value `read` a patch changed (none without patches): the
 * object-level rules (replicas, the disruption budget, the NetworkPolicy, …) judge these as the
 * container rules judge escapedContainers. Extra objects are the user's own and not read here.
 */
export function patchedValues(m: Model, kinds: readonly string[], read: (object: Json) => unknown): PatchedValue[] {
  if (!m.escapeHatches.patches.length) return [];
  const out: PatchedValue[] = [];
  for (const final of escapeHatchResult(m).objects) {
    if (final.extra !== undefined || !final.steps.length || !kinds.includes(final.object.kind)) continue;
    const value = (o: KubeObject) => JSON.stringify(read(o as unknown as Json) ?? null);
    let blamed: DataPath | undefined;
    let previous = value(final.before);
    for (const step of final.steps) {
      const next = value(step.after);
      if (next !== previous) blamed = ["patches", step.patch];
      previous = next;
    }
    if (blamed) out.push({ object: final.object, id: objectId(final.object), value: read(final.object as unknown as Json), path: blamed });
  }
  return out;
}
