import { describe, expect, it } from "vitest";
import { autoscaler, disruptionBudget } from "../../src/kube/scaling.js";
import { base, modelOf } from "./model.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hpaOf = async (text: string): Promise<any> => autoscaler(await modelOf(text));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pdbOf = async (text: string): Promise<any> => disruptionBudget(await modelOf(text));

describe("autoscaler", () => {
  it("is absent without autoscaling, and when autoscaling is disabled", async () => {
    expect(await hpaOf(base())).toBeUndefined();
    expect(await hpaOf(base("autoscaling: { enabled: false, max_replicas: 8 }\n"))).toBeUndefined();
  });

  it("scales a Deployment from the replica count up to max_replicas on 70% CPU, scaling down after 5m", async () => {
    const hpa = await hpaOf(base("replicas: 3\nautoscaling: { max_replicas: 10 }\n"));
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.metadata.name).toBe("orders-api");
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "orders-api" },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    });
  });

  it("uses declared bounds, targets (as whole percentages) and scale-down delay", async () => {
    const hpa = await hpaOf(base("autoscaling: { min_replicas: 4, max_replicas: 12, cpu_target: 55.5%, memory_target: 80%, scale_down_delay: 90s }\n"));
    expect(hpa.spec.minReplicas).toBe(4);
    expect(hpa.spec.maxReplicas).toBe(12);
    expect(hpa.spec.metrics.map((m: { resource: { name: string; target: { averageUtilization: number } } }) => [m.resource.name, m.resource.target.averageUtilization])).toEqual([
      ["cpu", 56],
      ["memory", 80],
    ]);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(90);
  });

  it("scales on memory alone when only memory_target is declared", async () => {
    const hpa = await hpaOf(base("autoscaling: { max_replicas: 6, memory_target: 75% }\n"));
    expect(hpa.spec.metrics).toEqual([{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 75 } } }]);
  });

  it("targets the Argo Rollout for progressive strategies", async () => {
    const hpa = await hpaOf(base("autoscaling: { max_replicas: 6 }\ndeploy: { strategy: canary }\n"));
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "orders-api" });
  });
});

describe("disruptionBudget", () => {
  it("lets one pod go at a time by default, selecting the service's pods", async () => {
    const pdb = await pdbOf(base());
    expect(pdb.apiVersion).toBe("policy/v1");
    expect(pdb.kind).toBe("PodDisruptionBudget");
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/instance": "orders-api" } } });
  });

  it("uses min_available instead when declared (and never both)", async () => {
    const pdb = await pdbOf(base("replicas: 3\ndisruption: { min_available: 2 }\n"));
    expect(pdb.spec.minAvailable).toBe(2);
    expect(pdb.spec).not.toHaveProperty("maxUnavailable");
  });

  it("passes a declared max_unavailable percentage through", async () => {
    const pdb = await pdbOf(base('disruption: { max_unavailable: "25%" }\n'));
    expect(pdb.spec.maxUnavailable).toBe("25%");
    expect(pdb.spec).not.toHaveProperty("minAvailable");
  });
});
