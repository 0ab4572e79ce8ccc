/**
 * A worker thread of `compile`, `check`, `validate` and `lint` (worker-pool.ts, compile-workers.ts). It
 * takes compile's and check's two passes' jobs: `examine` a manifest (the first pass: read, shard,
 * record or validate), or `compile` one the main thread has validated (plan it, then write it or compare
 * it with the output: service-step.ts); and `validate`'s and `lint`'s. It answers with plain data. A composition root, like the CLI: it names the emitters. Bundled on its
 * own as dist/compile-worker.cjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { selectEmitters } from "../../emitters/index.js";
import { planCompile, type CompileOptions } from "../compile.js";
import { OutputError } from "../io/output/output-error.js";
import { ManifestChanged, rereadManifest } from "../io/read-sources.js";
import type { NormalizeOptions } from "../model/normalize.js";
import { modelsOf } from "../pipeline.js";
import { examine, type ExamineContext } from "./commands/examine.js";
import { validateOne } from "./commands/validate-one.js";
import { lintOne, type LintContext } from "./commands/lint-one.js";
import { outputErrorData, runStep, type OutputErrorData, type ServiceStep, type StepService } from "./commands/service-step.js";
import type { WorkerReply, WorkerStart } from "./worker-pool.js";

/** The first pass's job: one manifest to examine. */
export interface ExamineJob {
  id: number;
  kind: "examine";
  file: string;
  ctx: ExamineContext;
}

/** The second pass's job: one validated manifest to compile and write (or compare). */
export interface CompileJob {
  id: number;
  kind: "compile";
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

/** `validate`'s job: one manifest to validate. */
export interface ValidateJob {
  id: number;
  kind: "validate";
  file: string;
  cwd: string;
}

/** `lint`'s job: one manifest to lint, reduced to its part of the report. */
export interface LintJob {
  id: number;
  kind: "lint";
  file: string;
  ctx: LintContext;
}

/** Why a job failed, beyond its message: the run reports these as the main thread would have. */
export type JobFailure = { changed: true } | { output: OutputErrorData };

const stop = (workerData as WorkerStart | undefined)?.stop;

type Job = ExamineJob | CompileJob | ValidateJob | LintJob;

async function work(job: Job) {
  if (job.kind === "lint") return lintOne(job.file, job.ctx);
  if (job.kind === "examine") return examine(job.file, job.ctx);
  if (job.kind === "validate") return validateOne(job.file, job.cwd);
  const emitters = selectEmitters(job.emit);
  if (typeof emitters === "string") throw new Error(emitters);
  const bytes = rereadManifest(job.file, job.path, job.digest);
  const planned = planCompile([{ source: job.source, models: await modelsOf(job.file, bytes, job.normalize) }], emitters, job.options);
  if (!planned.ok) throw new Error(planned.error);
  return runStep(job.step, job.target, planned.plan);
}

parentPort?.on("message", async (job: Job) => {
  if (stop && Atomics.load(stop, 0) !== 0) return parentPort!.postMessage({ id: job.id, ok: false, cancelled: true } satisfies WorkerReply<never>);
  try {
    parentPort!.postMessage({ id: job.id, ok: true, value: await work(job) } satisfies WorkerReply<unknown>);
  } catch (error) {
    const data: JobFailure | undefined = error instanceof ManifestChanged ? { changed: true } : error instanceof OutputError ? { output: outputErrorData(error) } : undefined;
    parentPort!.postMessage({ id: job.id, ok: false, error: (error as Error)?.stack ?? String(error), ...(data ? { data } : {}) } satisfies WorkerReply<never>);
  }
});
