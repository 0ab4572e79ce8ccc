// PrometheusRule and ServiceMonitor against prometheus-operator's CRDs (in-process, strict) and kubeconform.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { kubeconform, validateAgainstCrd } from "../../support/crd-schemas.js";
import { k8sSchemaSource } from "../../support/k8s-json-schemas.js";
import { requireTool, sharedDir, tempDir } from "../../support/tools.js";
import { emitManifest, FIXTURE, ROOT } from "./emit.js";

// Compiles every example and runs kubeconform: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const manifests = [FIXTURE, ...readdirSync(join(ROOT, "examples")).sort().map((e) => `examples/${e}/service.yaml`)];
const outDir = tempDir("berth-prometheus-conformance-");
const objects: Array<{ file: string; object: { kind: string } }> = [];

beforeAll(async () => {
  for (const manifest of manifests) {
    for (const { model, files } of await emitManifest(manifest)) {
      for (const f of files) {
        if (f.path.endsWith("/rules.yaml") || f.path.endsWith("/rules.test.yaml")) continue; // plain promtool files, not Kubernetes objects
        const path = join(outDir, model.name, model.environment.name, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
        objects.push({ file: path.slice(outDir.length + 1), object: parse(f.content) });
      }
    }
  }
});

describe("prometheus-operator objects are accepted by their CRDs", () => {
  it("every PrometheusRule and ServiceMonitor validates against the shared CRD schemas", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const problems = objects.flatMap(({ file, object }) => validateAgainstCrd(object).map((e) => `${file}: ${e}`));
    expect(problems).toEqual([]);
    expect(new Set(objects.map((o) => o.object.kind))).toEqual(new Set(["PrometheusRule", "ServiceMonitor"]));
  });

  it("kubeconform -strict accepts every file", (ctx) => {
    if (!requireTool("kubeconform") || !k8sSchemaSource() || !sharedDir()) return ctx.skip();
    const result = kubeconform([outDir]);
    expect(result.output).toMatch(/Summary: \d+ resources found .* - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(result.ok, result.output).toBe(true);
  });
});
