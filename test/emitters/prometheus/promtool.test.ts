// promtool proves the generated rules and the tests berth ships with them: `check rules` on every rules file,
// `test rules` on every shipped `rules.test.yaml` exactly as written (every alert pending before its `for`,
// firing, and silent just below its threshold; the SLO recordings' values), and a mutation test: the shipped
// tests fail when a threshold in the rules is changed, or they would prove nothing.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { requireTool } from "../../support/tools.js";
import { promtoolTests, type Case } from "../../../emitters/prometheus/unit-tests/case-kit.js";
import { emitManifest, FIXTURE, ROOT, type Emitted } from "./emit.js";
import { promtool, promtoolAsync, writeTemp } from "./promtool.js";
import { mutations } from "./mutate.js";

// Compiles every example and runs promtool: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

type Rule = { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string> };
type ExprTest = { expr: string; eval_time: string; exp_samples: Array<{ labels: string; value: number }> };
type TestFile = { rule_files: string[]; tests: Array<{ name: string; promql_expr_test: ExprTest[] }> };

const manifests = [FIXTURE, ...readdirSync(join(ROOT, "examples")).sort().map((e) => `examples/${e}/service.yaml`)];
const emitted: Array<Emitted & { manifest: string; rulesText?: string; testText?: string; rules: Rule[] }> = [];

beforeAll(async () => {
  for (const manifest of manifests) {
    for (const e of await emitManifest(manifest)) {
      const rulesText = e.files.find((f) => f.path === "prometheus/rules.yaml")?.content;
      const testText = e.files.find((f) => f.path === "prometheus/rules.test.yaml")?.content;
      const groups = rulesText ? (parse(rulesText) as { groups: Array<{ rules: Rule[] }> }).groups : [];
      emitted.push({ ...e, manifest, rulesText, testText, rules: groups.flatMap((g) => g.rules) });
    }
  }
});

/** The test file with only the tests that check `alert`. */
function testsOf(testText: string, alert: string): string {
  const file = parse(testText) as TestFile;
  const tests = file.tests.filter((t) => t.promql_expr_test.some((c) => c.expr === `ALERTS{alertname="${alert}"}`));
  if (!tests.length) throw new Error(`no shipped test checks ${alert}`);
  return stringify({ ...file, tests });
}

const where = (e: (typeof emitted)[number]) => `${e.manifest} (${e.model.environment.name})`;

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

  it("the every-alert fixture emits every alert kind, both built-in SLOs and a custom SLI", () => {
    const fixture = emitted.find((e) => e.manifest === FIXTURE)!;
    const alerts = new Set(fixture.rules.map((r) => r.alert).filter(Boolean));
    expect([...alerts].sort()).toEqual(
      [
        "ShopHighErrorRate", "ShopHighLatency", "ShopPodRestarting", "ShopCertificateExpiringSoon", "ShopDiskUsageHigh",
        "ShopReplicationLagHigh", "ShopBackupFailed", "ShopBackupStale", "ShopDatabaseBackupStale", "ShopConnectorErrors", "ShopGoroutineLeak",
        "ShopPodsUnavailable", "ShopQueueBacklog", "ShopAvailabilityErrorBudgetBurnFast", "ShopAvailabilityErrorBudgetBurnSlow",
        "ShopLatencyErrorBudgetBurnFast", "ShopLatencyErrorBudgetBurnSlow", "ShopCheckoutSuccessErrorBudgetBurnFast",
        "ShopCheckoutSuccessErrorBudgetBurnSlow", "ShopSLOMetricsAbsent",
      ].sort(),
    );
  });

  it("every rules file ships a test file beside it, naming it, with a pending, a firing and a silent check of every berth alert", () => {
    for (const e of emitted.filter((x) => x.rulesText)) {
      const custom = new Set(e.model.monitoring.customAlerts.map((c) => c.name));
      const berthAlerts = new Set(e.rules.map((r) => r.alert).filter((a): a is string => !!a && !custom.has(a)));
      if (!berthAlerts.size) continue;
      expect(e.testText, `${where(e)}: no rules.test.yaml`).toBeDefined();
      const file = parse(e.testText!) as TestFile;
      expect(file.rule_files).toEqual(["rules.yaml"]);
      const checks = file.tests.flatMap((t) => t.promql_expr_test);
      for (const alert of berthAlerts) {
        const mine = checks.filter((c) => c.expr === `ALERTS{alertname="${alert}"}`);
        const state = (s: string) => mine.some((c) => c.exp_samples.some((x) => x.labels.includes(`alertstate="${s}"`)));
        expect(state("firing"), `${where(e)}: ${alert} never fires`).toBe(true);
        const hasFor = e.rules.some((r) => r.alert === alert && r.for && r.for !== "0s");
        expect(state("pending"), `${where(e)}: ${alert} has a pending check exactly when its rule has a for`).toBe(Boolean(hasFor));
        expect(mine.some((c) => c.exp_samples.length === 0), `${where(e)}: ${alert} has no silent check`).toBe(true);
      }
      // The SLO recordings are checked for their values (built-in objectives; a custom SLI's queries are the user's).
      for (const o of e.model.monitoring.slo?.objectives.filter((x) => x.source !== "custom") ?? []) {
        expect(checks.some((c) => c.expr.startsWith("slo:sli_error:ratio_rate") && c.expr.includes(`slo="${o.slo}"`) && c.exp_samples.length === 1), `${where(e)}: ${o.slo}`).toBe(true);
      }
    }
  });

  for (const manifest of manifests) {
    it.concurrent(`test rules: the shipped tests of ${manifest} pass on the shipped rules, in every environment`, async (ctx) => {
      if (!requireTool("promtool")) return ctx.skip();
      for (const e of emitted.filter((x) => x.manifest === manifest && x.testText)) {
        const dir = writeTemp("berth-promtool-test-", { "rules.yaml": e.rulesText!, "rules.test.yaml": e.testText! });
        const result = await promtoolAsync(["test", "rules", "rules.test.yaml"], dir);
        ctx.expect(result.ok, `${where(e)}\n${result.output}`).toBe(true);
      }
    }, 180_000);
  }

  it("mutation: every threshold of the every-alert fixture, moved up or down, makes the shipped tests fail", async (ctx) => {
    if (!requireTool("promtool")) return ctx.skip();
    const fixture = emitted.find((e) => e.manifest === FIXTURE)!;
    // A custom alert's expression is the user's: berth ships no test of it to catch a mutant.
    const custom = new Set(fixture.model.monitoring.customAlerts.map((c) => c.name));
    const list = mutations(fixture.rulesText!).filter((m) => !custom.has(m.alert));
    // Each berth alert's threshold is moved both ways (the checker itself is tested in mutate.test.ts).
    const mutated = new Set(list.map((m) => m.alert));
    for (const r of fixture.rules) if (r.alert && !custom.has(r.alert) && r.alert !== "ShopSLOMetricsAbsent") expect(mutated, r.alert).toContain(r.alert);
    const survivors: string[] = [];
    await Promise.all(
      list.map(async (m) => {
        // Only the shipped tests of the mutated alert: they alone must catch it (and promtool runs a twentieth as long).
        const dir = writeTemp("berth-promtool-mutant-", { "rules.yaml": m.rulesText, "rules.test.yaml": testsOf(fixture.testText!, m.alert) });
        const result = await promtoolAsync(["test", "rules", "rules.test.yaml"], dir);
        if (result.ok) survivors.push(`${m.alert}: ${m.change}`);
      }),
    );
    expect(survivors.sort()).toEqual([]);
    // And the unmutated rules pass, so each failure above is the mutation's.
    const dir = writeTemp("berth-promtool-unmutated-", { "rules.yaml": fixture.rulesText!, "rules.test.yaml": fixture.testText! });
    expect((await promtoolAsync(["test", "rules", "rules.test.yaml"], dir)).ok).toBe(true);
  });

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
                  exp_labels: { environment: "production", namespace: "shop", service: "shop", severity: "critical", team: "storefront", tier: "tier-1" },
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

  it("the fixture's custom alert is passed through as written", (ctx) => {
    if (!requireTool("promtool")) return ctx.skip();
    const fixture = emitted.find((e) => e.manifest === FIXTURE)!;
    const labels = { environment: "production", service: "shop", severity: "warning", team: "storefront", tier: "tier-1" };
    const cases: Case[] = [
      { name: "ShopQueueBacklog fires", alert: "ShopQueueBacklog", series: [{ series: 'queue_depth{service="shop"}', values: "200+0x60" }], evals: [{ at: 15, alerts: [labels] }] },
      { name: "ShopQueueBacklog silent", alert: "ShopQueueBacklog", series: [{ series: 'queue_depth{service="shop"}', values: "100+0x60" }], evals: [{ at: 15, alerts: [] }] },
    ];
    const dir = writeTemp("berth-promtool-custom-", { "rules.yaml": fixture.rulesText!, "tests.yaml": stringify(promtoolTests("rules.yaml", cases)) });
    const result = promtool(["test", "rules", "tests.yaml"], dir);
    expect(result.ok, result.output).toBe(true);
  });

  it("a hand-written probe: the backup-failure alert fires on a PartiallyFailed (volume data not taken) or FailedValidation (storage location unavailable) Velero backup, not on another schedule's", (ctx) => {
    if (!requireTool("promtool")) return ctx.skip();
    const fixture = emitted.find((e) => e.manifest === FIXTURE && e.rules.some((r) => r.alert?.endsWith("BackupFailed")))!;
    const rule = fixture.rules.find((r) => r.alert?.endsWith("BackupFailed"))!;
    const schedule = rule.labels!.schedule!;
    // Velero counts a PartiallyFailed backup in velero_backup_partial_failure_total only (and records no success).
    const probe = (partialOf: string, counter: string) => ({
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            { series: `velero_backup_failure_total{schedule="${schedule}"}`, values: "0x60" },
            { series: `${counter}{schedule="${partialOf}"}`, values: "0x9 1x50" },
          ],
          promql_expr_test: [
            { expr: `count(ALERTS{alertname="${rule.alert}",alertstate="firing",schedule="${schedule}"})`, eval_time: "20m", exp_samples: partialOf === schedule ? [{ labels: "{}", value: 1 }] : [] },
          ],
        },
      ],
    });
    for (const counter of ["velero_backup_partial_failure_total", "velero_backup_validation_failure_total"]) {
      for (const partialOf of [schedule, "someone-else"]) {
        const dir = writeTemp("berth-promtool-partial-", { "rules.yaml": fixture.rulesText!, "probe.yaml": stringify(probe(partialOf, counter)) });
        const result = promtool(["test", "rules", "probe.yaml"], dir);
        expect(result.ok, `${counter} of ${partialOf}: ${result.output}`).toBe(true);
      }
    }
  });
});
