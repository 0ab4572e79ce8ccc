// promtool proves the generated rules: `check rules` on every rules file, and `test rules` unit tests that
// show every alert firing on unhealthy series, pending before its `for`, and silent just below its threshold.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { requireTool } from "../../support/tools.js";
import { buildCases, promtoolTests, type Case, type RuleLike } from "./alert-cases.js";
import { emitManifest, FIXTURE, ROOT, type Emitted } from "./emit.js";
import { promtool, promtoolAsync, writeTemp } from "./promtool.js";

// Compiles every example and runs promtool: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const manifests = [FIXTURE, ...readdirSync(join(ROOT, "examples")).sort().map((e) => `examples/${e}/service.yaml`)];
const emitted: Array<Emitted & { manifest: string; rulesText?: string; rules: RuleLike[] }> = [];

beforeAll(async () => {
  for (const manifest of manifests) {
    for (const e of await emitManifest(manifest)) {
      const rulesText = e.files.find((f) => f.path === "prometheus/rules.yaml")?.content;
      const groups = rulesText ? (parse(rulesText) as { groups: Array<{ rules: RuleLike[] }> }).groups : [];
      emitted.push({ ...e, manifest, rulesText, rules: groups.flatMap((g) => g.rules) });
    }
  }
});

/** The rules file without annotations: unit tests assert on labels; annotations are checked on their own below. */
function withoutAnnotations(text: string): string {
  const doc = parse(text) as { groups: Array<{ rules: Array<Record<string, unknown>> }> };
  for (const g of doc.groups) for (const r of g.rules) delete r.annotations;
  return stringify(doc);
}

describe("promtool", () => {
  it("check rules passes on every generated rules file (examples, every environment, and the every-alert fixture)", (ctx) => {
    if (!requireTool("promtool")) return ctx.skip();
    const files: Record<string, string> = {};
    for (const e of emitted) if (e.rulesText) files[`${e.model.name}-${e.model.environment.name}.yaml`] = e.rulesText;
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(manifests.length - 1);
    const dir = writeTemp("berth-promtool-check-", files);
    const result = promtool(["check", "rules", ...Object.keys(files).sort()], dir);
    expect(result.ok, result.output).toBe(true);
  });

  it("the every-alert fixture emits every alert kind and both SLOs", () => {
    const fixture = emitted.find((e) => e.manifest === FIXTURE)!;
    const alerts = new Set(fixture.rules.map((r) => r.alert).filter(Boolean));
    expect([...alerts].sort()).toEqual(
      [
        "ShopHighErrorRate", "ShopHighLatency", "ShopPodRestarting", "ShopCertificateExpiringSoon", "ShopDiskUsageHigh",
        "ShopReplicationLagHigh", "ShopBackupFailed", "ShopBackupStale", "ShopDatabaseBackupStale", "ShopConnectorErrors", "ShopGoroutineLeak",
        "ShopQueueBacklog", "ShopAvailabilityErrorBudgetBurnFast", "ShopAvailabilityErrorBudgetBurnSlow",
        "ShopLatencyErrorBudgetBurnFast", "ShopLatencyErrorBudgetBurnSlow", "ShopSLOMetricsAbsent",
      ].sort(),
    );
  });

  it("every berth alert of every manifest has a firing, a pending and a silent case", () => {
    for (const e of emitted) {
      const cases = buildCases(e.model, e.rules);
      const custom = new Set(e.model.monitoring.customAlerts.map((c) => c.name));
      for (const alert of new Set(e.rules.map((r) => r.alert).filter((a): a is string => !!a && !custom.has(a)))) {
        const mine = cases.filter((c) => c.alert === alert);
        const where = `${e.manifest} (${e.model.environment.name}): ${alert}`;
        expect(mine.some((c) => c.evals.some((v) => v.alerts.length > 0)), `${where} never fires`).toBe(true);
        const hasFor = e.rules.some((r) => r.alert === alert && (r as { for?: string }).for);
        expect(mine.some((c) => c.name.includes("pending")), `${where}: a pending case exactly when the rule has a for`).toBe(Boolean(hasFor));
        expect(mine.some((c) => c.name.includes("silent")), `${where} has no silent case`).toBe(true);
      }
    }
  });

  for (const manifest of manifests) {
    it.concurrent(`test rules: every alert of ${manifest} fires, waits for its for, and stays silent below its threshold`, async (ctx) => {
      if (!requireTool("promtool")) return ctx.skip();
      for (const e of emitted.filter((x) => x.manifest === manifest && x.rulesText)) {
        const cases: Case[] = buildCases(e.model, e.rules);
        if (manifest === FIXTURE) cases.push(...customCases());
        const dir = writeTemp("berth-promtool-test-", {
          "rules.yaml": withoutAnnotations(e.rulesText!),
          "tests.yaml": stringify(promtoolTests("rules.yaml", cases)),
        });
        const result = await promtoolAsync(["test", "rules", "tests.yaml"], dir);
        ctx.expect(result.ok, `${manifest} (${e.model.environment.name})\n${result.output}`).toBe(true);
      }
    }, 120_000);
  }

  it("annotations render: summary, templated description and runbook_url", (ctx) => {
    if (!requireTool("promtool")) return ctx.skip();
    const fixture = emitted.find((e) => e.manifest === FIXTURE)!;
    const app = 'namespace="shop",service="shop",pod="a"';
    const tests = {
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            { series: `http_requests_total{${app},code="200"}`, values: "0+980x60" },
            { series: `http_requests_total{${app},code="500"}`, values: "0+20x60" },
          ],
          alert_rule_test: [
            {
              eval_time: "15m",
              alertname: "ShopHighErrorRate",
              exp_alerts: [
                {
                  exp_labels: { namespace: "shop", service: "shop", severity: "critical", team: "storefront", tier: "tier-1" },
                  exp_annotations: {
                    summary: "shop: more than 1% of requests fail with a 5xx.",
                    description: "2% of shop's requests answered with a 5xx over the last 5m (threshold 1%).",
                    runbook_url: "https://runbooks.example.com/shop/shophigherrorrate",
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const dir = writeTemp("berth-promtool-annotations-", { "rules.yaml": fixture.rulesText!, "tests.yaml": stringify(tests) });
    const result = promtool(["test", "rules", "tests.yaml"], dir);
    expect(result.ok, result.output).toBe(true);
  });
});

/** The fixture's custom alert, passed through as written. */
function customCases(): Case[] {
  const labels = { service: "shop", severity: "warning", team: "storefront", tier: "tier-1" };
  return [
    { name: "ShopQueueBacklog fires", alert: "ShopQueueBacklog", series: [{ series: 'queue_depth{service="shop"}', values: "200+0x60" }], evals: [{ at: 15, alerts: [labels] }] },
    { name: "ShopQueueBacklog silent", alert: "ShopQueueBacklog", series: [{ series: 'queue_depth{service="shop"}', values: "100+0x60" }], evals: [{ at: 15, alerts: [] }] },
  ];
}
