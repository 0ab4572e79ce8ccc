/**
 * A reader that stops reading (`berth schema | head -c 10`, `berth lint … | grep -q`) closes the pipe under
 * berth: the rest of the output is dropped quietly, with the command's own exit code, never an unhandled
 * EPIPE with a stack trace.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { REPO_ROOT } from "../support/tools.js";

// Spawns the built CLI: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000 });

const BIN = join(REPO_ROOT, "bin", "berth.cjs");

/** `berth <args> | head -c 10`, a real shell pipeline (head exits while berth writes): berth's stderr and exit code. */
function intoHead(args: string[]): { code: number; stderr: string } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ");
  const run = spawnSync("bash", ["-c", `${quoted} | head -c 10 >/dev/null; exit "\${PIPESTATUS[0]}"`], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });
  return { code: run.status ?? -1, stderr: run.stderr };
}

describe.skipIf(process.platform === "win32")("output into a closed pipe", () => {
  it("ends quietly with the command's exit code", () => {
    for (const [args, code] of [
      [["schema"], 0],
      [["lint", "--format", "sarif", "examples/orders-api/service.yaml"], 0],
      [["validate", "--format", "json", "test/fixtures/invalid/BINARY_FILE.yaml"], 1],
    ] as const) {
      const run = intoHead([...args]);
      expect(run.stderr, args.join(" ")).toBe("");
      expect(run.code, args.join(" ")).toBe(code);
    }
  });
});
