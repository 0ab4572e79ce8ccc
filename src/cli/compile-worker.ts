/**
 * A worker thread of `compile` and `check` (compile-workers.ts): takes manifests the main thread has
 * already validated, and returns each one's plan. A composition root, like the CLI: it names the
 * emitters. Bundled on its own as dist/compile-worker.cjs.
 */
import { parentPort } from "node:worker_threads";
import { selectEmitters } from "../../emitters/index.js";
import { planCompile, type CompileOptions } from "../compile.js";
import { ManifestChanged, rereadManifest } from "../io/read-sources.js";
import type { NormalizeOptions } from "../model/normalize.js";
import { modelsOf } from "../pipeline.js";

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
}

export type WorkerResult = { id: number; ok: true; plan: import("../compile.js").CompilePlan } | { id: number; ok: false; error: string; changed?: true };

parentPort?.on("message", async (job: WorkerJob) => {
  try {
    const emitters = selectEmitters(job.emit);
    if (typeof emitters === "string") throw new Error(emitters);
    const bytes = rereadManifest(job.file, job.path, job.digest);
    const planned = planCompile([{ source: job.source, models: await modelsOf(job.file, bytes, job.normalize) }], emitters, job.options);
    if (!planned.ok) throw new Error(planned.error);
    parentPort!.postMessage({ id: job.id, ok: true, plan: planned.plan } satisfies WorkerResult);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, ok: false, error: (error as Error)?.stack ?? String(error), ...(error instanceof ManifestChanged ? { changed: true as const } : {}) } satisfies WorkerResult);
  }
});
