import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { ManifestChanged } from "../../io/read-sources.js";
import type { JobFailure } from "../compile-worker.js";
import { WorkerPool } from "../worker-pool.js";
import { outputErrorFrom } from "./service-step.js";

/** Below this many manifests to validate or compile, threads cost more to start than they save. */
export const MIN_BATCH = 200;

/**
 * How many worker threads to use for `count` manifests: `BERTH_WORKERS` when set (0 turns them off),
 * else one per core beyond the main thread's (which compiles too), when the batch is large enough and the
 * built worker (dist/compile-worker.cjs) is there. 0 means compile in this thread.
 */
export function workerCount(count: number, env: Readonly<Record<string, string | undefined>>): number {
  if (!workerScript()) return 0;
  if (workersForced(env)) return Math.min(Number(env.BERTH_WORKERS), 64);
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
 * needs a few MB; a manifest whose plan does not fit is done on this thread instead (worker-pool.ts).
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

/** Whether `BERTH_WORKERS` sets the number of threads (then used whatever the batch's size). */
export function workersForced(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.BERTH_WORKERS !== undefined && /^\d+$/.test(env.BERTH_WORKERS);
}

/**
 * The worker threads for a run over `count` manifests (both passes of compile and check share them), or
 * undefined when it runs on this thread alone (then nothing is printed: the caller says so).
 */
export function openCompilePool(count: number, env: Readonly<Record<string, string | undefined>>, debug?: (line: string) => void, doing = "compiling"): WorkerPool | undefined {
  const threads = workerCount(count, env);
  if (!threads) return undefined;
  debug?.(`berth: ${doing} on this thread and ${threads} worker thread${threads === 1 ? "" : "s"} (heap ${workerHeapMb(env)} MB each)\n`);
  const heapMb = workerHeapMb(env);
  return WorkerPool.open(workerScript()!, threads, { heapMb, youngMb: Math.min(YOUNG_GENERATION_MB, Math.max(1, heapMb >> 2)) }, debug);
}

/** A worker's failure as the main thread would have thrown it: the same ManifestChanged or OutputError, else a bug. */
export function jobFailure(file: string, error: string, data: unknown): Error {
  const why = data as JobFailure | undefined;
  if (why && "changed" in why) return new ManifestChanged(file);
  if (why && "output" in why) return outputErrorFrom(why.output);
  return new Error(error);
}
