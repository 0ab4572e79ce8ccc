import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CompilePlan } from "../../compile.js";
import type { WorkerJob, WorkerResult } from "../compile-worker.js";
import type { Batch, Entry } from "./compile-run.js";

/** Below this many services to compile, threads cost more to start than they save. */
const MIN_BATCH = 200;
/** Manifests handed to each worker ahead of the writer: enough to keep it busy, few enough that memory stays flat. */
const AHEAD = 8;

/**
 * How many worker threads to use for `count` services: `BERTH_WORKERS` when set (0 turns them off),
 * else one per core beyond the main thread's (which writes), when the batch is large enough and the
 * built worker (dist/compile-worker.mjs) is there. 0 means compile in this thread.
 */
export function workerCount(count: number, env: Readonly<Record<string, string | undefined>>): number {
  if (!workerScript()) return 0;
  const asked = env.BERTH_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), 64);
  if (count < MIN_BATCH) return 0;
  return Math.max(1, availableParallelism() - 1);
}

/** The bundled worker, beside the bundle's entry points (this code runs from dist/ or dist/chunks/). */
function workerScript(): string | undefined {
  for (const relative of ["./compile-worker.mjs", "../compile-worker.mjs"]) {
    const url = new URL(relative, import.meta.url);
    if (url.protocol === "file:" && existsSync(fileURLToPath(url))) return fileURLToPath(url);
  }
  return undefined;
}

/**
 * forEachService over worker threads: the workers plan, this thread visits (writes or compares)
 * each plan as it arrives, one at a time. At most AHEAD manifests per worker are in flight, so
 * memory stays flat. Output does not depend on the order plans arrive: each service's folder is its own.
 */
export async function forEachServiceInWorkers(batch: Batch, threads: number, visit: (entry: Entry, plan: CompilePlan) => Promise<void>): Promise<void> {
  const pending = batch.entries.filter((e) => !e.cached && e.bytes);
  const script = workerScript()!;
  const workers = Array.from({ length: Math.min(threads, pending.length) }, () => new Worker(script));
  const emit = batch.emitters.map((e) => e.name);
  let next = 0;
  let failure: unknown;
  const ready: Array<{ entry: Entry; plan: CompilePlan; worker: Worker }> = [];
  let wake: (() => void) | undefined;
  let outstanding = 0;
  const send = (worker: Worker) => {
    if (next >= pending.length || failure) return;
    const id = next++;
    const entry = pending[id]!;
    outstanding++;
    worker.postMessage({ id, file: entry.file, source: entry.source, bytes: entry.bytes!, emit, options: batch.options, normalize: batch.normalize } satisfies WorkerJob);
    entry.bytes = undefined;
  };
  try {
    for (const worker of workers) {
      worker.on("message", (result: WorkerResult) => {
        outstanding--;
        if (result.ok) ready.push({ entry: pending[result.id]!, plan: result.plan, worker });
        else failure ??= new Error(result.error);
        wake?.();
      });
      worker.on("error", (error) => {
        failure ??= error;
        wake?.();
      });
      for (let i = 0; i < AHEAD; i++) send(worker);
    }
    let done = 0;
    while (done < pending.length) {
      if (failure) throw failure;
      const item = ready.shift();
      if (!item) {
        if (outstanding === 0 && next >= pending.length) throw new Error("compile workers stopped before every service was planned");
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      // The worker that planned it gets the next manifest before this one is written, so planning and
      // writing overlap, and no more than AHEAD plans per worker ever wait in memory.
      send(item.worker);
      await visit(item.entry, item.plan);
      done++;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
