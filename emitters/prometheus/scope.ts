/**
 * Which series belong to the service. Application metrics are scraped through the ServiceMonitor,
 * so prometheus-operator labels them with the Kubernetes `namespace` and `service`; platform
 * metrics (kube-state-metrics, kubelet, cert-manager, CloudNativePG, Velero) carry their own labels.
 */
import type { Model } from "../../src/model/model.js";
import type { Matcher } from "./promql.js";

/** Matchers selecting the service's own scraped metrics. */
export function appMatchers(m: Model): Matcher[] {
  return [
    ["namespace", "=", m.namespace],
    ["service", "=", m.name],
  ];
}

/** Labels application ratios aggregate by: one result per service. */
export const APP_BY = "namespace, service";
