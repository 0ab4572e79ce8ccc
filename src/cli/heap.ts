import { createRequire } from "node:module";
import type * as NodeV8 from "node:v8";
import type * as NodeVm from "node:vm";

/** How far the heap may grow past what the last full collection kept before the next one. */
const SLACK_BYTES = 32 * 1024 * 1024;
/**
 * The heap is measured every this many calls: a run of a few manifests never loads node:v8 (~1.5 ms
 * of a cold start), and a few manifests' garbage is well within the slack.
 */
const EVERY = 8;

let v8: typeof NodeV8 | undefined;
let collect: (() => void) | null | undefined;

/**
 * V8's full collection. Node has no API for it without `--expose-gc` on the command line; this is
 * how jest's leak detector takes it: the flag on for the one new context that captures `gc`, then off
 * again, so the flags V8 checks a code cache against (bin/berth.cjs) are as they were. Only the main
 * thread does this (the flag is process-wide). null when unavailable: the keeper then does nothing.
 */
function fullCollection(): (() => void) | null {
  if (collect !== undefined) return collect;
  const require = createRequire(import.meta.url);
  v8 ??= require("node:v8") as typeof NodeV8;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = (require("node:vm") as typeof NodeVm).runInNewContext("typeof gc === 'function' ? gc : null");
    collect = typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    collect = null;
  } finally {
    v8.setFlagsFromString("--no-expose-gc");
  }
  return collect;
}

/**
 * Keeps a long batch's heap near its live data: call the returned function after each manifest.
 * V8 sets a fresh heap's first old-generation limit from the machine's memory, not from what the
 * program keeps: compile keeps ~1 KB per service alive but makes megabytes of garbage per manifest,
 * and V8 let the main thread's heap reach 120 MB before its first full collection, which took a
 * 10,000-service compile past 300 MB (issue 16). A full collection whenever the heap has grown
 * SLACK_BYTES since the last one holds it near what is live: ~30 collections, ~280 ms, in a
 * 2,000-service compile of ~22 s.
 */
export function heapKeeper(): () => void {
  let calls = 0;
  let kept: number | undefined;
  return () => {
    if (++calls % EVERY !== 0) return;
    const gc = fullCollection();
    if (!gc) return;
    const used = v8!.getHeapStatistics().used_heap_size;
    kept ??= used;
    if (used - kept < SLACK_BYTES) return;
    gc();
    kept = v8!.getHeapStatistics().used_heap_size;
  };
}
