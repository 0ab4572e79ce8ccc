import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../../src/kube/index.js";
import { errorRatioExpr } from "../../../emitters/prometheus/app-alerts.js";
import { load } from "../../helpers.js";

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
});
