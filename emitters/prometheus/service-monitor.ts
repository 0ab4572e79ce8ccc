/** The ServiceMonitor that has prometheus-operator scrape the service's metrics port. */
import { metadata, selectorLabels } from "../../src/kube/names.js";
import type { Model } from "../../src/model/model.js";
import type { YamlValue } from "../../src/output/yaml.js";
import { promDuration, regexLiteral } from "./promql.js";

/** The metrics endpoint's port: by the Service port's name, else (a number no declared port has) the pod's port. */
export function metricsPort(m: Model): { port: string } | { targetPort: number } | undefined {
  const port = m.monitoring.metrics?.port;
  if (port === undefined) return undefined;
  if (typeof port === "string") return { port };
  const named = m.podPorts.find((p) => p.port === port)?.name;
  return named ? { port: named } : { targetPort: port };
}

export function serviceMonitor(m: Model): YamlValue | undefined {
  const metrics = m.monitoring.metrics;
  const port = metricsPort(m);
  if (!metrics || !port) return undefined;
  const names = m.names;
  const meta = metadata(m, "ServiceMonitor", m.name, { component: "monitoring" });
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { ...meta, labels: { ...meta.labels, ...m.monitoring.ruleLabels } },
    spec: {
      selector: { matchLabels: selectorLabels(m) },
      namespaceSelector: { matchNames: [m.namespace] },
      endpoints: [
        {
          ...port,
          path: metrics.path,
          interval: promDuration(metrics.intervalSeconds),
          // Blue-green's preview Service carries the same labels and the same pods: scrape them once.
          ...(m.deploy.strategy === "blue-green"
            ? { relabelings: [{ action: "drop", sourceLabels: ["__meta_kubernetes_service_name"], regex: regexLiteral(names.previewService) }] }
            : {}),
        },
      ],
    },
  };
}
