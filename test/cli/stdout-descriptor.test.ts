/**
 * The CLI writes its output straight to file descriptors 1 and 2 (src/cli/io.ts), not through Node's
 * streams. A write can be short, or refused with EAGAIN when the descriptor is non-blocking (a parent
 * that set O_NONBLOCK on a shared pipe): the rest goes through Node's stream, in order, and nothing is lost.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { REPO_ROOT, tempDir } from "../support/tools.js";

// Spawns the built CLI: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000 });

const BIN = join(REPO_ROOT, "bin", "berth.cjs");
const MANIFESTS = ["examples/orders-api/service.yaml", "examples/ledger-external-postgres/service.yaml", "examples/minimal-web/service.yaml"];

/** Preloaded into the CLI: fs.writeSync to fd 1 writes at most 100 bytes, then a short write of at most 7, then refuses with EAGAIN. */
const REFUSING_WRITE_SYNC = `
const fs = require("node:fs");
const original = fs.writeSync;
let calls = 0;
fs.writeSync = function (fd, buffer, offset, ...rest) {
  if (fd !== 1) return original.call(this, fd, buffer, offset, ...rest);
  calls += 1;
  const left = buffer.length - (offset ?? 0);
  if (calls === 1) return original.call(this, fd, buffer, offset ?? 0, Math.min(100, left));
  if (calls === 2) return original.call(this, fd, buffer, offset ?? 0, Math.min(7, left));
  throw Object.assign(new Error("EAGAIN: resource temporarily unavailable, write"), { code: "EAGAIN", errno: -11, syscall: "write" });
};
// How often berth wrote to the descriptor, for the test to see that the refusal happened.
process.on("exit", () => fs.writeFileSync(process.env.BERTH_TEST_CALLS, String(calls)));`;

function run(args: string[], preload?: string, calls?: string) {
  const env = { ...process.env, BERTH_TEST_CALLS: calls };
  const r = spawnSync(process.execPath, [...(preload ? ["--require", preload] : []), BIN, ...args], { cwd: REPO_ROOT, encoding: "utf8", env, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(process.platform === "win32")("output written to the descriptor", () => {
  it("hands over to Node's stream after a short write and EAGAIN, losing nothing", () => {
    const dir = tempDir("berth-stdout-");
    const preload = join(dir, "refuse.cjs");
    const calls = join(dir, "calls");
    writeFileSync(preload, REFUSING_WRITE_SYNC);
    for (const args of [["lint", "--format", "json", "--as-of", "2026-01-01", ...MANIFESTS], ["schema"], ["validate", ...MANIFESTS]]) {
      const plain = run(args);
      const refused = run(args, preload, calls);
      // Two writes taken, the third refused: every later byte went through Node's stream.
      expect(Number(readFileSync(calls, "utf8")), args[0]).toBe(3);
      expect(plain.stdout.length, args[0]).toBeGreaterThan(150);
      expect(refused.code, args[0]).toBe(plain.code);
      expect(refused.stderr, args[0]).toBe(plain.stderr);
      expect(refused.stdout, args[0]).toBe(plain.stdout);
    }
  });
});
