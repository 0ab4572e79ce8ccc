// Long fuzz runs of the hostile-input harness (test/fuzz/harness.ts):
//   npm run fuzz -- --runs 1000000 [--workers N] [--seed S]      many cases, split over N processes
//   npm run fuzz -- --seed S --path P --runs 1                    replay a counterexample a run printed
// The harness is TypeScript: it is bundled once with esbuild (its packages stay external) into
// .fuzz/, then each worker runs its share from its own seed (S, S+1, …). Figures: cases, accepted
// (compiled) cases, output files checked, time; a failure prints its counterexample and exits 1.
// The suite runs a bounded sample of the same properties (test/fuzz/fuzz.test.ts).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const runs = Number(option("runs", "10000"));
const workers = Math.max(1, Math.min(Number(option("workers", String(availableParallelism()))), runs));
const seed = Number(option("seed", String(Date.now() % 2 ** 31)));
const path = option("path");

const out = join(root, ".fuzz");
mkdirSync(out, { recursive: true });
const bundle = join(out, "run.mjs");
await build({
  entryPoints: [join(root, "test", "fuzz", "run.ts")],
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  outfile: bundle,
  banner: { js: "// Bundled by scripts/fuzz.mjs from test/fuzz/run.ts. Do not edit." },
  logLevel: "warning",
});

const started = Date.now();
console.log(`berth fuzz: ${runs} cases over ${workers} worker(s), seeds ${seed}…${seed + workers - 1}`);
const shares = Array.from({ length: workers }, (_, i) => Math.floor(runs / workers) + (i < runs % workers ? 1 : 0));
const results = await Promise.all(
  shares.map(
    (share, i) =>
      new Promise((resolve) => {
        const args = [bundle, "--runs", String(share), "--seed", String(seed + i), "--root", root, ...(path ? ["--path", path] : [])];
        const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => process.stderr.write(`[worker ${i}] ${chunk}`));
        child.on("close", (code) => {
          let result;
          try {
            result = { ...JSON.parse(stdout.trim().split("\n").pop()), code };
          } catch {
            result = { seed: seed + i, runs: 0, accepted: 0, files: 0, code, failure: { error: `worker ended without figures (exit ${code}): ${stdout.slice(-2000)}` } };
          }
          // Each worker's figures (and failure) as soon as it ends: a long run's other workers may go on for hours.
          console.log(`worker ${i}: ${JSON.stringify(result)}`);
          resolve(result);
        });
      }),
  ),
);
const total = results.reduce((n, r) => n + r.runs, 0);
const accepted = results.reduce((n, r) => n + r.accepted, 0);
const files = results.reduce((n, r) => n + r.files, 0);
const seconds = (Date.now() - started) / 1000;
const failures = results.filter((r) => r.failure);
console.log(`cases: ${total}, accepted and compiled: ${accepted} (${files} output files checked), rejected with a location: ${total - accepted}`);
console.log(`time: ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} cases/s), failures: ${failures.length}`);
for (const r of failures) console.log(`failure (seed ${r.failure.seed ?? r.seed}, path ${r.failure.path}):\n  ${r.failure.error}\n  counterexample: ${JSON.stringify(r.failure.counterexample)}`);
process.exitCode = failures.length ? 1 : 0;
