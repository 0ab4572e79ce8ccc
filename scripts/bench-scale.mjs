// `npm run bench`, scale section (issue 16): N synthetic services (the examples in turn, each renamed)
// compiled and checked by the real CLI, whole processes, against baselines measured in the same run:
// `node -e 0`, and the write-only floor (a plain Node script writing the same bytes with mkdirSync +
// writeFileSync). Medians of BENCH_SCALE_ROUNDS runs, interleaved so drift in machine load hits all alike.
// Alone: `node scripts/bench-scale.mjs [N] [BIG]` prints its table (BIG=0 skips the 10,000-service run).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

const cli = resolve("bin", "berth.cjs");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Wall time (ms) and peak RSS (KB) of one whole process. Each starts after `sync`: what the run before it
 * left for the kernel to write back (hundreds of MB here) would otherwise slow whichever run came next.
 */
function run(args, cwd) {
  spawnSync("sync");
  const start = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (r.status !== 0 && !(args[0] === "-e")) throw new Error(`bench-scale: node ${args.slice(0, 3).join(" ")} … exited ${r.status}:\n${r.stderr.slice(-2000)}`);
  return { ms, kb: Number(r.stderr.trim().split("\n").pop()) };
}

/** The bundled examples' YAML manifests, in a stable order: the benchmarks' generated services are these in turn. */
export const exampleTemplates = () => readdirSync("examples").sort().map((name) => readFileSync(join("examples", name, "service.yaml"), "utf8"));

/**
 * An example renamed: every mention of its name, not only `name:` (a patch targets its objects by name,
 * and its Secrets and buckets carry it).
 */
export const renamed = (text, to) => text.replaceAll(new RegExp(`\\b${text.match(/^name: (.*)$/m)[1]}\\b`, "g"), to);

/** Deletes a scratch tree: with rm -rf where there is one (faster than Node's rmSync over half a million files). */
function remove(dir) {
  if (spawnSync("rm", ["-rf", dir]).status !== 0) rmSync(dir, { recursive: true, force: true });
}

/** A scratch repository of `count` services: services/service-<i>/service.yaml. */
function corpus(count) {
  const dir = mkdtempSync(join(tmpdir(), "berth-scale-"));
  mkdirSync(join(dir, ".git"));
  const templates = exampleTemplates();
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = `services/service-${i}/service.yaml`;
    mkdirSync(join(dir, "services", `service-${i}`), { recursive: true });
    writeFileSync(join(dir, file), renamed(templates[i % templates.length], `service-${i}`));
    files.push(file);
  }
  return { dir, files };
}

/** Every file under `root` into one JSON bundle, for the floor script (it reads one file, then writes them all). */
function bundle(root, to) {
  const files = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else if (!e.name.startsWith(".berth")) files.push([path, readFileSync(join(root, path), "utf8")]);
    }
  };
  walk("");
  writeFileSync(to, JSON.stringify(files));
  return { count: files.length, bytes: files.reduce((n, [, c]) => n + Buffer.byteLength(c), 0) };
}

const FLOOR = `
const { mkdirSync, writeFileSync, readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const [bundle, out, copies = "1"] = process.argv.slice(1);
const made = new Set();
const files = JSON.parse(readFileSync(bundle, "utf8"));
for (let copy = 0; copy < Number(copies); copy++) {
  const base = copies === "1" ? out : join(out, String(copy));
  for (const [path, content] of files) {
    const dir = dirname(join(base, path));
    if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
    writeFileSync(join(base, path), content);
  }
}`;

export function scaleSection({ count = 1000, big = 10000, rounds = 5 } = {}) {
  const load = () => loadavg()[0].toFixed(1);
  const loadBefore = load();
  const { dir, files } = corpus(count);
  const compileArgs = (out, ...extra) => [cli, "compile", ...files, "--out", out, ...extra];
  // A reference tree, and the same bytes as one bundle for the floor.
  run(compileArgs("reference"), dir);
  const size = bundle(join(dir, "reference"), join(dir, "bundle.json"));

  const t = { node: [], floor: [], fresh: [], freshNoCache: [], oneChanged: [], check: [], checkNoCache: [] };
  let peakFresh = 0;
  for (let i = 0; i < rounds; i++) {
    t.node.push(run(["-e", "0"], dir).ms);
    t.floor.push(run(["-e", FLOOR, "bundle.json", `floor-${i}`], dir).ms);
    const fresh = run(compileArgs(`fresh-${i}`), dir);
    t.fresh.push(fresh.ms);
    peakFresh = Math.max(peakFresh, fresh.kb);
    // One manifest changed among N, into an up-to-date tree (a different edit each round).
    const changed = join(dir, files[i % files.length]);
    writeFileSync(changed, readFileSync(changed, "utf8").replace(/^replicas: \d+$/m, `replicas: ${3 + i}`).replace(/^name: (.*)$/m, `name: $1\n# round ${i}`));
    t.oneChanged.push(run(compileArgs("reference"), dir).ms);
    t.check.push(run([cli, "check", ...files, "--out", "reference"], dir).ms);
    t.checkNoCache.push(run([cli, "check", "--no-cache", ...files, "--out", "reference"], dir).ms);
    t.freshNoCache.push(run(compileArgs(`fresh-nc-${i}`, "--no-cache"), dir).ms);
    for (const tree of [`fresh-${i}`, `fresh-nc-${i}`, `floor-${i}`]) remove(join(dir, tree));
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));

  // N processes (one per manifest, as a naive loop or a per-file hook runs) against one batch, over 40 manifests.
  const sample = files.slice(0, 40);
  const perFile = [];
  const batch = [];
  for (let i = 0; i < Math.max(3, Math.ceil(rounds / 2)); i++) {
    let total = 0;
    for (const file of sample) total += run([cli, "check", "--no-cache", file, "--out", "reference"], dir).ms;
    perFile.push(total);
    batch.push(run([cli, "check", "--no-cache", ...sample, "--out", "reference"], dir).ms);
  }

  // 10,000 services once: wall and peak memory of a fresh compile.
  let bigRun;
  if (big > 0) {
    const large = corpus(big);
    const r = run([cli, "compile", ...large.files, "--out", "deploy"], large.dir);
    // The commands that read every manifest without writing: memory must not grow with the services either.
    const validate = run([cli, "validate", ...large.files], large.dir);
    const lint = run([cli, "lint", "--as-of", "2026-01-01", ...large.files], large.dir);
    const check = run([cli, "check", "--no-cache", ...large.files, "--out", "deploy"], large.dir);
    const node = median([run(["-e", "0"], large.dir).ms, run(["-e", "0"], large.dir).ms, run(["-e", "0"], large.dir).ms]);
    // Its floor: the N-service tree written big/N times over (the same files and bytes; one JSON
    // bundle of 10,000 services' output would exceed V8's longest string).
    const copies = Math.max(1, Math.round(big / count));
    const floor = run(["-e", FLOOR, join(dir, "bundle.json"), "floor-big", String(copies)], large.dir).ms;
    bigRun = { ...r, node, floor, copies, validate, lint, check };
    remove(large.dir);
  }
  remove(dir);

  const x = (a, b) => `${(a / b).toFixed(2)}x`;
  const pct = (a, b) => `${((a / b) * 100).toFixed(1)} %`;
  const rows = [
    ["baseline `node -e 0`", `${m.node.toFixed(0)} ms`, "1.00x", ""],
    [`write-only floor: a plain script writing the same ${size.count} files (${(size.bytes / 1048576).toFixed(0)} MB)`, `${m.floor.toFixed(0)} ms`, x(m.floor, m.node), ""],
    [`fresh \`berth compile\` of ${count} services (new folder)`, `${m.fresh.toFixed(0)} ms`, `${x(m.fresh, m.floor)} floor`, "≤ 1.5x floor"],
    [`the same, \`--no-cache\``, `${m.freshNoCache.toFixed(0)} ms`, `${x(m.freshNoCache, m.floor)} floor`, ""],
    [`one manifest changed among ${count}`, `${m.oneChanged.toFixed(0)} ms`, `${pct(m.oneChanged, m.fresh)} of fresh`, "≤ 5 %"],
    ["nothing changed: `berth check` (records)", `${m.check.toFixed(0)} ms`, `${pct(m.check, m.fresh)} of fresh`, "≤ 3 %"],
    ["nothing changed: `berth check --no-cache` (reads every file)", `${m.checkNoCache.toFixed(0)} ms`, `${pct(m.checkNoCache, m.fresh)} of fresh`, ""],
    [`peak memory, fresh compile of ${count} services`, `${(peakFresh / 1024).toFixed(0)} MB`, "", ""],
    ...(bigRun
      ? [
          [`write-only floor for ${big} services: the ${count}-service tree written ${bigRun.copies} times (${size.count * bigRun.copies} files)`, `${(bigRun.floor / 1000).toFixed(1)} s`, "", ""],
          [`fresh compile of ${big} services: wall (per service)`, `${(bigRun.ms / 1000).toFixed(1)} s (${(bigRun.ms / big).toFixed(2)} ms)`, `${x(bigRun.ms, bigRun.floor)} floor, ${x(bigRun.ms, bigRun.node)} node -e 0`, "< 10 s"],
          [`peak memory, fresh compile of ${big} services`, `${(bigRun.kb / 1024).toFixed(0)} MB`, "", "< 300 MB"],
          [`\`berth validate\` of ${big} services: wall, peak memory`, `${(bigRun.validate.ms / 1000).toFixed(1)} s, ${(bigRun.validate.kb / 1024).toFixed(0)} MB`, "", ""],
          [`\`berth lint\` of ${big} services: wall, peak memory`, `${(bigRun.lint.ms / 1000).toFixed(1)} s, ${(bigRun.lint.kb / 1024).toFixed(0)} MB`, "", ""],
          [`\`berth check --no-cache\` of ${big} services (compiles all, reads every file): wall, peak memory`, `${(bigRun.check.ms / 1000).toFixed(1)} s, ${(bigRun.check.kb / 1024).toFixed(0)} MB`, "", ""],
        ]
      : []),
    [`${sample.length} processes, one manifest each, vs one batch (\`check --no-cache\`)`, `${median(perFile).toFixed(0)} ms vs ${median(batch).toFixed(0)} ms`, x(median(perFile), median(batch)), "one process per hook run"],
  ];
  const table = ["| measure | value | ratio | target |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  return `${table}\n\n(scale: median of ${rounds} runs each; load average ${loadBefore} before, ${load()} after, on ${availableParallelism()} cores)`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? process.env.BENCH_SCALE_N ?? 1000);
  const big = Number(process.argv[3] ?? process.env.BENCH_SCALE_BIG ?? 10000);
  console.log(scaleSection({ count, big, rounds: Number(process.env.BENCH_SCALE_ROUNDS ?? 5) }));
}
