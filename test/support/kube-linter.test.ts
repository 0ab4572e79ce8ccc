import { describe, expect, it, vi } from "vitest";
import * as fx from "./fixtures.js";
import { kubeLinter } from "./kube-linter.js";
import { requireTool } from "./tools.js";

// Runs kube-linter: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// kube-linter is refused by the Go module proxy on this workplace, so these normally skip here (CI included,
// via BERTH_UNOBTAINABLE_TOOLS); they run wherever the binary is installed.
describe("kubeLinter (default checks)", () => {
  it("passes the hardened built-in objects", (ctx) => {
    if (!requireTool("kube-linter")) return ctx.skip();
    const { dir } = fx.writeKustomizeDir([
      fx.serviceAccount(),
      fx.configMap(),
      fx.deployment(),
      fx.service(),
      fx.podDisruptionBudget(),
      fx.horizontalPodAutoscaler(),
      fx.networkPolicy(),
    ]);
    const result = kubeLinter(dir);
    expect(result.output).not.toMatch(/\(check: /);
    expect(result.ok).toBe(true);
  });

  it("flags a Deployment without the hardening", (ctx) => {
    if (!requireTool("kube-linter")) return ctx.skip();
    const bare = fx.changed(fx.deployment(), (d: any) => {
      const pod = d.spec.template.spec;
      delete pod.securityContext;
      delete pod.containers[0].securityContext;
      delete pod.containers[0].resources;
    });
    const { dir } = fx.writeKustomizeDir([fx.serviceAccount(), bare, fx.service()]);
    const result = kubeLinter(dir);
    expect(result.ok).toBe(false);
    for (const check of ["no-read-only-root-fs", "run-as-non-root", "unset-cpu-requirements", "unset-memory-requirements"]) {
      expect(result.output).toContain(`(check: ${check}`);
    }
  });
});
