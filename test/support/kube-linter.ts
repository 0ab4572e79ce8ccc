// `kube-linter lint <dir>` with its default checks (no config file: the defaults are what we want to meet).
// Note: the Go module proxy refuses golang.stackrox.io/kube-linter here (403 for every version), so on this
// workplace the binary is normally absent and its tests skip (install-tools.sh lists it in
// BERTH_UNOBTAINABLE_TOOLS). The helper works wherever the binary is on PATH or in $(go env GOPATH)/bin.
import { spawnSync } from "node:child_process";
import { findTool } from "./tools.js";

export interface KubeLinterOptions {
  /** A kube-linter config file (checks to include/exclude); default: none, i.e. the built-in defaults. */
  config?: string;
}

/** Runs `kube-linter lint [--config c] <dir>`: ok when it reports nothing; output holds its findings. */
export function kubeLinter(dir: string, options: KubeLinterOptions = {}): { ok: boolean; output: string } {
  const bin = findTool("kube-linter");
  if (!bin) throw new Error("kube-linter not installed (call requireTool('kube-linter') first)");
  const args = ["lint", ...(options.config ? ["--config", options.config] : []), dir];
  const run = spawnSync(bin, args, { encoding: "utf8", timeout: 120_000 });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}
