import { prometheusRule, rulesFile } from "./prometheus-rule.js";
import { ruleGroups } from "./groups.js";
import { serviceMonitor } from "./service-monitor.js";
import { rulesTestFile } from "./unit-tests/index.js";
import { yamlFile } from "../../src/output/output-file.js";
import type { Emitter, OutputFile } from "../types.js";

const DIR = "prometheus";

/**
 * Prometheus monitoring: the alert and SLO rules as a PrometheusRule and as a plain rules file
 * (the same groups, for promtool), promtool unit tests of that file (`rules.test.yaml`: every alert
 * pending, firing and silent just below its threshold; the SLO recordings' values), and a
 * ServiceMonitor for the metrics port. Every alert carries environment, team and service labels;
 * severities are the environment tier's (`monitoring.severity_by_tier`).
 *
 * Groups `<service>.rules` (alerts `<ServicePascalCase><What>`) and `<service>.slo`. What each kind watches:
 * - error_rate, latency, connector_errors, goroutine_leak: the service's own metrics (`metric_names`),
 *   selected by the `namespace`/`service` labels prometheus-operator gives scraped series; ratios sum before dividing.
 * - restarts: kube-state-metrics `kube_pod_container_status_restarts_total`, per pod of the service.
 * - certificate_expiry: cert-manager `certmanager_certificate_expiration_timestamp_seconds` of the Certificate named
 *   after the TLS secret (`expose.tls.secret`, else `<service>-tls`, as cert-manager's ingress-shim names it).
 * - disk_usage: kubelet `kubelet_volume_stats_{used,capacity}_bytes` of the service's own claims.
 * - replication_lag: CloudNativePG `cnpg_pg_replication_lag` (only with `managed_by: cloudnative-pg`).
 * - backup_failure: Velero `velero_backup_{,partial_,validation_}failure_total` and `velero_backup_last_successful_timestamp` per
 *   schedule, assumed named `<service>` and `<service>-<extra schedule>`.
 * - pod_availability: kube-state-metrics `kube_pod_status_ready` of the service's pods, below the disruption budget's minimum.
 * - slo: recording rules `slo:sli_error:ratio_rate<5m…3d>` and multi-window multi-burn-rate alerts (src/prometheus/slo.ts).
 */
export const prometheusEmitter: Emitter = {
  name: "prometheus",
  description: "PrometheusRule, plain Prometheus rules file with its promtool unit tests, and ServiceMonitor",
  roots: [DIR],
  emit(model, ctx) {
    const files: OutputFile[] = [];
    const groups = ruleGroups(model);
    if (groups.length) {
      files.push(yamlFile(`${DIR}/prometheusrule.yaml`, ctx.source, prometheusRule(model, groups)));
      files.push(yamlFile(`${DIR}/rules.yaml`, ctx.source, rulesFile(groups)));
      const tests = rulesTestFile(model, groups);
      if (tests) files.push(yamlFile(`${DIR}/rules.test.yaml`, ctx.source, tests));
    }
    const monitor = serviceMonitor(model);
    if (monitor) files.push(yamlFile(`${DIR}/servicemonitor.yaml`, ctx.source, monitor));
    return files;
  },
};
