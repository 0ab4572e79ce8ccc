// The plain manifests on a real control plane: each example's kubernetes/ folder applied with
// `kubectl apply --server-side -k` into its own (fresh) namespace, after only the prerequisites its
// checklist lists, in the order the checklist documents (kubectl runs no hooks: what is labelled
// apply-first, then the migration Job's completion, then the rest). Also: backup/ and prometheus/ are
// accepted by the real API server once their CRDs are installed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describeNamespace, getJson, kubectl, kubectlOk, requireCluster } from "../support/control-plane/cluster.js";
import { compileExamples, E2E_TIMEOUT, installPrerequisites, provisionVolumes, serverPods, workload, type CompiledExample } from "./support.js";
import { waitFor } from "../support/control-plane/cluster.js";

const cluster = requireCluster();
let examples: CompiledExample[] = [];

beforeAll(async () => {
  if (cluster) examples = await compileExamples("berth-e2e-kubectl-");
}, E2E_TIMEOUT);

/** The kubectl commands of checklist.md's "Before the first deploy" block. */
function documentedSteps(e: CompiledExample): string[][] {
  const md = readFileSync(join(e.dir, "checklist.md"), "utf8");
  const block = /## Before the first deploy[\s\S]*?```sh\n([\s\S]*?)```/.exec(md)?.[1];
  if (!block) throw new Error(`${e.example}: checklist.md documents no kubectl steps`);
  return block
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map((argv) => {
      expect(argv[0]).toBe("kubectl");
      return argv.slice(1).map((a) => (a === "kubernetes/" ? join(e.dir, "kubernetes") : a));
    });
}

describe.skipIf(!cluster)("kubectl apply --server-side -k on a real control plane", () => {
  const names = ["catalog-rolling", "checkout-blue-green", "forge", "inventory-grpc", "ledger-external-postgres", "minimal-web", "notifications-envs", "orders-api", "payments-canary"];

  for (const name of names) {
    it(`${name}: applies on a fresh namespace after the documented prerequisites; workloads become Available`, async () => {
      const c = cluster!;
      const e = examples.find((x) => x.example === name)!;
      const m = e.model;
      const ns = m.namespace;
      kubectl(c, ["delete", "namespace", ns, "--ignore-not-found", "--wait=true", "--timeout=60s"], { timeoutMs: 70_000 });
      expect(kubectl(c, ["get", "namespace", ns]).status, "the namespace does not exist before the apply").not.toBe(0);
      installPrerequisites(c, m, ["workload"]);
      provisionVolumes(c, m, ns);
      try {
        for (const args of documentedSteps(e)) kubectlOk(c, [...args], { namespace: ns, timeoutMs: 120_000 });
        await waitFor(c, ns, `${m.name} Available`, 90_000, () => {
          const w = workload(c, ns, m);
          return w.available && serverPods(c, ns, m).every((p) => p.phase === "Running") ? true : undefined;
        });
        const job = m.database?.migrations.mode === "job" && m.database.migrations.command ? m.names.migrationJob : undefined;
        if (job) {
          const j = getJson(c, ns, "job", job);
          expect(j.status.conditions.find((x: any) => x.type === "Complete")?.status, "the migration Job is Complete").toBe("True");
          const done = Date.parse(j.status.completionTime);
          const pods = serverPods(c, ns, m);
          expect(pods.length).toBeGreaterThan(0);
          for (const p of pods) expect(Date.parse(p.created), `${p.name} started after the migration completed`).toBeGreaterThanOrEqual(done);
        }
      } catch (error) {
        throw new Error(`${String(error)}\n${describeNamespace(c, ns)}`);
      }
    }, E2E_TIMEOUT);
  }

  it("accepts every example's backup/ and prometheus/ objects with their CRDs installed", () => {
    const c = cluster!;
    let applied = 0;
    for (const e of examples) {
      installPrerequisites(c, e.model, ["backup", "prometheus"]);
      kubectl(c, ["create", "namespace", e.model.namespace]);
      const targets: string[][] = [];
      if (existsSync(join(e.dir, "backup", "kustomization.yaml"))) targets.push(["-k", join(e.dir, "backup")]);
      // prometheus/rules.yaml is a plain rules file for promtool, not an object.
      for (const f of ["prometheusrule.yaml", "servicemonitor.yaml"]) if (existsSync(join(e.dir, "prometheus", f))) targets.push(["-f", join(e.dir, "prometheus", f)]);
      for (const target of targets) {
        const out = kubectlOk(c, ["apply", "--server-side", ...target], { namespace: e.model.namespace });
        expect(out, `${e.example} ${target[1]}`).toMatch(/serverside-applied/);
        applied += out.split("\n").filter((l) => l.includes("serverside-applied")).length;
      }
    }
    expect(applied).toBeGreaterThan(examples.length);
  }, E2E_TIMEOUT);
});
