import { describe, expect, it } from "vitest";
import { analysisTemplate } from "../../src/kube/analysis-template.js";
import { hasAnalysis, rolloutStrategy } from "../../src/kube/rollout-strategy.js";
import { base, modelOf } from "./model.js";

const METRICS = "monitoring:\n  metrics: { port: metrics }\n";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const strategyOf = async (text: string): Promise<any> => rolloutStrategy(await modelOf(text));

describe("rolloutStrategy: blue-green", () => {
  it("switches between the active and preview Services, promoted by hand, old version on standby 30s", async () => {
    const s = await strategyOf(base("deploy: { strategy: blue-green }\n"));
    expect(s).toEqual({
      blueGreen: { activeService: "orders-api", previewService: "orders-api-preview", autoPromotionEnabled: false, scaleDownDelaySeconds: 30 },
    });
  });

  it("promotes automatically after observe, and keeps the old version for standby", async () => {
    const s = await strategyOf(base("deploy: { strategy: blue-green, promotion: auto, observe: 90s, standby: 10m }\n"));
    expect(s.blueGreen).toMatchObject({ autoPromotionEnabled: true, autoPromotionSeconds: 90, scaleDownDelaySeconds: 600 });
  });

  it("analyses before promotion when auto_revert is on and metrics are scraped", async () => {
    const s = await strategyOf(base(`deploy: { strategy: blue-green }\n${METRICS}`));
    expect(s.blueGreen.prePromotionAnalysis).toEqual({ templates: [{ templateName: "orders-api-error-rate" }] });
  });
});

describe("rolloutStrategy: canary", () => {
  it("sets the canary weight, then pauses until promoted, never below the desired count", async () => {
    const s = await strategyOf(base("deploy: { strategy: canary }\n"));
    expect(s).toEqual({ canary: { maxSurge: 1, maxUnavailable: 0, steps: [{ setWeight: 10 }, { pause: {} }] } });
  });

  it("pauses for observe (rounded up) with auto promotion, and passes max_surge and canary_percent", async () => {
    const s = await strategyOf(base('deploy: { strategy: canary, canary_percent: 25, max_surge: "50%", promotion: auto, observe: 2m }\n'));
    expect(s.canary.maxSurge).toBe("50%");
    expect(s.canary.steps).toEqual([{ setWeight: 25 }, { pause: { duration: "120s" } }]);
  });

  it("runs the error-rate analysis from the canary step on", async () => {
    const s = await strategyOf(base(`deploy: { strategy: canary }\n${METRICS}`));
    expect(s.canary.analysis).toEqual({ templates: [{ templateName: "orders-api-error-rate" }], startingStep: 1 });
  });
});

describe("hasAnalysis", () => {
  it("needs a progressive strategy, auto_revert and scraped metrics, all three", async () => {
    const cases: Array<[string, boolean]> = [
      [`deploy: { strategy: canary }\n${METRICS}`, true],
      [`deploy: { strategy: blue-green }\n${METRICS}`, true],
      [`deploy: { strategy: rolling }\n${METRICS}`, false],
      [`deploy: { strategy: canary, auto_revert: false }\n${METRICS}`, false],
      ["deploy: { strategy: canary }\n", false],
    ];
    for (const [extra, expected] of cases) expect(hasAnalysis(await modelOf(base(extra))), extra).toBe(expected);
  });

  it("leaves the analysis out of the strategy when it does not apply", async () => {
    expect((await strategyOf(base("deploy: { strategy: canary, auto_revert: false }\n" + METRICS))).canary).not.toHaveProperty("analysis");
    expect((await strategyOf(base("deploy: { strategy: blue-green }\n"))).blueGreen).not.toHaveProperty("prePromotionAnalysis");
  });
});

describe("analysisTemplate", () => {
  it("exists exactly when the strategy runs an analysis", async () => {
    expect(analysisTemplate(await modelOf(base(`deploy: { strategy: rolling }\n${METRICS}`)))).toBeUndefined();
    expect(analysisTemplate(await modelOf(base("deploy: { strategy: canary }\n")))).toBeUndefined();
    expect(analysisTemplate(await modelOf(base(`deploy: { strategy: canary }\n${METRICS}`)))?.kind).toBe("AnalysisTemplate");
  });

  it("queries the service's 5xx share and fails above 1% by default", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const t: any = analysisTemplate(await modelOf(base(`deploy: { strategy: canary }\n${METRICS}`)));
    expect(t.metadata.name).toBe("orders-api-error-rate");
    const metric = t.spec.metrics[0];
    expect(metric).toMatchObject({ name: "error-rate", interval: "1m", failureLimit: 1, successCondition: "len(result) == 0 || result[0] <= 0.01" });
    expect(metric.provider.prometheus.address).toBe("http://prometheus-operated.monitoring.svc:9090");
    expect(metric.provider.prometheus.query).toBe(
      'sum(rate(http_requests_total{namespace="orders-api", service="orders-api", code=~"5.."}[2m]))\n/\nclamp_min(sum(rate(http_requests_total{namespace="orders-api", service="orders-api"}[2m])), 1e-9)\n',
    );
  });

  it("takes its threshold from the error_rate alert and its names from metric_names", async () => {
    const text = base(
      "deploy: { strategy: blue-green }\nmonitoring:\n  metrics: { port: metrics }\n  prometheus_address: http://prom.obs:9090\n" +
        "  metric_names: { requests: reqs_total, status_label: status, error_statuses: '5..|429' }\n  alerts:\n    error_rate: { above: 2.5% }\n",
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const metric = (analysisTemplate(await modelOf(text)) as any).spec.metrics[0];
    expect(metric.successCondition).toBe("len(result) == 0 || result[0] <= 0.025");
    expect(metric.provider.prometheus.address).toBe("http://prom.obs:9090");
    expect(metric.provider.prometheus.query).toContain('reqs_total{namespace="orders-api", service="orders-api", status=~"5..|429"}');
  });
});
