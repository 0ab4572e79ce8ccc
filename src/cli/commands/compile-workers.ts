import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type * as WorkerThreads from "node:worker_threads";
import type { CompilePlan } from "../../compile.js";
import { ManifestChanged } from "../../io/read-sources.js";
import type { WorkerJob, WorkerResult } from "../compile-worker.js";
import type { Batch, Entry } from "./compile-run.js";

/** Below this many services to compile, threads cost more to start than they save. */
const MIN_BATCH = 200;
/** Manifests handed to each worker ahead of the writer: enough to keep it busy, few enough that memory stays flat. */
const AHEAD = 8;

/**
 * How many worker threads to use for `count` services: `BERTH_WORKERS` when set (0 turns them off),
 * else one per core beyond the main thread's (which writes), when the batch is large enough and the
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
 * forEachService over worker threads: the workers plan, this thread visits (writes or compares)
 * each plan as it arrives, one at a time, and plans a manifest itself whenever no plan is waiting.
 * At most AHEAD manifests per worker are in flight, so memory stays flat. Output does not depend on
 * the order plans arrive: each service's folder is its own.
 * A worker that runs out of memory is dropped and its manifests are planned here; any other worker
 * failure stops the run.
 */
export async function forEachServiceInWorkers(
  batch: Batch,
  pool: {
    threads: number;
    heapMb: number;
    visit: (entry: Entry, plan: CompilePlan) => Promise<void>;
    planHere: (entry: Entry) => Promise<CompilePlan>;
    /** Called after each service is visited (cli/heap.ts). */
    keep: () => void;
    /** Told about a worker that ran out of memory (BERTH_DEBUG). */
    debug?: (line: string) => void;
  },
): Promise<void> {
  const { threads, heapMb, visit, planHere, keep, debug } = pool;
  const pending = batch.entries.filter((e) => !e.cached && e.digest);
  const script = workerScript()!;
  // Required here, not at the top: a compile too small for threads does not load node:worker_threads (cold start).
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof WorkerThreads;
  const workers = Array.from({ length: Math.min(threads, pending.length) }, () => new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, Math.max(1, heapMb >> 2)) } }));
  const alive = new Set(workers);
  /** The ids each worker holds, so a worker that dies hands them back. */
  const holding = new Map(workers.map((w) => [w, new Set<number>()]));
  const emit = batch.emitters.map((e) => e.name);
  let next = 0;
  let failure: unknown;
  const ready: Array<{ entry: Entry; plan?: CompilePlan; worker?: WorkerThreads.Worker }> = [];
  let wake: (() => void) | undefined;
  const send = (worker: WorkerThreads.Worker) => {
    if (next >= pending.length || failure || !alive.has(worker)) return;
    const id = next++;
    const entry = pending[id]!;
    holding.get(worker)!.add(id);
    worker.postMessage({ id, file: entry.file, path: entry.path, digest: entry.digest!, source: entry.source, emit, options: batch.options, normalize: batch.normalize } satisfies WorkerJob);
  };
  try {
    for (const worker of workers) {
      worker.on("message", (result: WorkerResult) => {
        holding.get(worker)!.delete(result.id);
        const entry = pending[result.id]!;
        if (result.ok) ready.push({ entry, plan: result.plan, worker });
        else failure ??= result.changed ? new ManifestChanged(entry.file) : new Error(result.error);
        wake?.();
      });
      worker.on("error", (error: Error & { code?: string }) => {
        alive.delete(worker);
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
          debug?.(`berth: a worker thread ran out of its ${heapMb} MB heap; this thread plans its ${holding.get(worker)!.size} manifest(s)\n`);
          for (const id of holding.get(worker)!) ready.push({ entry: pending[id]! });
        } else failure ??= error;
        holding.get(worker)!.clear();
        wake?.();
      });
      for (let i = 0; i < AHEAD; i++) send(worker);
    }
    let done = 0;
    let plannedHere = 0;
    while (done < pending.length) {
      if (failure) throw failure;
      let item = ready.shift();
      if (!item && next < pending.length && alive.size > 0) {
        // Nothing to write: let any plan that has arrived be delivered (worker messages wait for the event
        // loop), and if none has, plan the next manifest here rather than wait. The writer was otherwise
        // idle most of the run (a 1,000-service compile on 2 cores: 63 % of this thread's time); the
        // workers keep their AHEAD manifests, so they never wait for it.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (failure) throw failure;
        item = ready.shift() ?? { entry: pending[next++]! };
      }
      if (!item) {
        const inFlight = [...holding.values()].some((ids) => ids.size > 0);
        if (!inFlight && (next >= pending.length || alive.size === 0)) {
          if (next >= pending.length) throw new Error("compile workers stopped before every service was planned");
          // Every worker is gone: this thread plans the rest.
          ready.push({ entry: pending[next++]! });
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      // The worker that planned it gets the next manifest before this one is written, so planning and
      // writing overlap, and no more than AHEAD plans per worker ever wait in memory.
      if (item.worker) send(item.worker);
      if (!item.plan) plannedHere++;
      await visit(item.entry, item.plan ?? (await planHere(item.entry)));
      keep();
      done++;
    }
    debug?.(`berth: this thread planned ${plannedHere} of ${pending.length} manifests, the workers the rest\n`);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
