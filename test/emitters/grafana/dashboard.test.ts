// The Grafana dashboard per service and environment: every panel query is valid PromQL (promtool checks it as a
// recording rule) over metrics berth alerts on or that the exporters it names provide; the JSON fits the Grafana
// Foundation SDK's Dashboard type; the ConfigMap passes kubernetes-models and kubeconform and carries the same JSON.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { grafanaEmitter } from "../../../emitters/grafana/index.js";
import { prometheusEmitter } from "../../../emitters/prometheus/index.js";
import type { Model } from "../../../src/model/model.js";
import { EXPORTER_METRICS } from "../../../src/promql/exporters.js";
import { loadManifest } from "../../../src/pipeline.js";
import { kubeconform } from "../../support/crd-schemas.js";
import { k8sSchemaSource } from "../../support/k8s-json-schemas.js";
import { validateBuiltIn } from "../../support/k8s-models.js";
import { REPO_ROOT, requireTool } from "../../support/tools.js";
import { promtool, writeTemp } from "../prometheus/promtool.js";
import { checkAgainstSdkTypes } from "./sdk-types.js";

// Compiles every example, type-checks with the TypeScript compiler and runs promtool/kubeconform: generous timeouts.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const FIXTURE = "test/emitters/prometheus/fixtures/every-alert.yaml";
const manifests = [FIXTURE, ...readdirSync(join(REPO_ROOT, "examples")).sort().map((e) => `examples/${e}/service.yaml`)];

type Panel = { type: string; title: string; targets?: Array<{ expr: string; datasource?: { uid: string } }> };
interface Emitted {
  manifest: string;
  model: Model;
  dashboard?: { $comment: string; uid: string; title: string; panels: Panel[] } & Record<string, unknown>;
  configMapText?: string;
  rulesText?: string;
}
const emitted: Emitted[] = [];

beforeAll(async () => {
  for (const manifest of manifests) {
    const loaded = await loadManifest(manifest, readFileSync(join(REPO_ROOT, manifest)));
    for (const model of loaded.models) {
      const files = grafanaEmitter.emit(model, { source: manifest });
      const json = files.find((f) => f.path === "grafana/dashboard.json")?.content;
      emitted.push({
        manifest,
        model,
        dashboard: json ? JSON.parse(json) : undefined,
        configMapText: files.find((f) => f.path === "grafana/dashboard-configmap.yaml")?.content,
        rulesText: prometheusEmitter.emit(model, { source: manifest }).find((f) => f.path === "prometheus/rules.yaml")?.content,
      });
    }
  }
});

const withDashboard = () => emitted.filter((e) => e.dashboard);
const queries = (e: Emitted) => e.dashboard!.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
/** Metric names in a query: every identifier written before a `{` selector (berth writes every selector with braces). */
const metricsIn = (expr: string) => [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]!);

describe("grafana emitter", () => {
  it("writes a dashboard for every service whose metrics are scraped, in every environment, and none otherwise", () => {
    for (const e of emitted) expect(Boolean(e.dashboard), `${e.manifest} (${e.model.environment.name})`).toBe(Boolean(e.model.monitoring.metrics));
    expect(withDashboard().length).toBeGreaterThanOrEqual(6);
    // One per environment: distinct uids and titles.
    const uids = withDashboard().map((e) => e.dashboard!.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(uid.length).toBeLessThanOrEqual(40);
  });

  it("has the golden signals, pods, each SLO's burn rate and budget, and backup age when backups are declared", () => {
    for (const e of withDashboard()) {
      const titles = e.dashboard!.panels.map((p) => p.title);
      expect(titles).toEqual(expect.arrayContaining(["Traffic", "Errors", "Latency", "Saturation", "Restarts", "Ready pods"]));
      for (const o of e.model.monitoring.slo?.objectives ?? []) expect(titles).toEqual(expect.arrayContaining([`${o.slo}: burn rate`, `${o.slo}: error budget left`]));
      expect(titles.includes("Backup age"), e.manifest).toBe(Boolean(e.model.recovery?.restore.veleroSchedules.length));
      for (const p of e.dashboard!.panels) for (const t of p.targets ?? []) expect(t.datasource?.uid).toBe("${datasource}");
    }
  });

  it("every panel query is valid PromQL: promtool check rules accepts each as a recording rule", (ctx) => {
    if (!requireTool("promtool")) return ctx.skip();
    const rules = withDashboard().flatMap((e) => queries(e).map((q) => q.expr));
    expect(rules.length).toBeGreaterThan(50);
    const file = { groups: [{ name: "dashboards", rules: rules.map((expr, i) => ({ record: `berth:dashboard_query:${i}`, expr })) }] };
    const dir = writeTemp("berth-grafana-promql-", { "queries.yaml": stringify(file) });
    const result = promtool(["check", "rules", "queries.yaml"], dir);
    expect(result.output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(result.ok, result.output).toBe(true);
  });

  it("promtool's check is not vacuous: a broken query fails it", (ctx) => {
    if (!requireTool("promtool")) return ctx.skip();
    const dir = writeTemp("berth-grafana-promql-bad-", { "queries.yaml": stringify({ groups: [{ name: "g", rules: [{ record: "x:y", expr: "sum(rate(x[5m])" }] }] }) });
    expect(promtool(["check", "rules", "queries.yaml"], dir).ok).toBe(false);
  });

  it("queries only metrics berth's rules use, the service declares, or the exporters berth names provide", () => {
    const exporters = new Set(Object.values(EXPORTER_METRICS).flat());
    for (const e of withDashboard()) {
      // The service's own exporter (its scraped /metrics) provides the metrics monitoring.metric_names declares.
      const names = e.model.monitoring.metricNames;
      const declared = [names.requests, `${names.latency}_bucket`, `${names.latency}_count`];
      const alerted = new Set([...metricsIn(e.rulesText ?? ""), ...declared]);
      const unknown = queries(e).flatMap((q) => metricsIn(q.expr).filter((m) => !alerted.has(m) && !exporters.has(m)).map((m) => `${q.panel}: ${m}`));
      expect(unknown, `${e.manifest} (${e.model.environment.name})`).toEqual([]);
    }
    // The check sees metrics at all.
    expect(metricsIn('sum(rate(http_requests_total{a="b"}[5m]))')).toEqual(["http_requests_total"]);
  });

  it("every dashboard fits the Grafana Foundation SDK's Dashboard type (berth's $comment header aside)", () => {
    const all = withDashboard().map((e) => {
      const { $comment: _c, ...json } = e.dashboard!;
      return { name: `${e.manifest} (${e.model.environment.name})`, json };
    });
    expect(checkAgainstSdkTypes(all)).toEqual([]);
  });

  it("the SDK type check is not vacuous: an unknown key or a wrong type is reported", () => {
    const { $comment: _c, ...json } = withDashboard()[0]!.dashboard!;
    const problems = checkAgainstSdkTypes([
      { name: "unknown key", json: { ...json, refreshEvery: "1m" } },
      { name: "wrong type", json: { ...json, editable: "yes" } },
      { name: "no enum value", json: { ...json, graphTooltip: 7 } },
      { name: "unknown query key", json: { ...json, panels: [{ ...(json.panels as Panel[])[1], targets: [{ refId: "A", exprr: "up" }] }] } },
    ]);
    expect(problems.join("\n")).toMatch(/refreshEvery/);
    expect(problems.join("\n")).toMatch(/wrong type line .*not assignable to type 'boolean/);
    expect(problems.join("\n")).toMatch(/DashboardCursorSync/);
    expect(problems.join("\n")).toMatch(/exprr/);
  });

  it("the ConfigMap is labelled for Grafana's sidecar, holds the same dashboard, and kubernetes-models accepts it", () => {
    for (const e of withDashboard()) {
      const cm = parse(e.configMapText!);
      expect(validateBuiltIn(cm)).toEqual([]);
      expect(cm.metadata.labels.grafana_dashboard).toBe("1");
      expect(cm.metadata.namespace).toBe(e.model.namespace);
      const { $comment: _c, ...dashboard } = e.dashboard!;
      expect(JSON.parse(cm.data[`${e.model.name}-${e.model.environment.name}.json`])).toEqual(dashboard);
    }
  });

  it("kubeconform -strict accepts every ConfigMap", (ctx) => {
    if (!requireTool("kubeconform") || !k8sSchemaSource()) return ctx.skip();
    const files: Record<string, string> = {};
    withDashboard().forEach((e, i) => (files[`cm-${i}.yaml`] = e.configMapText!));
    const dir = writeTemp("berth-grafana-kubeconform-", files);
    const result = kubeconform(Object.keys(files).map((f) => join(dir, f)));
    expect(result.output).toMatch(/Valid: \d+, Invalid: 0, Errors: 0/);
    expect(result.ok, result.output).toBe(true);
  });

  it("backup age asks for the Velero Schedules there are: not a database-only schedule, and no panel without any", async () => {
    const base = readFileSync(join(REPO_ROOT, "examples/orders-api/service.yaml"), "utf8");
    const dbOnly = base.replace(/( {2}extra_schedules:\n)/, '$1    - { name: base-backup, schedule: "0 14 * * *", retention: 7d, covers: [database] }\n');
    expect(dbOnly).toContain("name: base-backup");
    const ages = async (text: string) => {
      const [model] = (await loadManifest("service.yaml", new TextEncoder().encode(text))).models;
      const json = grafanaEmitter.emit(model!, { source: "service.yaml" }).find((f) => f.path === "grafana/dashboard.json")!.content;
      const panels = (JSON.parse(json) as { panels: Panel[] }).panels;
      return panels.filter((p) => p.title === "Backup age").flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    };
    expect(await ages(dbOnly)).toEqual(['time() - max by (schedule) (velero_backup_last_successful_timestamp{schedule=~"orders-api|orders-api-support"})']);
    // Every schedule covering the database only: no Velero Schedule, no panel.
    const noVelero = dbOnly.replace("retention: 30d\n", "retention: 30d\n  covers: [database]\n").replace("covers: [velero]", "covers: [database]");
    expect(await ages(noVelero)).toEqual([]);
  });

  it("draws the environment's alert thresholds: the error-rate threshold and the budget's minimum ready pods", () => {
    const e = withDashboard().find((x) => x.manifest === FIXTURE)!;
    const panel = (title: string) => e.dashboard!.panels.find((p) => p.title === title) as unknown as { fieldConfig: { defaults: { thresholds: { steps: Array<{ value: number | null }> } } } };
    expect(panel("Errors").fieldConfig.defaults.thresholds.steps.map((s) => s.value)).toEqual([null, 0.01]);
    expect(panel("Ready pods").fieldConfig.defaults.thresholds.steps.map((s) => s.value)).toEqual([null, e.model.disruption.minHealthyPods]);
  });

  it("backup age turns red for each schedule where its BackupStale alert fires, not at the RPO (PITR keeps that at minutes)", () => {
    type AgePanel = { fieldConfig: { defaults: { thresholds: { steps: Array<{ value: number | null }> } }; overrides: Array<{ matcher: { id: string; options: string }; properties: Array<{ id: string; value: { steps: Array<{ value: number | null }> } }> }> } };
    let seen = 0;
    for (const e of withDashboard()) {
      const panel = e.dashboard!.panels.find((p) => p.title === "Backup age") as unknown as AgePanel | undefined;
      if (!panel) continue;
      // The thresholds the alert rules use, read from the generated rules: `…{schedule="<name>"}) > <seconds>`.
      const alerts = new Map([...(e.rulesText ?? "").matchAll(/velero_backup_last_successful_timestamp\{schedule="([^"]+)"\}\) > ([0-9]+)/g)].map((m) => [m[1]!, Number(m[2])]));
      const drawn = new Map(panel.fieldConfig.overrides.map((o) => [o.matcher.options, o.properties.find((p) => p.id === "thresholds")!.value.steps.map((s) => s.value)]));
      expect(o(drawn), e.manifest).toEqual(o(new Map([...alerts].map(([name, limit]) => [name, [null, limit]]))));
      expect(panel.fieldConfig.defaults.thresholds.steps.map((s) => s.value), e.manifest).toEqual([null]);
      seen += alerts.size;
      if (e.model.backup?.pitr && e.model.backup.rpoSeconds !== undefined) for (const [, steps] of drawn) expect(steps[1]).not.toBe(e.model.backup.rpoSeconds);
    }
    expect(seen).toBeGreaterThanOrEqual(3);
  });
});

const o = (m: Map<string, unknown>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
