import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../../src/kube/index.js";
import { errorRatioExpr } from "../../../emitters/prometheus/app-alerts.js";
import { load, positionOf } from "../../helpers.js";

const GRPC = `apiVersion: berth/v1
kind: Service
name: inventory
team: supply
image: ghcr.io/acme/inventory:4.2.0
ports: [{ name: grpc, port: 9000, app_protocol: grpc }, { name: metrics, port: 9090 }]
deploy: { strategy: canary }
monitoring:
  metrics: { port: metrics }
  metric_names: { requests: grpc_server_handled_total, status_label: grpc_code, error_statuses: "Internal|Unavailable|DeadlineExceeded" }
  alerts: { error_rate: { above: 1% } }
`;

describe("metric_names.error_statuses", () => {
  it("decides which status values count as failures, in alerts and in rollout analysis", async () => {
    const [m] = (await load(GRPC)).models;
    expect(errorRatioExpr(m!, 300)).toContain('grpc_code=~"Internal|Unavailable|DeadlineExceeded"');
    const analysis = buildKubeObjects(m!).find((o) => o.object.kind === "AnalysisTemplate")!.object as unknown as { spec: { metrics: Array<{ provider: { prometheus: { query: string } } }> } };
    expect(analysis.spec.metrics[0]!.provider.prometheus.query).toContain('grpc_code=~"Internal|Unavailable|DeadlineExceeded"');
  });

  it("defaults to HTTP 5xx", async () => {
    const [m] = (await load(GRPC.replace(', error_statuses: "Internal|Unavailable|DeadlineExceeded"', ""))).models;
    expect(errorRatioExpr(m!, 300)).toContain('grpc_code=~"5.."');
  });

  it("warns when the pattern matches no gRPC status on a gRPC status label: the error ratio would read 0 whatever fails", async () => {
    const unset = await load(GRPC.replace(', error_statuses: "Internal|Unavailable|DeadlineExceeded"', ""));
    const found = unset.diagnostics.filter((d) => d.code === "FIELD_NOT_APPLICABLE");
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ["warning", 'monitoring.metric_names.error_statuses is "5..", which matches no gRPC status in grpc_code: the error_rate alert and the rollout analysis (auto_revert) can never see a failed request'],
    ]);
    // gRPC codes as names or numbers, or an HTTP status label: nothing to say.
    expect((await load(GRPC)).diagnostics.filter((d) => d.code === "FIELD_NOT_APPLICABLE")).toEqual([]);
    expect((await load(GRPC.replace('"Internal|Unavailable|DeadlineExceeded"', '"1[34]|2"'))).diagnostics.filter((d) => d.code === "FIELD_NOT_APPLICABLE")).toEqual([]);
    const http = GRPC.replace(/ {2}metric_names: .*\n/, "");
    expect(http).not.toContain("metric_names");
    const httpLoaded = await load(http);
    expect(httpLoaded.models[0]!.monitoring.metricNames.statusLabel).toBe("code");
    expect(httpLoaded.diagnostics.filter((d) => d.code === "FIELD_NOT_APPLICABLE")).toEqual([]);
  });
});

describe("monitoring.metrics.interval against the alerts' 5m rate windows", () => {
  const HTTP = GRPC.replace(/ {2}metric_names: .*\n/, "").replace("deploy: { strategy: canary }\n", "");
  const found = async (text: string) => (await load(text)).diagnostics.filter((d) => d.code === "FIELD_NOT_APPLICABLE").map((d) => `${d.severity} ${d.line}:${d.col} ${d.message}`);

  it("warns when a 5m range holds fewer than four scrapes: the rates read nothing or flap", async () => {
    const text = HTTP.replace("metrics: { port: metrics }", "metrics: { port: metrics, interval: 2m }");
    expect(text).toContain("interval: 2m");
    expect(await found(text)).toEqual([
      `warning ${positionOf(text, "2m")} monitoring.metrics.interval is 2m: a 5m range then holds fewer than four scrapes, so the error_rate alert (rates over 5m) read nothing or flap whenever a scrape is late or missed`,
    ]);
  });

  it("is quiet at 75s and below, and when nothing rates over the window", async () => {
    expect(await found(HTTP.replace("metrics: { port: metrics }", "metrics: { port: metrics, interval: 75s }"))).toEqual([]);
    expect(await found(HTTP)).toEqual([]);
    const gaugesOnly = HTTP.replace("metrics: { port: metrics }", "metrics: { port: metrics, interval: 2m }").replace("alerts: { error_rate: { above: 1% } }", "alerts: { goroutine_leak: {} }");
    expect(gaugesOnly).toContain("goroutine_leak");
    expect(await found(gaugesOnly)).toEqual([]);
  });
});
