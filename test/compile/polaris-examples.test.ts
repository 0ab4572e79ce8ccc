import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildKubeObjects, escapeHatchResult } from "../../src/kube/index.js";
import type { Strategy } from "../../src/model/spec.js";
import { loadManifest } from "../../src/pipeline.js";
import { describeFailures, evaluatePolaris, polarisAvailable } from "../conformance/polaris.js";
import { sharedDir } from "../support/tools.js";

// Compiles every example and runs the Polaris checks over it: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const root = new URL("../../", import.meta.url).pathname;
const examples = readdirSync(join(root, "examples")).sort();

/**
 * The Polaris checks in ../shared/conformance/polaris, at their default severities, on every
 * example under every deploy strategy: zero danger, zero warning. A check is skipped only where the
 * example's manifest waives it (`polaris/<check>`), and those opt-outs are listed in the output.
 */
describe.skipIf(!polarisAvailable())("Polaris on every example", () => {
  for (const name of examples) {
    it(name, async (ctx) => {
      if (!sharedDir()) return ctx.skip();
      const loaded = await loadManifest(`examples/${name}/service.yaml`, readFileSync(join(root, "examples", name, "service.yaml")));
      for (const model of loaded.models) {
        const waived = model.checklist.waivers.filter((w) => w.rule.startsWith("polaris/"));
        if (waived.length) console.log(`${name}/${model.environment.name} opts out of: ${waived.map((w) => `${w.rule} (${w.reason})`).join("; ")}`);
        // Every strategy the manifest can be delivered by: patches that target its Deployment bind it to rolling.
        const strategies = (["rolling", "blue-green", "canary"] as Strategy[]).filter((strategy) => !escapeHatchResult({ ...model, deploy: { ...model.deploy, strategy } }).problems.length);
        expect(strategies).toContain(model.deploy.strategy);
        for (const strategy of strategies) {
          const objects = buildKubeObjects({ ...model, deploy: { ...model.deploy, strategy } }).map((o) => o.object);
          const failures = evaluatePolaris(objects as unknown as Array<Record<string, unknown>>).filter((r) => !r.passed);
          expect(describeFailures(failures), `${name}/${model.environment.name} as ${strategy}`).toEqual([]);
          // Every exemption berth wrote comes from a waiver in the manifest: no silent opt-outs.
          const exempted = objects.flatMap((o) => Object.keys(o.metadata.annotations ?? {}).filter((k) => k.startsWith("polaris.fairwinds.com/")));
          for (const key of exempted) expect(waived.map((w) => `polaris.fairwinds.com/${w.rule.slice("polaris/".length)}-exempt`)).toContain(key);
        }
      }
    });
  }

  it("fails a manifest that does not opt out (the check can fail)", async () => {
    const text = readFileSync(join(root, "examples/catalog-rolling/service.yaml"), "utf8").replace(/^priority_class: .*\n/m, "");
    const loaded = await loadManifest("x.yaml", new TextEncoder().encode(text));
    const failures = evaluatePolaris(buildKubeObjects(loaded.models[0]!).map((o) => o.object) as unknown as Array<Record<string, unknown>>).filter((r) => !r.passed);
    expect(failures.map((f) => f.check)).toContain("priorityClassNotSet");
  });
});
