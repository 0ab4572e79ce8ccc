// Every example's chart on a real control plane (test/support/control-plane), each in a fresh namespace:
// a first `helm install --wait` from nothing (the migration hook runs first and succeeds), `helm upgrade`
// to a new image tag (the migration runs again, before the new pods), then `helm rollback` to the first.
import { beforeAll, describe, expect, it } from "vitest";
import { describeNamespace, getJson, helmOk, requireCluster, waitFor, type Cluster } from "../support/control-plane/cluster.js";
import { compileExamples, E2E_TIMEOUT, events, freshNamespace, imageWithTag, installPrerequisites, provisionVolumes, serverPods, workload, type CompiledExample } from "./support.js";

const cluster = requireCluster();
let examples: CompiledExample[] = [];

beforeAll(async () => {
  if (cluster) examples = await compileExamples("berth-e2e-helm-");
}, E2E_TIMEOUT);

/** Completed runs of the migration Job (each hook run is a new Job object, so a new event). */
function migrationRuns(c: Cluster, ns: string, e: CompiledExample): string[] {
  return events(c, ns, "Job", e.model.names.migrationJob, "Completed").map((x) => x.time);
}

async function settled(c: Cluster, ns: string, e: CompiledExample, image: string): Promise<void> {
  await waitFor(c, ns, `${e.model.name} available with ${image}`, 90_000, () => {
    const w = workload(c, ns, e.model);
    // A Rollout keeps a version it left on standby for scaleDownDelaySeconds: judge the stable version's pods.
    const pods = serverPods(c, ns, e.model).filter((p) => w.kind === "Deployment" || p.hash === w.stable);
    return w.available && w.images[0] === image && pods.length > 0 && pods.every((p) => p.image === image && p.phase === "Running") ? true : undefined;
  });
}

describe.skipIf(!cluster)("helm install, upgrade and rollback on a real control plane", () => {
  const names = ["catalog-rolling", "checkout-blue-green", "forge", "inventory-grpc", "ledger-external-postgres", "minimal-web", "notifications-envs", "orders-api", "payments-canary"];

  it("covers every example", () => {
    expect(examples.map((e) => e.example)).toEqual(names);
  }, E2E_TIMEOUT);

  for (const name of names) {
    it(`${name}: first install from nothing, upgrade to a new tag, rollback`, async () => {
      const c = cluster!;
      const e = examples.find((x) => x.example === name)!;
      const m = e.model;
      const ns = freshNamespace(c, `e2e-helm-${m.name}`);
      installPrerequisites(c, m, ["workload"]);
      provisionVolumes(c, m, ns);
      const migrates = m.database?.migrations.mode === "job" && !!m.database.migrations.command;
      const original = m.image.reference;
      try {
        // 1. First install: nothing of the service exists yet.
        helmOk(c, ["install", m.name, e.chart, "-n", ns, "-f", e.values, "--wait", "--timeout", "90s"], ns, { timeoutMs: 120_000 });
        await settled(c, ns, e, original);
        if (migrates) {
          const runs = migrationRuns(c, ns, e);
          expect(runs, "the migration hook ran once and completed on the first install").toHaveLength(1);
          const pods = serverPods(c, ns, e.model);
          for (const p of pods) expect(Date.parse(p.created), `${p.name} started after the migration completed`).toBeGreaterThanOrEqual(Date.parse(runs[0]!));
          expect(events(c, ns, "Job", m.names.migrationJob, "FailedCreate"), "no rejected migration pod").toEqual([]);
        }

        // 2. Upgrade to a new image tag.
        const next = imageWithTag(m, "e2e-next");
        helmOk(c, ["upgrade", m.name, e.chart, "-n", ns, "-f", e.values, "--set", "image.tag=e2e-next", "--wait", "--timeout", "90s"], ns, { timeoutMs: 120_000 });
        if (migrates) expect(migrationRuns(c, ns, e), "the migration ran again before the upgrade").toHaveLength(2);
        if (m.deploy.strategy === "rolling") {
          await settled(c, ns, e, next);
        } else {
          // A progressive rollout starts the new version beside the stable one, which keeps serving until promotion.
          const stable = getJson(c, ns, "rollout.argoproj.io", m.name).status.stableRS;
          await waitFor(c, ns, "the new version's pods beside the stable ones", 90_000, () =>
            serverPods(c, ns, m).some((p) => p.image === next && p.phase === "Running") ? true : undefined,
          );
          expect(getJson(c, ns, "rollout.argoproj.io", m.name).status.stableRS, "the stable version is unchanged until promotion").toBe(stable);
        }

        // 3. Roll back to the first release.
        helmOk(c, ["rollback", m.name, "1", "-n", ns, "--wait", "--timeout", "90s"], ns, { timeoutMs: 120_000 });
        await settled(c, ns, e, original);
      } catch (error) {
        throw new Error(`${String(error)}\n${describeNamespace(c, ns)}`);
      } finally {
        helmOk(c, ["uninstall", m.name, "-n", ns, "--wait", "--timeout", "60s"], ns, { timeoutMs: 90_000 });
      }
    }, E2E_TIMEOUT);
  }
});
