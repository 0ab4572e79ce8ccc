import { createRequire } from "node:module";
import type * as WorkerThreads from "node:worker_threads";

/** Jobs queued on each worker: enough that it never waits for this thread, few enough to cancel cheaply on a failure. */
const AHEAD = 8;

/** What a worker answers to one job (see compile-worker.ts, which speaks this protocol). */
export type WorkerReply<R> =
  | { id: number; ok: true; value: R }
  | { id: number; ok: false; cancelled: true }
  | { id: number; ok: false; error: string; data?: unknown };

/** What the worker is started with (`workerData`). */
export interface WorkerStart {
  /**
   * Set (to 1, at index 0) by the main thread once a run has failed: jobs still queued are then
   * answered `cancelled` without being done, so nothing is written after the failure.
   */
  stop: Int32Array;
}

/** A run of `count` jobs, numbered 0…count-1, that this thread can also do itself. */
export interface Run<R> {
  count: number;
  /** Job `i` as the message a worker takes (its `id` is added). */
  message: (i: number) => object;
  /** Job `i` done on this thread. */
  here: (i: number) => Promise<R>;
  /** Job `i`'s result, on this thread: in job order when `ordered`, else as they come. */
  deliver: (i: number, result: R) => void;
  ordered: boolean;
  /** A worker's failure as the error to throw (the `error` and `data` of its reply). */
  failure: (i: number, error: string, data: unknown) => unknown;
  /** Called after each delivery (cli/heap.ts). */
  keep?: () => void;
}

/**
 * Worker threads running one script, shared by the passes of a command. This thread is one of the
 * pool's hands: whenever no result is waiting, it does the next job itself rather than wait. A worker
 * that runs out of memory is dropped and its jobs are done here. On any other failure no new job is
 * started (queued ones are cancelled), those in progress are let finish (so a service being written
 * is whole), and the failure is thrown.
 */
export class WorkerPool {
  private readonly alive: Set<WorkerThreads.Worker>;
  /** Jobs done on this thread in the last run (BERTH_DEBUG). */
  doneHere = 0;

  private constructor(
    private readonly workers: WorkerThreads.Worker[],
    private readonly stop: Int32Array,
    private readonly heapMb: number,
    private readonly debug?: (line: string) => void,
  ) {
    this.alive = new Set(workers);
  }

  static open(script: string, threads: number, limits: { heapMb: number; youngMb: number }, debug?: (line: string) => void): WorkerPool {
    // Required here, not at the top: a run too small for threads does not load node:worker_threads (cold start).
    const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof WorkerThreads;
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const workers = Array.from({ length: threads }, () => {
      const worker = new Worker(script, { workerData: { stop } satisfies WorkerStart, resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: limits.youngMb } });
      // Between runs, never what keeps the process alive: an error that skips close() must not hang it.
      worker.unref();
      return worker;
    });
    return new WorkerPool(workers, stop, limits.heapMb, debug);
  }

  async run<R>(run: Run<R>): Promise<void> {
    const { count, ordered } = run;
    this.doneHere = 0;
    const holding = new Map([...this.alive].map((w) => [w, new Set<number>()]));
    /** Results that arrived (or, without a value, jobs handed back by a worker that died: done here). */
    const ready = new Map<number, { value?: R; has: boolean }>();
    let next = 0;
    let turn = 0;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const fail = (error: unknown) => {
      failure ??= error;
      Atomics.store(this.stop, 0, 1);
    };
    const send = (worker: WorkerThreads.Worker) => {
      if (next >= count || failure || !this.alive.has(worker)) return;
      const id = next++;
      holding.get(worker)!.add(id);
      worker.postMessage({ ...run.message(id), id });
    };
    const inFlight = () => [...holding.values()].some((ids) => ids.size > 0);
    const listeners: Array<() => void> = [];
    for (const worker of this.alive) {
      const onMessage = (reply: WorkerReply<R>) => {
        holding.get(worker)!.delete(reply.id);
        if (reply.ok) ready.set(reply.id, { value: reply.value, has: true });
        else if (!("cancelled" in reply)) fail(run.failure(reply.id, reply.error, reply.data));
        // Its next job as soon as this one is back: results are small, and the worker never idles.
        send(worker);
        wake?.();
      };
      const onError = (error: Error & { code?: string }) => {
        this.alive.delete(worker);
        const held = holding.get(worker)!;
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
          this.debug?.(`berth: a worker thread ran out of its ${this.heapMb} MB heap; this thread does its ${held.size} manifest(s)\n`);
          for (const id of held) ready.set(id, { has: false });
        } else fail(error);
        held.clear();
        wake?.();
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      // While a run waits for its messages, they keep the process alive.
      worker.ref();
      listeners.push(() => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.unref();
      });
    }
    const here = async (i: number): Promise<R> => {
      this.doneHere++;
      try {
        return await run.here(i);
      } catch (error) {
        fail(error);
        throw error;
      }
    };
    const waitForNews = async () => {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    };
    const pick = (): number | undefined => (ordered ? (ready.has(turn) ? turn : undefined) : ready.keys().next().value);
    try {
      for (const worker of this.alive) for (let i = 0; i < AHEAD; i++) send(worker);
      let delivered = 0;
      while (delivered < count) {
        if (failure) throw failure;
        let i = pick();
        if (i === undefined && next < count) {
          // Nothing to deliver: let any result that has arrived be taken (worker messages wait for the event
          // loop), and if none has, do the next job here rather than wait.
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (failure) throw failure;
          i = pick();
          if (i === undefined) {
            // While this thread yielded, each result that came in handed its worker a job: the last ones may
            // be gone. Then there is nothing left to do here (job `count` is none), only results to wait for.
            if (next >= count) continue;
            const mine = next++;
            ready.set(mine, { value: await here(mine), has: true });
            continue;
          }
        }
        if (i === undefined) {
          // Every job is handed out: what is missing is on its way, or lost.
          if (!inFlight()) throw new Error("worker threads stopped before every job was done");
          await waitForNews();
          continue;
        }
        const item = ready.get(i)!;
        ready.delete(i);
        run.deliver(i, item.has ? item.value! : await here(i));
        run.keep?.();
        delivered++;
        if (ordered) turn++;
      }
    } catch (error) {
      // Whatever failed (a delivery too), no new job starts, and those in progress are let finish below.
      fail(error);
      throw error;
    } finally {
      // A failed run lets the jobs in progress finish (a service being written is then whole); queued ones see the stop flag.
      if (failure) while (inFlight() && this.alive.size > 0) await waitForNews();
      for (const off of listeners) off();
    }
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
