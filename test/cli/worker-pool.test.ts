import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { WorkerPool } from "../../src/cli/worker-pool.js";

/**
 * A stand-in for a worker thread, driven by the test: each job is answered on the next turn of the event
 * loop (setImmediate), but the one numbered `slow`, answered later. Real threads answer whenever they
 * like; this makes one interleaving certain.
 */
class FakeWorker extends EventEmitter {
  constructor(private readonly slow: number) {
    super();
  }
  postMessage(job: { id: number }) {
    const reply = () => this.emit("message", { id: job.id, ok: true, value: `worker ${job.id}` });
    if (job.id === this.slow) setTimeout(reply, 20);
    else setImmediate(reply);
  }
  ref() {}
  unref() {}
  async terminate() {}
}

const poolOf = (workers: FakeWorker[]): WorkerPool =>
  Reflect.construct(WorkerPool as unknown as new (...args: unknown[]) => WorkerPool, [workers, new Int32Array(new SharedArrayBuffer(4)), 128]);

describe("WorkerPool.run", () => {
  it("never does a job beyond the last when the workers take the last ones while this thread yields", async () => {
    // 8 jobs are handed to the worker at once; job 0 is slow, so this thread finds nothing to deliver and
    // yields a turn, during which jobs 1-7 come back and each hands the worker one more: 8-14, the last.
    const count = 15;
    const pool = poolOf([new FakeWorker(0)]);
    const here: number[] = [];
    const delivered: Array<[number, string]> = [];
    await pool.run<string>({
      count,
      ordered: true,
      message: (i) => ({ i }),
      here: async (i) => (here.push(i), `here ${i}`),
      deliver: (i, value) => void delivered.push([i, value]),
      failure: (_i, error) => new Error(error),
    });
    expect(here.filter((i) => i >= count)).toEqual([]);
    expect(delivered.map(([i]) => i)).toEqual([...Array(count).keys()]);
    expect(delivered.every(([i, value]) => value === `worker ${i}` || value === `here ${i}`)).toBe(true);
  });
});
