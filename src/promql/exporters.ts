/**
 * The platform metrics berth's alerts and dashboards read, by the exporter that provides them. A
 * dashboard panel may use only these, the service's own metrics (`monitoring.metric_names`, a custom
 * SLI's queries) and the recording rules berth writes; a test holds every emitted query to that.
 */
export const EXPORTER_METRICS: Readonly<Record<string, readonly string[]>> = {
  "kube-state-metrics": ["kube_pod_container_status_restarts_total", "kube_pod_status_ready"],
  /** The kubelet's own metrics and the cAdvisor metrics it serves (scraped by every kube-prometheus setup). */
  kubelet: ["kubelet_volume_stats_used_bytes", "kubelet_volume_stats_capacity_bytes", "container_cpu_usage_seconds_total", "container_memory_working_set_bytes"],
  "cert-manager": ["certmanager_certificate_expiration_timestamp_seconds"],
  cloudnativepg: ["cnpg_pg_replication_lag"],
  velero: ["velero_backup_failure_total", "velero_backup_partial_failure_total", "velero_backup_validation_failure_total", "velero_backup_last_successful_timestamp"],
};
