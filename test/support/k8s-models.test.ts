import { describe, expect, it } from "vitest";
import * as fx from "./fixtures.js";
import { modelFor, validateBuiltIn } from "./k8s-models.js";

describe("validateBuiltIn (kubernetes-models)", () => {
  const good = [
    ...fx.hardenedService(),
    fx.httpRoute(),
    fx.ingress(),
    fx.migrationJob(),
    fx.cronJob(),
    fx.persistentVolumeClaim(),
  ];

  for (const object of good) {
    it(`accepts a good ${object.kind}`, () => {
      expect(validateBuiltIn(object)).toEqual([]);
    });
  }

  it("has a class for every kind berth emits", () => {
    for (const [apiVersion, kind] of [
      ["apps/v1", "Deployment"],
      ["v1", "Service"],
      ["v1", "ServiceAccount"],
      ["v1", "ConfigMap"],
      ["v1", "PersistentVolumeClaim"],
      ["policy/v1", "PodDisruptionBudget"],
      ["autoscaling/v2", "HorizontalPodAutoscaler"],
      ["networking.k8s.io/v1", "NetworkPolicy"],
      ["networking.k8s.io/v1", "Ingress"],
      ["batch/v1", "Job"],
      ["batch/v1", "CronJob"],
      ["gateway.networking.k8s.io/v1", "HTTPRoute"],
      ["argoproj.io/v1alpha1", "Rollout"],
      ["argoproj.io/v1alpha1", "AnalysisTemplate"],
    ] as const) {
      // The class for exactly that apiVersion/kind: its instances carry them (null fails here too).
      const cls = modelFor(apiVersion, kind);
      expect(cls && new cls({}), `${apiVersion} ${kind}`).toMatchObject({ apiVersion, kind });
    }
    expect(modelFor("apps/v1", "NoSuchKind")).toBeNull();
    expect(validateBuiltIn({ apiVersion: "example.com/v1", kind: "Thing" })[0]).toMatch(/no kubernetes-models class/);
  });

  it("rejects wrong types and missing required fields", () => {
    const wrongType = fx.changed(fx.deployment(), (d: any) => {
      d.spec.replicas = "3";
    });
    expect(validateBuiltIn(wrongType)).toContain("/spec/replicas: must be integer");
    const badIntOrString = fx.changed(fx.podDisruptionBudget(), (p: any) => {
      p.spec.maxUnavailable = { percent: 10 };
    });
    expect(validateBuiltIn(badIntOrString).join("\n")).toMatch(/\/spec\/maxUnavailable/);
    const noTarget = fx.changed(fx.horizontalPodAutoscaler(), (h: any) => {
      delete h.spec.scaleTargetRef;
    });
    expect(validateBuiltIn(noTarget)).toContain("/spec: must have required property scaleTargetRef");
    const badRoute = fx.changed(fx.httpRoute(), (r: any) => {
      r.spec.parentRefs[0].name = 5;
    });
    expect(validateBuiltIn(badRoute)).toContain("/spec/parentRefs/0/name: must be string");
    const badRollout = fx.changed(fx.rollout(), (r: any) => {
      r.spec.strategy.canary.steps[0].setWeight = "ten";
    });
    expect(validateBuiltIn(badRollout).join("\n")).toMatch(/\/spec\/strategy\/canary\/steps\/0\/setWeight: must be integer/);
  });

  it("does not catch unknown fields (that is kubeconform -strict's job)", () => {
    const typo = fx.changed(fx.deployment(), (d: any) => {
      d.spec.replicass = 3;
    });
    expect(validateBuiltIn(typo)).toEqual([]);
  });
});
