import { metadata } from "../../src/kube/names.js";
import type { Model } from "../../src/model/model.js";
import { headerText } from "../../src/output/header.js";
import { yamlFile } from "../../src/output/output-file.js";
import type { YamlValue } from "../../src/output/yaml.js";
import type { Emitter, OutputFile } from "../types.js";
import { buildDashboard } from "./dashboard.js";

const DIR = "grafana";

/** The label Grafana's dashboard sidecar (kube-prometheus-stack, the Grafana chart) loads ConfigMaps by. */
export const SIDECAR_LABEL = { grafana_dashboard: "1" };

/** The dashboard as JSON, keys in the order the SDK builds them (deterministic), two-space indented. */
function dashboardJson(dashboard: object): string {
  return JSON.stringify(dashboard, null, 2) + "\n";
}

/** The ConfigMap that carries the dashboard to Grafana's sidecar, in the service's namespace, filed in a folder named after the team. */
export function dashboardConfigMap(m: Model, json: string): YamlValue {
  const meta = metadata(m, "ConfigMap", `${m.name}-dashboard`, { component: "monitoring", annotations: { grafana_folder: m.identity.team } });
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { ...meta, labels: { ...meta.labels, ...SIDECAR_LABEL } },
    data: { [`${m.name}-${m.environment.name}.json`]: json },
  };
}

/**
 * Grafana: one dashboard per service and environment (golden signals, pods, SLO burn rate and error
 * budget, backup freshness), built with @grafana/grafana-foundation-sdk, written as `dashboard.json`
 * (to import by hand or provision) and as a ConfigMap labelled for Grafana's dashboard sidecar.
 * Only for services whose metrics Prometheus scrapes (`monitoring.metrics`).
 */
export const grafanaEmitter: Emitter = {
  name: "grafana",
  description: "Grafana dashboard (JSON and a ConfigMap for the dashboard sidecar)",
  roots: [DIR],
  emit(model, ctx) {
    if (!model.monitoring.metrics) return [];
    // Built once: the file and the ConfigMap carry the same dashboard.
    const dashboard = buildDashboard(model);
    const files: OutputFile[] = [
      // berth's header as `$comment` first: how berth marks a JSON file it generated (Grafana ignores the key).
      { path: `${DIR}/dashboard.json`, content: dashboardJson({ $comment: headerText(ctx.source), ...dashboard }) },
      yamlFile(`${DIR}/dashboard-configmap.yaml`, ctx.source, dashboardConfigMap(model, dashboardJson(dashboard))),
    ];
    return files;
  },
};
