// Runs promtool (Debian's `prometheus` package; test/support/install-tools.sh installs it in CI) on files
// written to a temp folder.
import { execFile, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { findTool, tempDir } from "../../support/tools.js";

/** Runs `promtool <args>` in `cwd`; ok when it exits 0. Throws when promtool is missing (requireTool first). */
export function promtool(args: string[], cwd: string): { ok: boolean; output: string } {
  const bin = findTool("promtool");
  if (!bin) throw new Error("promtool not installed (call requireTool('promtool') first)");
  const run = spawnSync(bin, args, { cwd, encoding: "utf8", timeout: 120_000 });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

/** Writes files (name → text) into a new temp folder and returns it. */
export function writeTemp(prefix: string, files: Record<string, string>): string {
  const dir = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** promtool in the background: test files run their promtool cases concurrently. */
export function promtoolAsync(args: string[], cwd: string): Promise<{ ok: boolean; output: string }> {
  const bin = findTool("promtool");
  if (!bin) throw new Error("promtool not installed (call requireTool('promtool') first)");
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ ok: !error, output: `${stdout}${stderr}`.trim() });
    });
  });
}
