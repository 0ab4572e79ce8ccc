import { describe, expect, it } from "vitest";
import { workload } from "../../src/kube/workload.js";
import { base, modelOf } from "./model.js";
import { codesAt, load, positionOf } from "../helpers.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const workloadOf = async (text: string): Promise<any> => workload(await modelOf(text));

describe("workload", () => {
  it("is a Deployment with a RollingUpdate for the default strategy", async () => {
    const w = await workloadOf(base());
    expect(w.apiVersion).toBe("apps/v1");
    expect(w.kind).toBe("Deployment");
    expect(w.metadata).toMatchObject({ name: "orders-api", namespace: "orders-api" });
    expect(w.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } });
    expect(w.spec).not.toHaveProperty("progressDeadlineAbort");
  });

  it("passes max_unavailable and max_surge through, counts or percentages", async () => {
    const w = await workloadOf(base('deploy: { max_unavailable: 0, max_surge: "25%" }\n'));
    expect(w.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: "25%" });
  });

  it("is an Argo Rollout for blue-green and canary, aborting on the progress deadline with auto_revert", async () => {
    for (const strategy of ["blue-green", "canary"]) {
      const w = await workloadOf(base(`deploy: { strategy: ${strategy} }\n`));
      expect(w.apiVersion, strategy).toBe("argoproj.io/v1alpha1");
      expect(w.kind, strategy).toBe("Rollout");
      expect(w.spec.progressDeadlineAbort, strategy).toBe(true);
      expect(Object.keys(w.spec.strategy), strategy).toEqual([strategy === "canary" ? "canary" : "blueGreen"]);
    }
  });

  it("does not abort a rollout without auto_revert", async () => {
    const w = await workloadOf(base("deploy: { strategy: canary, auto_revert: false }\n"));
    expect(w.spec).not.toHaveProperty("progressDeadlineAbort");
  });

  it("sets the replica count and the progress deadline from health_timeout (rounded up)", async () => {
    const defaults = await workloadOf(base());
    expect(defaults.spec.replicas).toBe(2);
    expect(defaults.spec.progressDeadlineSeconds).toBe(600);
    expect(defaults.spec.revisionHistoryLimit).toBe(10);
    const declared = await workloadOf(base("replicas: 5\ndeploy: { health_timeout: 90500ms }\n"));
    expect(declared.spec.replicas).toBe(5);
    expect(declared.spec.progressDeadlineSeconds).toBe(91);
  });

  it("leaves replicas to the autoscaler when one is enabled, but not when it is disabled", async () => {
    const scaled = await workloadOf(base("autoscaling: { max_replicas: 6 }\n"));
    expect(scaled.spec).not.toHaveProperty("replicas");
    const off = await workloadOf(base("replicas: 3\nautoscaling: { enabled: false, max_replicas: 6 }\n"));
    expect(off.spec.replicas).toBe(3);
  });

  it("selects pods by name and instance, and the template carries those labels", async () => {
    const w = await workloadOf(base());
    const selector = { "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/instance": "orders-api" };
    expect(w.spec.selector).toEqual({ matchLabels: selector });
    expect(w.spec.template.metadata.labels).toMatchObject({ ...selector, "app.kubernetes.io/component": "server" });
  });

  it("annotates the pod template with a config hash that changes with the configuration", async () => {
    const a = await workloadOf(base("env: { MODE: a }\n"));
    const b = await workloadOf(base("env: { MODE: b }\n"));
    const again = await workloadOf(base("env: { MODE: a }\n"));
    const hash = (w: { spec: { template: { metadata: { annotations: Record<string, string> } } } }) => w.spec.template.metadata.annotations["berth.dev/config-hash"];
    expect(hash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(a)).toBe(hash(again));
    expect(hash(a)).not.toBe(hash(b));
  });

  it("runs the server pod spec (probes and ports) in its template", async () => {
    const w = await workloadOf(base());
    const c = w.spec.template.spec.containers[0];
    expect(c.ports.map((p: { name: string }) => p.name)).toEqual(["http", "metrics"]);
    expect(c.livenessProbe.httpGet.path).toBe("/healthz");
  });

  it("carries Polaris exemptions from waivers on its metadata", async () => {
    const w = await workloadOf(base("checklist:\n  waivers:\n    - { rule: polaris/hostPortSet, reason: legacy host port until migration, expires: 2030-01-01 }\n"));
    expect(w.metadata.annotations).toEqual({ "polaris.fairwinds.com/hostPortSet-exempt": "true" });
    expect(await workloadOf(base())).not.toHaveProperty("metadata.annotations");
  });

  // commonLabels() spreads the manifest's labels last: a label berth sets (the selector's among them) would
  // replace berth's on the pod template, which then no longer matches its selector. Validation refuses it.
  it("refuses a manifest label that would replace a label berth sets", async () => {
    const text = base("labels: { team-tier: gold, app.kubernetes.io/instance: other }\n");
    expect(codesAt(await load(text))).toEqual([`RESERVED_LABEL@${positionOf(text, "app.kubernetes.io/instance")}`]);
  });
});
