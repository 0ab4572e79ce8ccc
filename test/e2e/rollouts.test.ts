// Blue-green and canary with the real Argo Rollouts controller (test/support/control-plane runs it), each in a
// fresh namespace, installed with the chart. The error-rate analysis queries a stand-in Prometheus this test
// serves on 127.0.0.1 (no errors), so the analyses complete as they would against a healthy service.
// Promote and abort send what `kubectl argo rollouts promote|abort` sends (status patches).
import { createServer, type Server } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, helmOk, kubectlOk, requireRollouts, waitFor, type Cluster } from "../support/control-plane/cluster.js";
import { compileExamples, E2E_TIMEOUT, freshNamespace, imageWithTag, installPrerequisites, serverPods, workload, type CompiledExample } from "./support.js";
import { REPO_ROOT, tempDir } from "../support/tools.js";

const cluster = requireRollouts();
let examples: CompiledExample[] = [];
let prometheus: Server | undefined;
let prometheusUrl = "";
let queries = 0;

beforeAll(async () => {
  if (!cluster) return;
  // A blue-green variant with automatic promotion and short observe/standby (no example has one).
  const dir = tempDir("berth-e2e-bg-auto-");
  const text = readFileSync(join(REPO_ROOT, "examples/checkout-blue-green/service.yaml"), "utf8")
    .replace(/^name: checkout-web$/m, "name: checkout-auto")
    .replace(/standby: 15m/, "standby: 20s")
    .replace(/promotion: manual/, "promotion: auto\n  observe: 10s")
    .replace(/auto_revert: true/, "auto_revert: false");
  expect(text).toContain("promotion: auto");
  writeFileSync(join(dir, "service.yaml"), text);
  examples = await compileExamples("berth-e2e-rollouts-", [join(dir, "service.yaml")]);
  prometheus = createServer((_req, res) => {
    queries++;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } }));
  });
  await new Promise<void>((resolve) => prometheus!.listen(0, "127.0.0.1", resolve));
  prometheusUrl = `http://127.0.0.1:${(prometheus.address() as { port: number }).port}`;
}, E2E_TIMEOUT);

afterAll(async () => {
  await new Promise((resolve) => (prometheus ? prometheus.close(resolve) : resolve(undefined)));
}, 30_000);

const rollout = (c: Cluster, ns: string, name: string) => getJson(c, ns, "rollout.argoproj.io", name);
const selectorHash = (c: Cluster, ns: string, service: string): string | undefined => getJson(c, ns, "service", service).spec.selector["rollouts-pod-template-hash"];
const promote = (c: Cluster, ns: string, name: string) =>
  kubectlOk(c, ["-n", ns, "patch", "rollout.argoproj.io", name, "--subresource=status", "--type=merge", "-p", '{"status":{"pauseConditions":null}}'], { namespace: ns });
const abort = (c: Cluster, ns: string, name: string) =>
  kubectlOk(c, ["-n", ns, "patch", "rollout.argoproj.io", name, "--subresource=status", "--type=merge", "-p", '{"status":{"abort":true}}'], { namespace: ns });

/** Installs the chart and waits for a Healthy rollout; points its analysis at the stand-in Prometheus. */
async function install(c: Cluster, e: CompiledExample, ns: string): Promise<string> {
  installPrerequisites(c, e.model, ["workload"]);
  helmOk(c, ["install", e.model.name, e.chart, "-n", ns, "-f", e.values, "--wait", "--timeout", "60s"], ns, { timeoutMs: 90_000 });
  if (e.model.deploy.autoRevert) {
    const patch = JSON.stringify([{ op: "replace", path: "/spec/metrics/0/provider/prometheus/address", value: prometheusUrl }]);
    kubectlOk(c, ["-n", ns, "patch", "analysistemplate.argoproj.io", e.model.names.analysisTemplate, "--type=json", "-p", patch], { namespace: ns });
  }
  await waitFor(c, ns, "a Healthy first rollout", 60_000, () => (workload(c, ns, e.model).available ? true : undefined));
  return rollout(c, ns, e.model.name).status.stableRS as string;
}

function upgrade(c: Cluster, e: CompiledExample, ns: string, tag: string): void {
  helmOk(c, ["upgrade", e.model.name, e.chart, "-n", ns, "-f", e.values, "--set", `image.tag=${tag}`, "--timeout", "60s"], ns, { timeoutMs: 90_000 });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!cluster)("Argo Rollouts on a real control plane", () => {
  it("blue-green (manual): the active Service switches only after promotion and its analysis; the old version stays on standby", async () => {
    const c = cluster!;
    const e = examples.find((x) => x.example === "checkout-blue-green")!;
    const m = e.model;
    const ns = freshNamespace(c, "e2e-rollout-bg");
    const blue = await install(c, e, ns);
    expect(selectorHash(c, ns, m.names.service)).toBe(blue);

    upgrade(c, e, ns, "e2e-green");
    const green = await waitFor(c, ns, "the preview (green) pods", 60_000, () => {
      const preview = selectorHash(c, ns, m.names.previewService);
      const ready = serverPods(c, ns, m).filter((p) => p.image === imageWithTag(m, "e2e-green") && p.phase === "Running").length === m.replicas;
      return preview && preview !== blue && ready ? preview : undefined;
    });
    expect(selectorHash(c, ns, m.names.service), "the active Service still selects blue").toBe(blue);
    // The pre-promotion analysis measures green (a minute apart); passing it does not switch: promotion is manual.
    await waitFor(c, ns, "the pre-promotion analysis, then the pause for promotion", 200_000, () => {
      const r = rollout(c, ns, m.name);
      return r.status.blueGreen?.prePromotionAnalysisRunStatus?.status === "Successful" && r.status.phase === "Paused" ? true : undefined;
    });
    await sleep(3_000);
    expect(selectorHash(c, ns, m.names.service), "the active Service still selects blue before promotion").toBe(blue);

    promote(c, ns, m.name);
    await waitFor(c, ns, "the switch to green", 60_000, () => (selectorHash(c, ns, m.names.service) === green ? true : undefined));
    const runs = getJson(c, ns, "analysisrun.argoproj.io").items as any[];
    expect(runs.map((r) => r.status?.phase)).toContain("Successful");
    expect(queries).toBeGreaterThan(0);
    // Standby: blue keeps its pods for scaleDownDelaySeconds after the switch.
    const blueRs = getJson(c, ns, "replicaset", "-l", `rollouts-pod-template-hash=${blue}`).items[0];
    expect(blueRs.spec.replicas, "blue stays up on standby").toBe(m.replicas);
    await sleep(5_000);
    expect(getJson(c, ns, "replicaset", "-l", `rollouts-pod-template-hash=${blue}`).items[0].spec.replicas, "still up (standby 15m)").toBe(m.replicas);
  }, E2E_TIMEOUT);

  it("blue-green (auto): promotes itself after observe, and scales the old version down after the standby delay", async () => {
    const c = cluster!;
    const e = examples.find((x) => x.model.name === "checkout-auto")!;
    const m = e.model;
    const ns = freshNamespace(c, "e2e-rollout-bg-auto");
    const blue = await install(c, e, ns);
    const started = Date.now();
    upgrade(c, e, ns, "e2e-green");
    const green = await waitFor(c, ns, "the preview pods", 60_000, () => {
      const preview = selectorHash(c, ns, m.names.previewService);
      return preview && preview !== blue ? preview : undefined;
    });
    expect(selectorHash(c, ns, m.names.service), "not switched before observe ends").toBe(blue);
    await waitFor(c, ns, "the automatic switch", 60_000, () => (selectorHash(c, ns, m.names.service) === green ? true : undefined));
    expect(Date.now() - started, "auto-promotion waited for observe (10s)").toBeGreaterThanOrEqual(9_000);
    const switched = Date.now();
    await waitFor(c, ns, "blue scaled down after the standby", 90_000, () => {
      const rs = getJson(c, ns, "replicaset", "-l", `rollouts-pod-template-hash=${blue}`).items[0];
      return rs.spec.replicas === 0 ? true : undefined;
    });
    expect(Date.now() - switched, "blue stayed up for the standby (20s)").toBeGreaterThanOrEqual(15_000);
  }, E2E_TIMEOUT);

  it("canary: stops at its first weight and waits; promote completes it; abort returns to the stable version", async () => {
    const c = cluster!;
    const e = examples.find((x) => x.example === "payments-canary")!;
    const m = e.model;
    const ns = freshNamespace(c, "e2e-rollout-canary");
    await install(c, e, ns);
    const atFirstWeight = async (tag: string) =>
      waitFor(c, ns, `the canary of ${tag} at ${m.deploy.canaryPercent}%`, 60_000, () => {
        const r = rollout(c, ns, m.name);
        const canary = serverPods(c, ns, m).filter((p) => p.image === imageWithTag(m, tag) && p.phase === "Running");
        return r.status.phase === "Paused" && r.status.currentStepIndex === 1 && canary.length === m.deploy.canaryReplicas ? true : undefined;
      });

    upgrade(c, e, ns, "e2e-canary");
    await atFirstWeight("e2e-canary");
    await sleep(5_000);
    const waiting = serverPods(c, ns, m);
    expect(waiting.filter((p) => p.image === imageWithTag(m, "e2e-canary")), "still only the canary's share").toHaveLength(m.deploy.canaryReplicas);
    expect(rollout(c, ns, m.name).status.phase).toBe("Paused");

    promote(c, ns, m.name);
    await waitFor(c, ns, "the promoted canary everywhere", 90_000, () => {
      const w = workload(c, ns, m);
      const pods = serverPods(c, ns, m);
      return w.available && pods.length === m.replicas && pods.every((p) => p.image === imageWithTag(m, "e2e-canary")) ? true : undefined;
    });

    upgrade(c, e, ns, "e2e-bad");
    await atFirstWeight("e2e-bad");
    abort(c, ns, m.name);
    await waitFor(c, ns, "the abort back to the stable version", 90_000, () => {
      const r = rollout(c, ns, m.name);
      const pods = serverPods(c, ns, m).filter((p) => p.phase === "Running");
      return r.status.abort === true && pods.length === m.replicas && pods.every((p) => p.image === imageWithTag(m, "e2e-canary")) ? true : undefined;
    });
    expect(rollout(c, ns, m.name).status.phase).toBe("Degraded");
  }, E2E_TIMEOUT);
});
