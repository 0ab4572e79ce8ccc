// The local control plane the end-to-end tests install onto (built and started by build.sh / up.sh in this
// folder; `npm run cluster` does both). Same rule as the other outside tools (test/support/tools.ts): not running
// on a developer's machine → print `skipping: control-plane not installed …` and skip; under CI=true → throw.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { findTool, missing } from "../tools.js";

export interface Cluster {
  /** STATE_DIR of up.sh: kubeconfig, pki, logs, one .pid per process. */
  dir: string;
  kubeconfig: string;
  kubectl: string;
  helm: string;
  /** The Argo Rollouts controller is running (its CRDs installed). */
  rollouts: boolean;
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Where up.sh keeps the running cluster (BERTH_CLUSTER_DIR, default /tmp/berth-cluster). */
export function clusterDir(): string {
  return process.env.BERTH_CLUSTER_DIR ?? "/tmp/berth-cluster";
}

function toolsCache(): string {
  return process.env.BERTH_TOOLS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "berth-tools");
}

/** The kubectl built beside the control plane (same version as the API server), else the one on PATH. */
function kubectlPath(): string | undefined {
  const versions = readFileSync(new URL("./versions.sh", import.meta.url), "utf8");
  const pin = (name: string) => versions.match(new RegExp(`^${name}=(\\S+)`, "m"))?.[1];
  const built = join(toolsCache(), "control-plane", `k8s-${pin("BERTH_CP_KUBERNETES")}-etcd-${pin("BERTH_CP_ETCD")}-kwok-${pin("BERTH_CP_KWOK")}`, "bin", "kubectl");
  return existsSync(built) ? built : findTool("kubectl");
}

let found: Cluster | null | undefined;

/**
 * The running local control plane, or undefined (with a notice) when none answers; throws under CI=true.
 * Start one with `npm run cluster` (builds once, ~8 min; then starts in seconds).
 */
export function requireCluster(): Cluster | undefined {
  if (found !== undefined) return found ?? undefined;
  found = null;
  const dir = clusterDir();
  const kubeconfig = join(dir, "kubeconfig");
  const hint = `no control plane answers at ${kubeconfig}; start one with \`npm run cluster\``;
  const kubectl = kubectlPath();
  const helm = findTool("helm");
  if (!kubectl) return missing("kubectl", hint);
  if (!helm) return missing("helm");
  if (!existsSync(kubeconfig)) return missing("control-plane", hint);
  const ready = spawnSync(kubectl, ["--kubeconfig", kubeconfig, "get", "--raw", "/readyz"], { encoding: "utf8", timeout: 20_000 });
  if (ready.status !== 0) return missing("control-plane", hint);
  found = { dir, kubeconfig, kubectl, helm, rollouts: existsSync(join(dir, "rollouts-controller.pid")) };
  return found;
}

function run(cmd: string, args: string[], c: Cluster, options: { input?: string; timeoutMs?: number } = {}): Run {
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    input: options.input,
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, KUBECONFIG: c.kubeconfig, HELM_CACHE_HOME: join(c.dir, "helm", "cache"), HELM_CONFIG_HOME: join(c.dir, "helm", "config"), HELM_DATA_HOME: join(c.dir, "helm", "data") },
    maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = r.error ? `${r.stderr ?? ""}\n${String(r.error)}` : (r.stderr ?? "");
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr };
}

/** kubectl against the cluster; never throws (check `status`). */
export function kubectl(c: Cluster, args: string[], options: { input?: string; timeoutMs?: number } = {}): Run {
  return run(c.kubectl, args, c, options);
}

/** helm against the cluster; never throws (check `status`). */
export function helm(c: Cluster, args: string[], options: { timeoutMs?: number } = {}): Run {
  return run(c.helm, args, c, options);
}

/** kubectl that must succeed: returns stdout, or throws with the output and the namespace's events. */
export function kubectlOk(c: Cluster, args: string[], options: { input?: string; timeoutMs?: number; namespace?: string } = {}): string {
  const r = kubectl(c, args, options);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}${options.namespace ? `\n${describeNamespace(c, options.namespace)}` : ""}`);
  return r.stdout;
}

/** helm that must succeed: returns stdout, or throws with the output and the namespace's events. */
export function helmOk(c: Cluster, args: string[], namespace: string, options: { timeoutMs?: number } = {}): string {
  const r = helm(c, args, options);
  if (r.status !== 0) throw new Error(`helm ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}\n${describeNamespace(c, namespace)}`);
  return r.stdout;
}

/** The namespace's events and objects, for a failure message. */
export function describeNamespace(c: Cluster, namespace: string): string {
  const events = kubectl(c, ["-n", namespace, "get", "events", "--sort-by=.lastTimestamp", "-o", "custom-columns=TIME:.lastTimestamp,KIND:.involvedObject.kind,NAME:.involvedObject.name,REASON:.reason,MESSAGE:.message"], { timeoutMs: 20_000 });
  const objects = kubectl(c, ["-n", namespace, "get", "all,jobs,configmaps,serviceaccounts", "-o", "wide"], { timeoutMs: 20_000 });
  return `--- events in namespace ${namespace} ---\n${events.stdout}${events.stderr}\n--- objects ---\n${objects.stdout}${objects.stderr}`;
}

/** One object as parsed JSON (throws if it cannot be read). */
export function getJson<T = any>(c: Cluster, namespace: string | undefined, ...what: string[]): T {
  const args = [...(namespace ? ["-n", namespace] : []), "get", ...what, "-o", "json"];
  return JSON.parse(kubectlOk(c, args, { namespace })) as T;
}

/**
 * Polls `check` (which returns a value when done, undefined to keep waiting) every 250 ms, up to `timeoutMs`;
 * throws with `what` and the namespace's events on time-out. Asynchronous, so a server the test runs keeps answering.
 */
export async function waitFor<T>(c: Cluster, namespace: string, what: string, timeoutMs: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describeNamespace(c, namespace)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The cluster, when its Argo Rollouts controller runs (up.sh starts it when build.sh built it); same skip/fail rule. */
export function requireRollouts(): Cluster | undefined {
  const c = requireCluster();
  if (!c) return undefined;
  return c.rollouts ? c : missing("argo-rollouts", "the control plane runs no Argo Rollouts controller: bash test/support/control-plane/build.sh builds it");
}
