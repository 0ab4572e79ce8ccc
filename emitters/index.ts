import { closest } from "../src/diagnostics/suggest.js";
import type { Emitter } from "./types.js";
import { backupEmitter } from "./backup/index.js";
import { checklistEmitter } from "./checklist/index.js";
import { grafanaEmitter } from "./grafana/index.js";
import { helmEmitter } from "./helm/index.js";
import { kubernetesEmitter } from "./kubernetes/index.js";
import { prometheusEmitter } from "./prometheus/index.js";

export type { Emitter, EmitContext, OutputFile } from "./types.js";

/** Every emitter, in output order. Adding an output = one folder + one line here. */
export const EMITTERS: readonly Emitter[] = [kubernetesEmitter, helmEmitter, backupEmitter, prometheusEmitter, grafanaEmitter, checklistEmitter];

/** Emitters selected by name (all when none are named), or a message naming the unknown ones. */
export function selectEmitters(names: readonly string[] | undefined): Emitter[] | string {
  if (!names?.length) return [...EMITTERS];
  const unknown = names.filter((n) => !EMITTERS.some((e) => e.name === n));
  if (unknown.length) {
    // `--emit kubernets`: name the output meant, as berth does for a misspelt key or environment.
    const names = EMITTERS.map((e) => e.name);
    const said = unknown.map((n) => {
      const guess = closest(n, names);
      return guess ? `${n} (did you mean ${guess}?)` : n;
    });
    return `unknown emitter ${said.join(", ")}; available: ${names.join(", ")}`;
  }
  return EMITTERS.filter((e) => names.includes(e.name));
}
