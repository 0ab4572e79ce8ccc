// `npm run bench`: berth's speed, as ratios to `node -e 0` measured in the same run (these machines
// are noisy; ratios travel, milliseconds do not). `--update-readme` writes the table into README.md.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const cli = join("bin", "berth.mjs");
const yamlExample = "examples/orders-api/service.yaml";
const hclExample = "examples/orders-api/service.hcl";
for (const f of ["dist/berth.mjs", yamlExample, hclExample]) {
  if (!existsSync(f)) throw new Error(`bench: ${f} is missing (run \`npm run build\` first)`);
}

function wallMs(args) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: "ignore" });
  const ms = performance.now() - start;
  if (r.status !== 0 && args[0] !== "-e") throw new Error(`bench: node ${args.join(" ")} exited ${r.status}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Cold starts, interleaved so drift in machine load hits every command alike.
const runs = { baseline: [], yaml: [], hcl: [] };
for (let i = 0; i < ROUNDS; i++) {
  runs.baseline.push(wallMs(["-e", "0"]));
  runs.yaml.push(wallMs([cli, "validate", yamlExample]));
  runs.hcl.push(wallMs([cli, "validate", hclExample]));
}
const base = median(runs.baseline);
const cold = { yaml: median(runs.yaml), hcl: median(runs.hcl) };

// 2. In-process throughput over 1,000 distinct manifests.
const { loadManifest } = await import("../dist/index.mjs");
const template = readFileSync(yamlExample, "utf8");
const manifests = Array.from({ length: 1000 }, (_, i) =>
  new TextEncoder().encode(template.replace(/^name: .*$/m, `name: service-${i}`).replace(/^replicas: .*$/m, `replicas: ${2 + (i % 5)}`)),
);
for (let i = 0; i < 100; i++) await loadManifest("warmup.yaml", manifests[i]);
const start = performance.now();
for (const [i, bytes] of manifests.entries()) {
  const result = await loadManifest(`service-${i}.yaml`, bytes);
  if (result.models.length === 0) throw new Error("bench: a generated manifest did not validate");
}
const perSecond = 1000 / ((performance.now() - start) / 1000);

// 3. Hostile input: every invalid fixture plus generated worst cases, whole process, wall time and peak memory.
const dir = mkdtempSync(join(tmpdir(), "berth-bench-"));
const hostile = {
  "oversize.yaml": "a: " + "x".repeat(2 * 1024 * 1024),
  "deep-flow.yaml": "a: " + "[".repeat(20000) + "]".repeat(20000),
  "deep-block.yaml": Array.from({ length: 3000 }, (_, i) => " ".repeat(i) + "k:").join("\n") + " 1\n",
  "laughs.yaml": ["a: &a [x,x,x,x,x,x,x,x,x]", ..."bcdefghi".split("").map((c, i) => `${c}: &${c} [${Array(9).fill("*" + "abcdefghi"[i]).join(",")}]`)].join("\n") + "\n",
  "garbage.yaml": Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256)),
};
for (const [name, text] of Object.entries(hostile)) writeFileSync(join(dir, name), text);
const fixtures = existsSync("test/fixtures/invalid")
  ? readdirSync("test/fixtures/invalid").filter((f) => /\.(ya?ml|json|hcl)$/.test(f)).map((f) => join("test/fixtures/invalid", f))
  : [];
let worst = { ms: 0, file: "" };
let peak = { kb: 0, file: "" };
for (const file of [...Object.keys(hostile).map((f) => join(dir, f)), ...fixtures]) {
  const start = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "validate", file], { encoding: "utf8" });
  const ms = performance.now() - start;
  if (r.status !== 1) throw new Error(`bench: ${file} should be rejected with exit 1, got ${r.status}:\n${r.stderr}`);
  const kb = Number(r.stderr.trim().split("\n").pop());
  if (ms > worst.ms) worst = { ms, file };
  if (kb > peak.kb) peak = { kb, file };
}

const ratio = (ms) => (ms / base).toFixed(2);
const rows = [
  ["baseline `node -e 0`", `${base.toFixed(0)} ms`, "1.00x", ""],
  ["cold `berth validate` (YAML, whole process)", `${cold.yaml.toFixed(0)} ms`, `${ratio(cold.yaml)}x`, "≤ 2.0x"],
  ["cold `berth validate` (HCL, whole process)", `${cold.hcl.toFixed(0)} ms`, `${ratio(cold.hcl)}x`, "≤ 3.5x"],
  ["in-process validation + normalization", `${perSecond.toFixed(0)} manifests/s`, "", "≥ 2,000/s"],
  [`slowest hostile input (${Object.keys(hostile).length + fixtures.length} files)`, `${worst.ms.toFixed(0)} ms`, `${ratio(worst.ms)}x`, "< 1 s"],
  ["peak memory on hostile input", `${(peak.kb / 1024).toFixed(0)} MB`, "", "< 100 MB"],
];
const table = ["| measure | value | ratio | target |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
console.log(table);
console.log(`\n(median of ${ROUNDS} runs each; slowest hostile input: ${worst.file}; peak memory: ${peak.file})`);

if (process.argv.includes("--update-readme")) {
  const readme = readFileSync("README.md", "utf8");
  const [startMark, endMark] = ["<!-- bench:start -->", "<!-- bench:end -->"];
  const a = readme.indexOf(startMark);
  const b = readme.indexOf(endMark);
  const note = `Measured on the 2-core development machine, median of ${ROUNDS} runs:\n\n${table}\n`;
  writeFileSync("README.md", readme.slice(0, a + startMark.length) + "\n" + note + readme.slice(b));
  console.log("README.md: performance section updated");
}
