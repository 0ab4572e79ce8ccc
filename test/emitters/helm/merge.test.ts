/** The generic merge of one object as each environment has it (emitters/helm/merge.ts). */
import { describe, expect, it } from "vitest";
import { environmentCondition, mergeEnvironments, type Branch } from "../../../emitters/helm/merge.js";

function merge(trees: Record<string, Record<string, unknown>>): { merged: unknown; branches: Branch[] } {
  const branches: Branch[] = [];
  const merged = mergeEnvironments(
    Object.entries(trees).map(([environment, value]) => ({ environment, value: value as never })),
    (b) => (branches.push(b), `branch-${branches.length}`),
  );
  return { merged, branches };
}

describe("merging environments", () => {
  it("keeps what all agree on, merges mappings key by key, and branches only where they differ", () => {
    const { merged, branches } = merge({
      prod: { kind: "HPA", metadata: { name: "a", labels: { env: "prod", team: "t" } }, spec: { metrics: [1, 2], min: 2 } },
      staging: { kind: "HPA", metadata: { name: "a", labels: { env: "staging", team: "t" } }, spec: { metrics: [1], min: 2 } },
      dev: { kind: "HPA", metadata: { name: "a", labels: { env: "dev", team: "t" } }, spec: { metrics: [1], min: 2, extra: true } },
    });
    expect(merged).toEqual({
      kind: "HPA",
      metadata: { name: "a", labels: { env: "@@berth:environment@@", team: "t" } },
      spec: { metrics: "@@berth:branch-1@@", min: 2, extra: "@@berth:branch-2@@" },
    });
    // Lists are compared whole; equal values share an arm; a key some lack has no arm for them.
    expect(branches).toEqual([
      { key: "metrics", variants: [{ environments: ["prod"], value: [1, 2] }, { environments: ["staging", "dev"], value: [1] }] },
      { key: "extra", variants: [{ environments: ["dev"], value: true }] },
    ]);
  });

  it("keeps each field where the environments write it", () => {
    const { merged } = merge({ a: { x: 1, z: 3 }, b: { x: 1, y: 2, z: 3 } });
    expect(Object.keys(merged as object)).toEqual(["x", "y", "z"]);
  });

  it("names the environments in a condition", () => {
    expect(environmentCondition(["prod"])).toBe('eq $.Values.environment "prod"');
    expect(environmentCondition(["dev", "staging"])).toBe('has $.Values.environment (list "dev" "staging")');
  });
});
