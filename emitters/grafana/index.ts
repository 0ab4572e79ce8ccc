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

/**
 * berth's header as the dashboard's first key, `$comment`: how berth marks a JSON file it generated
 * (Grafana ignores the key). Spliced into the serialized dashboard, the same text JSON.stringify
 * writes for `{ $comment, ...dashboard }`, without serializing the dashboard twice.
 */
function withComment(json: string, comment: string): string {
  if (!json.startsWith("{\n")) throw new Error("grafana: a dashboard serializes as a non-empty object");
  return `{\n  "$comment": ${JSON.stringify(comment)},\n${json.slice(2)}`;
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
    // Built and serialized once: the file and the ConfigMap carry the same dashboard.
    const json = dashboardJson(buildDashboard(model));
    const files: OutputFile[] = [
      { path: `${DIR}/dashboard.json`, content: withComment(json, headerText(ctx.source)) },
      yamlFile(`${DIR}/dashboard-configmap.yaml`, ctx.source, dashboardConfigMap(model, json)),
    ];
    return files;
  },
};
