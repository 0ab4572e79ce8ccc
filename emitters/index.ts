import type { Emitter } from "./types.js";
import { backupEmitter } from "./backup/index.js";
import { checklistEmitter } from "./checklist/index.js";
import { helmEmitter } from "./helm/index.js";
import { kubernetesEmitter } from "./kubernetes/index.js";
import { prometheusEmitter } from "./prometheus/index.js";

export type { Emitter, EmitContext, OutputFile } from "./types.js";

/** Every emitter, in output order. Adding an output = one folder + one line here. */
export const EMITTERS: readonly Emitter[] = [kubernetesEmitter, helmEmitter, backupEmitter, prometheusEmitter, checklistEmitter];
