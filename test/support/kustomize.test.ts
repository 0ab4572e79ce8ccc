import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import yaml from "js-yaml";
import * as fx from "./fixtures.js";
import { kustomizeBuild, requireKustomize } from "./kustomize.js";

// Runs kubectl kustomize: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe("kustomizeBuild", () => {
  it("renders every object of the folder", (ctx) => {
    if (!requireKustomize()) return ctx.skip();
    const objects = fx.hardenedService();
    const { dir } = fx.writeKustomizeDir(objects);
    const result = kustomizeBuild(dir);
    expect(result.ok, result.output).toBe(true);
    const rendered = yaml.loadAll(result.output) as fx.K8sObject[];
    expect(rendered.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(),
    );
  });

  it("fails on a missing resource file and on an invalid kustomization", (ctx) => {
    if (!requireKustomize()) return ctx.skip();
    const { dir } = fx.writeKustomizeDir([fx.service()]);
    writeFileSync(
      join(dir, "kustomization.yaml"),
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- service.yaml\n- missing.yaml\n",
    );
    const missing = kustomizeBuild(dir);
    expect(missing.ok).toBe(false);
    expect(missing.output).toMatch(/missing\.yaml/);

    writeFileSync(
      join(dir, "kustomization.yaml"),
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresourcez:\n- service.yaml\n",
    );
    const typo = kustomizeBuild(dir);
    expect(typo.ok).toBe(false);
    expect(typo.output).toMatch(/resourcez/);
  });

  it("fails when two files hold the same object", (ctx) => {
    if (!requireKustomize()) return ctx.skip();
    const { dir } = fx.writeKustomizeDir([fx.service()]);
    writeFileSync(join(dir, "service-copy.yaml"), yaml.dump(fx.service()));
    writeFileSync(
      join(dir, "kustomization.yaml"),
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- service.yaml\n- service-copy.yaml\n",
    );
    const dup = kustomizeBuild(dir);
    expect(dup.ok).toBe(false);
    expect(dup.output).toMatch(/already registered|conflict|duplicate/i);
  });
});
