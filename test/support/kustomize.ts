// Builds a kustomization folder the way its consumers will: `kubectl kustomize <dir>` (kubectl's built-in
// kustomize, offline), or the standalone `kustomize build <dir>` when kubectl is absent
// (install-tools.sh installs sigs.k8s.io/kustomize/kustomize/v5 only in that case).
import { spawnSync } from "node:child_process";
import { findTool, missing } from "./tools.js";

export interface KustomizeCommand {
  bin: string;
  args: string[];
}

function workingKubectl(): string | undefined {
  const kubectl = findTool("kubectl");
  if (!kubectl) return undefined;
  const probe = spawnSync(kubectl, ["kustomize", "--help"], { encoding: "utf8", timeout: 30_000 });
  return probe.status === 0 ? kubectl : undefined;
}

let cached: KustomizeCommand | null | undefined;

/** The command that builds a kustomization, without the folder; prints nothing, never throws. */
export function findKustomize(): KustomizeCommand | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const kubectl = workingKubectl();
  if (kubectl) cached = { bin: kubectl, args: ["kustomize"] };
  else {
    const kustomize = findTool("kustomize");
    cached = kustomize ? { bin: kustomize, args: ["build"] } : null;
  }
  return cached ?? undefined;
}

/** Like requireTool: the kustomize command, or a `skipping: kustomize not installed` notice (throws on CI). */
export function requireKustomize(): KustomizeCommand | undefined {
  return findKustomize() ?? missing("kustomize", "neither `kubectl kustomize` nor `kustomize` found");
}

/** `kubectl kustomize <dir>` (or `kustomize build <dir>`): ok and the rendered YAML, or the error text. */
export function kustomizeBuild(dir: string): { ok: boolean; output: string } {
  const cmd = findKustomize();
  if (!cmd) throw new Error("kustomize not installed (call requireKustomize() first)");
  const run = spawnSync(cmd.bin, [...cmd.args, dir], { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: run.status === 0 ? run.stdout : `${run.stderr}${run.stdout}`.trim() };
}
