/** The rule groups as a prometheus-operator PrometheusRule and as a plain Prometheus rules file. */
import { metadata } from "../../src/kube/names.js";
import type { Model } from "../../src/model/model.js";
import type { YamlValue } from "../../src/output/yaml.js";
import type { RuleGroup } from "./rules.js";

export function prometheusRule(m: Model, groups: RuleGroup[]): YamlValue {
  const meta = metadata(m, "PrometheusRule", m.name, { component: "monitoring" });
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    // rule_labels: the labels the cluster's Prometheus selects rules by (e.g. release: prometheus).
    metadata: { ...meta, labels: { ...meta.labels, ...m.monitoring.ruleLabels } },
    spec: { groups: groups as unknown as YamlValue },
  };
}

export function rulesFile(groups: RuleGroup[]): YamlValue {
  return { groups: groups as unknown as YamlValue };
}
