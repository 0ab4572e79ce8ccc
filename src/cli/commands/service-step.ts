import { join } from "node:path";
import type { CompilePlan } from "../../compile.js";
import { compareTree, outputDigest, readText, RECORD_FILE, removeRecord, renderRecord, writeRecord, writeTree, type RecordInputs, type ServiceRecord, type TreeDifference } from "../../io/output-tree.js";
import { realFs } from "../../io/output/fs.js";
import { OutputError } from "../../io/output/output-error.js";

/**
 * What is done with one service's plan once it is made: `compile` writes it, `check` compares it with the
 * output folder. The same on the main thread and on a worker thread (compile-workers.ts), so a worker
 * plans and writes a service in one go: the plan (~180 KB of text) never crosses threads, and the file
 * system's own work (most of a fresh compile on a disk) is shared between the cores.
 */
export type ServiceStep =
  | { kind: "write"; outDir: string; force: boolean; whole: boolean }
  | { kind: "compare"; outDir: string; whole: boolean };

/** The service a step works on: its folder's name, and what its record says produced it (a whole run). */
export interface StepService {
  service: string;
  inputs?: RecordInputs;
}

/** What writing one service did (paths relative to the output folder). Plain data: it crosses threads. */
export interface WriteOutcome {
  kind: "write";
  written: string[];
  /** Planned files already as planned, in plan order. */
  unchanged: string[];
  stale: string[];
}

/** How one service's output differs from its plan, its record included. Plain data: it crosses threads. */
export interface CompareOutcome extends TreeDifference {
  kind: "compare";
  /** Planned files that do not differ, in plan order (the record is counted in `unchanged`, not listed). */
  same: string[];
}

export type StepOutcome = WriteOutcome | CompareOutcome;

export async function runStep(step: ServiceStep, target: StepService, plan: CompilePlan): Promise<StepOutcome> {
  const record = recordOf(step.whole, target, plan);
  if (step.kind === "write") {
    // The record goes before the service's folders first change, and comes back once they are all in place.
    const diff = await writeTree(step.outDir, plan, { force: step.force, beforeChange: (s, fs) => removeRecord(fs, join(step.outDir, s)) });
    if (record) await writeRecord(realFs, join(step.outDir, target.service), record);
    const written = [...diff.missing, ...diff.changed.map((c) => c.path)];
    const changed = new Set(written);
    return { kind: "write", written, unchanged: plan.files.map((f) => f.path).filter((p) => !changed.has(p)), stale: diff.stale };
  }
  const mine = await compareTree(step.outDir, plan);
  const differs = new Set([...mine.changed.map((c) => c.path), ...mine.missing]);
  const same = plan.files.map((f) => f.path).filter((p) => !differs.has(p));
  // The record is output too: a missing or outdated one is what compile would rewrite (and then a
  // committed tree that passed check would differ from compile's), and it costs the next run its skip.
  if (record) {
    const path = `${target.service}/${RECORD_FILE}`;
    const actual = await readText(realFs, join(step.outDir, path));
    const expected = renderRecord(record);
    if (actual === undefined) mine.missing.push(path);
    else if (actual !== expected) mine.changed.push({ path, actual, expected });
    else mine.unchanged++;
  }
  return { kind: "compare", ...mine, same };
}

/**
 * The record a whole run keeps for a compiled service (`<out>/<service>/.berth.inputs.json`): what
 * compile writes after the service's folders, and what check expects to find; undefined in a run
 * narrowed by --env or --emit, which keeps none.
 */
export function recordOf(whole: boolean, target: StepService, plan: CompilePlan): ServiceRecord | undefined {
  if (!whole || !target.inputs) return undefined;
  const service = target.service;
  return { ...target.inputs, files: plan.files.map((f) => f.path.slice(service.length + 1)), output: outputDigest(service, plan.files) };
}

/** An OutputError as plain data, to cross from a worker thread, and back. */
export interface OutputErrorData {
  path: string;
  reason: string;
  hint: string;
  errno?: string;
}

export const outputErrorData = (e: OutputError): OutputErrorData => ({ path: e.path, reason: e.reason, hint: e.hint, ...(e.errno ? { errno: e.errno } : {}) });
export const outputErrorFrom = (d: OutputErrorData): OutputError => new OutputError(d.path, d.reason, d.hint, d.errno);
