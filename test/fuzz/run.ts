/**
 * One fuzz worker for long runs (bundled and started by scripts/fuzz.mjs): runs `--runs` cases of
 * the harness from `--seed` and prints one JSON line of figures (and the counterexample, if any).
 */
import fc from "fast-check";
import { caseArbitrary, checkCase, loadBases } from "./harness.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg("runs") ?? 1000);
const seed = Number(arg("seed") ?? 1);
const path = arg("path");
const bases = loadBases(arg("root"));
let accepted = 0;
let files = 0;
let done = 0;
const started = Date.now();
const details = await fc.check(
  fc.asyncProperty(caseArbitrary(bases), async (c) => {
    const outcome = await checkCase(bases, c);
    done++;
    if (outcome.accepted) accepted++, (files += outcome.files);
    // Counted, not timed: the cases run back to back and a timer would not fire between them.
    if (done % 5000 === 0) process.stderr.write(JSON.stringify({ seed, cases: done, accepted, files, seconds: (Date.now() - started) / 1000 }) + "\n");
  }),
  { numRuns: runs, seed, ...(path ? { path } : {}) },
);
const failure = details.failed
  ? { counterexample: details.counterexample, seed: details.seed, path: details.counterexamplePath, error: String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance) }
  : undefined;
process.stdout.write(JSON.stringify({ seed, runs: details.numRuns, accepted, files, seconds: (Date.now() - started) / 1000, ...(failure ? { failure } : {}) }) + "\n");
process.exitCode = failure ? 1 : 0;
