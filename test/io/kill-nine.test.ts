/**
 * kill -9 at random moments of a real `berth compile` (issue 12, class 6): every environment folder
 * is, at any moment, wholly the previous output or wholly the new one (or briefly absent mid-swap,
 * with the staging that settles it), and the next compile settles any interrupted state to exactly
 * the new output. Seeded, so a failure replays.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { fakeIO } from "../cli/fake-io.js";
import { REPO_ROOT, tempDir } from "../support/tools.js";

const MANIFESTS = ["examples/orders-api/service.yaml", "examples/notifications-envs/service.yaml"].map((m) => join(REPO_ROOT, m));
const TRIALS = Number(process.env.BERTH_KILL_TRIALS ?? 100);

/** Every file under `dir`, by path, with its text (staging folders included, so leftovers show). */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (lstatSync(join(dir, path)).isDirectory()) walk(path);
      else out.set(path, readFileSync(join(dir, path), "utf8"));
    }
  };
  if (existsSync(dir)) walk("");
  return out;
}

/** The files of one environment folder (`<service>/<env>/…`), keyed by their path inside it. */
function folder(files: Map<string, string>, unit: string): string {
  return JSON.stringify([...files].filter(([p]) => p.startsWith(`${unit}/`)).map(([p, c]) => [p.slice(unit.length + 1), c]));
}

async function compileInProcess(out: string, ...extra: string[]): Promise<void> {
  const io = fakeIO();
  expect(await runCli(["compile", ...MANIFESTS, "--out", out, ...extra], io), io.err).toBe(0);
}

/** Mulberry32: a small seeded generator, so the kill moments replay. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runKilled(out: string, afterMs: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "bin/berth.cjs"), "compile", ...MANIFESTS, "--out", out, "--strategy", "canary"], { stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), afterMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`compile exited ${code}`));
      else resolve({ killed: signal === "SIGKILL" });
    });
  });
}

describe("kill -9 during compile", () => {
  it(`leaves every environment folder wholly old or wholly new, and the next run settles it (${TRIALS} trials)`, async () => {
    const before = tempDir("berth-kill-a-");
    const after = tempDir("berth-kill-b-");
    await compileInProcess(before);
    await compileInProcess(after, "--strategy", "canary");
    const old = tree(before);
    const next = tree(after);
    // Environment folders; each service folder also holds berth's incremental record (a file).
    const units = [...new Set([...next.keys()].filter((p) => p.split("/").length > 2).map((p) => p.split("/").slice(0, 2).join("/")))];
    const records = [...next.keys()].filter((p) => p.endsWith("/.berth.inputs.json"));
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(units.length).toBeGreaterThanOrEqual(4);
    for (const unit of units) expect(folder(old, unit), `${unit} must differ between the versions`).not.toBe(folder(next, unit));

    // How long an uninterrupted run takes here sets the range of kill moments.
    const timing = tempDir("berth-kill-t-");
    cpSync(before, timing, { recursive: true });
    const started = Date.now();
    await runKilled(timing, 60_000);
    const span = Math.max(50, Date.now() - started);

    const next01 = random(20261127);
    let killed = 0;
    let mixed = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const out = tempDir("berth-kill-");
      cpSync(before, out, { recursive: true });
      const moment = Math.floor(next01() * span * 1.1);
      if ((await runKilled(out, moment)).killed) killed++;
      const now = tree(out);
      const states = new Set<string>();
      const unitStates = new Map<string, string>();
      for (const unit of units) {
        const seen = folder(now, unit);
        const [service, env] = unit.split("/");
        const staged = [...now.keys()].some((p) => p.startsWith(`${service}/.${env}.berth-`));
        const state = seen === folder(old, unit) ? "old" : seen === folder(next, unit) ? "new" : seen === "[]" && staged ? "mid-swap" : "MIXED";
        expect(state, `trial ${trial} (kill at ${moment} ms): ${unit}`).not.toBe("MIXED");
        states.add(state);
        unitStates.set(unit, state);
      }
      // A record present vouches for its whole service: it is the old one over old folders, or the new one over new folders.
      for (const record of records) {
        const seen = now.get(record);
        if (seen === undefined) continue;
        const which = seen === old.get(record) ? "old" : seen === next.get(record) ? "new" : "CORRUPT";
        expect(which, `trial ${trial} (kill at ${moment} ms): ${record}`).not.toBe("CORRUPT");
        const service = record.split("/")[0]!;
        for (const [unit, state] of unitStates) if (unit.startsWith(`${service}/`)) expect(state, `trial ${trial}: ${unit} under a ${which} record`).toBe(which);
      }
      if (states.size > 1) mixed++;
      await compileInProcess(out, "--strategy", "canary");
      expect([...tree(out)].filter(([p]) => p.includes(".berth-")), `trial ${trial}: leftovers`).toEqual([]);
      expect(tree(out), `trial ${trial}: settled output`).toEqual(next);
      rmSync(out, { recursive: true, force: true });
    }
    console.log(`kill -9: ${TRIALS} trials over ${span} ms runs; ${killed} killed before finishing, ${mixed} with folders in different states`);
    expect(killed).toBeGreaterThan(0);
  }, 600_000);
});
