import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type * as WorkerThreads from "node:worker_threads";
import { ManifestChanged } from "../../io/read-sources.js";
import type { WorkerJob, WorkerResult, WorkerStart } from "../compile-worker.js";
import { outputErrorFrom, type ServiceStep, type StepOutcome } from "./service-step.js";
import type { Batch, Entry } from "./compile-run.js";

/** Below this many services to compile, threads cost more to start than they save. */
const MIN_BATCH = 200;
/** Manifests queued on each worker: enough that it never waits for this thread, few enough to cancel cheaply on a failure. */
const AHEAD = 8;

/**
 * How many worker threads to use for `count` services: `BERTH_WORKERS` when set (0 turns them off),
 * else one per core beyond the main thread's (which compiles too), when the batch is large enough and the
 * built worker (dist/compile-worker.cjs) is there. 0 means compile in this thread.
 */
export function workerCount(count: number, env: Readonly<Record<string, string | undefined>>): number {
  if (!workerScript()) return 0;
  const asked = env.BERTH_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), 64);
  if (count < MIN_BATCH) return 0;
  return Math.max(1, availableParallelism() - 1);
}

/** The bundled worker, beside the CLI bundle (dist/berth.cjs); run from src/ (tests), there is none. */
function workerScript(): string | undefined {
  const url = new URL("./compile-worker.cjs", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? fileURLToPath(url) : undefined;
}

/**
 * Each worker's heap is capped: V8 otherwise grows a worker's heap long before collecting it, and two
 * heaps (this thread's and a worker's) took a 10,000-service compile past 300 MB. One service's plan
 * needs a few MB; a manifest whose plan does not fit is planned on this thread instead (`planHere`).
 */
const WORKER_HEAP_MB = 128;

/**
 * Each worker's young generation, where a plan's short-lived objects die: 16 MB scavenges no slower
 * than 32 MB here, and held a 2,000-service compile's peak ~25 MB lower.
 */
const YOUNG_GENERATION_MB = 16;

/**
 * A worker needs ~20 MB to start at all: under a smaller cap V8 stops the whole process during the
 * worker's start-up ("GC during deserialization", seen on Node 22), not only the worker.
 */
const MIN_WORKER_HEAP_MB = 32;

/** Each worker's heap limit in MB: `BERTH_WORKER_HEAP_MB` when set (a smaller CI runner; at least MIN_WORKER_HEAP_MB), else WORKER_HEAP_MB. */
export function workerHeapMb(env: Readonly<Record<string, string | undefined>>): number {
  const asked = env.BERTH_WORKER_HEAP_MB;
  return asked !== undefined && /^[1-9]\d{0,5}$/.test(asked) ? Math.max(MIN_WORKER_HEAP_MB, Number(asked)) : WORKER_HEAP_MB;
}

/**
 * forEachService over worker threads: each worker plans a service and writes (or compares) it
 * (service-step.ts), and this thread takes each outcome as it arrives; whenever none is waiting, this
 * thread plans and writes a service itself. At most AHEAD manifests per worker are queued. Output does
 * not depend on which thread did what: each service's folder is its own.
 * A worker that runs out of memory is dropped and its manifests are done here. On any other failure no
 * new service is started (queued ones are cancelled), the services in progress are let finish, so each
 * is whole, and the failure is thrown.
 */
export async function forEachServiceInWorkers(
  batch: Batch,
  pool: {
    threads: number;
    heapMb: number;
    step: ServiceStep;
    /** Called on this thread with each service's outcome, in the order they complete. */
    visit: (entry: Entry, outcome: StepOutcome) => void;
    /** Plans and steps one service on this thread. */
    stepHere: (entry: Entry) => Promise<StepOutcome>;
    /** Called after each service is done (cli/heap.ts). */
    keep: () => void;
    /** Told about a worker that ran out of memory (BERTH_DEBUG). */
    debug?: (line: string) => void;
  },
): Promise<void> {
  const { threads, heapMb, step, visit, stepHere, keep, debug } = pool;
  const pending = batch.entries.filter((e) => !e.cached && e.digest);
  const script = workerScript()!;
  // Required here, not at the top: a compile too small for threads does not load node:worker_threads (cold start).
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof WorkerThreads;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from(
    { length: Math.min(threads, pending.length) },
    () => new Worker(script, { workerData: { stop } satisfies WorkerStart, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, Math.max(1, heapMb >> 2)) } }),
  );
  const alive = new Set(workers);
  /** The ids each worker holds, so a worker that dies hands them back. */
  const holding = new Map(workers.map((w) => [w, new Set<number>()]));
  const emit = batch.emitters.map((e) => e.name);
  let next = 0;
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    Atomics.store(stop, 0, 1);
  };
  /** Services done by a worker (an outcome), or handed back by one that died (none: done here). */
  const ready: Array<{ entry: Entry; outcome?: StepOutcome; worker?: WorkerThreads.Worker }> = [];
  let wake: (() => void) | undefined;
  const send = (worker: WorkerThreads.Worker) => {
    if (next >= pending.length || failure || !alive.has(worker)) return;
    const id = next++;
    const entry = pending[id]!;
    holding.get(worker)!.add(id);
    const target = { service: entry.service!, ...(entry.inputs ? { inputs: entry.inputs } : {}) };
    worker.postMessage({ id, file: entry.file, path: entry.path, digest: entry.digest!, source: entry.source, emit, options: batch.options, normalize: batch.normalize, target, step } satisfies WorkerJob);
  };
  const inFlight = () => [...holding.values()].some((ids) => ids.size > 0);
  try {
    for (const worker of workers) {
      worker.on("message", (result: WorkerResult) => {
        holding.get(worker)!.delete(result.id);
        const entry = pending[result.id]!;
        if (result.ok) ready.push({ entry, outcome: result.outcome, worker });
        else if (!("cancelled" in result)) fail(result.changed ? new ManifestChanged(entry.file) : result.output ? outputErrorFrom(result.output) : new Error(result.error));
        wake?.();
      });
      worker.on("error", (error: Error & { code?: string }) => {
        alive.delete(worker);
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
          debug?.(`berth: a worker thread ran out of its ${heapMb} MB heap; this thread compiles its ${holding.get(worker)!.size} manifest(s)\n`);
          for (const id of holding.get(worker)!) ready.push({ entry: pending[id]! });
        } else fail(error);
        holding.get(worker)!.clear();
        wake?.();
      });
      for (let i = 0; i < AHEAD; i++) send(worker);
    }
    let done = 0;
    let doneHere = 0;
    const here = async (entry: Entry) => {
      doneHere++;
      try {
        return await stepHere(entry);
      } catch (error) {
        fail(error);
        throw error;
      }
    };
    while (done < pending.length) {
      if (failure) throw failure;
      let item = ready.shift();
      if (!item && next < pending.length && alive.size > 0) {
        // Nothing has arrived: let any outcome that has be delivered (worker messages wait for the event
        // loop), and if none has, do the next manifest here rather than wait. The workers keep their AHEAD
        // manifests, so they never wait for this thread.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (failure) throw failure;
        item = ready.shift() ?? { entry: pending[next++]! };
      }
      if (!item) {
        if (!inFlight() && (next >= pending.length || alive.size === 0)) {
          if (next >= pending.length) throw new Error("compile workers stopped before every service was compiled");
          // Every worker is gone: this thread does the rest.
          ready.push({ entry: pending[next++]! });
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      // The worker that did it gets the next manifest first, so it is never left without work.
      if (item.worker) send(item.worker);
      visit(item.entry, item.outcome ?? (await here(item.entry)));
      keep();
      done++;
    }
    debug?.(`berth: this thread compiled ${doneHere} of ${pending.length} manifests, the workers the rest\n`);
  } finally {
    // A failed run lets the services in progress finish (each is then whole) before the workers stop;
    // queued ones see the stop flag and are cancelled.
    if (failure) {
      while (inFlight() && alive.size > 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
