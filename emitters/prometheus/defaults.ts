/**
 * What the manifest does not say about alert timing, decided once. `for` applies when the alert
 * declares none; windows are the rate windows the expressions use.
 */
export const DEFAULT_FOR_SECONDS: Record<string, number> = {
  error_rate: 300,
  latency: 600,
  restarts: 300,
  certificate_expiry: 3600,
  disk_usage: 900,
  replication_lag: 300,
  backup_failure: 300,
  backup_stale: 900,
  connector_errors: 300,
  goroutine_leak: 900,
  pod_availability: 300,
  slo_page: 120,
  slo_ticket: 900,
  slo_absent: 600,
};

/** The rate window of request, latency and connector-error alerts (src/promql/scope.ts: validation judges the scrape interval against it). */
export { RATE_WINDOW_SECONDS } from "../../src/promql/scope.js";

/** Window a failed Velero backup keeps its alert active (increase of the failure counter). */
export const BACKUP_FAILURE_WINDOW_SECONDS = 3600;

