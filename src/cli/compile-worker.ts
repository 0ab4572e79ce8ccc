/**
 * A worker thread of `compile` and `check` (compile-workers.ts): takes manifests the main thread has
 * already validated, plans each one and writes it or compares it with the output (service-step.ts),
 * and returns what that did. A composition root, like the CLI: it names the emitters. Bundled on its
 * own as dist/compile-worker.cjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { selectEmitters } from "../../emitters/index.js";
import { planCompile, type CompileOptions } from "../compile.js";
import { OutputError } from "../io/output/output-error.js";
import { ManifestChanged, rereadManifest } from "../io/read-sources.js";
import type { NormalizeOptions } from "../model/normalize.js";
import { modelsOf } from "../pipeline.js";
import { outputErrorData, runStep, type OutputErrorData, type ServiceStep, type StepOutcome, type StepService } from "./commands/service-step.js";

export interface WorkerJob {
  id: number;
  /** The manifest as diagnostics name it. */
  file: string;
  /** Where it is: the worker reads it, and compiles it only when its bytes have `digest`. */
  path: string;
  digest: string;
  source: string;
  emit: string[];
  options: CompileOptions;
  normalize: NormalizeOptions;
  /** The service's folder and record inputs, and what to do with its plan. */
  target: StepService;
  step: ServiceStep;
}

/** What the worker is started with (`workerData`). */
export interface WorkerStart {
  /**
   * Set (to 1, at index 0) by the main thread once the run has failed: jobs still queued are then
   * answered `cancelled` without touching the output, so nothing is written after the failure.
   */
  stop: Int32Array;
}

export type WorkerResult =
  | { id: number; ok: true; outcome: StepOutcome }
  | { id: number; ok: false; cancelled: true }
  | { id: number; ok: false; error: string; changed?: true; output?: OutputErrorData };

const stop = (workerData as WorkerStart | undefined)?.stop;

parentPort?.on("message", async (job: WorkerJob) => {
  if (stop && Atomics.load(stop, 0) !== 0) return parentPort!.postMessage({ id: job.id, ok: false, cancelled: true } satisfies WorkerResult);
  try {
    const emitters = selectEmitters(job.emit);
    if (typeof emitters === "string") throw new Error(emitters);
    const bytes = rereadManifest(job.file, job.path, job.digest);
    const planned = planCompile([{ source: job.source, models: await modelsOf(job.file, bytes, job.normalize) }], emitters, job.options);
    if (!planned.ok) throw new Error(planned.error);
    parentPort!.postMessage({ id: job.id, ok: true, outcome: await runStep(job.step, job.target, planned.plan) } satisfies WorkerResult);
  } catch (error) {
    parentPort!.postMessage({
      id: job.id,
      ok: false,
      error: (error as Error)?.stack ?? String(error),
      ...(error instanceof ManifestChanged ? { changed: true as const } : {}),
      ...(error instanceof OutputError ? { output: outputErrorData(error) } : {}),
    } satisfies WorkerResult);
  }
});
