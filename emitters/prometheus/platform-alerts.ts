/**
 * Alerts on what the platform reports about the service: container restarts (kube-state-metrics),
 * certificate expiry (cert-manager) and volume usage (kubelet).
 */
import type { Alert, Model } from "../../src/model/model.js";

import { DEFAULT_FOR_SECONDS } from "./defaults.js";
import { num, promDuration, regexLiteral, selector } from "./promql.js";
import { alertingRule, param, type AlertingRule } from "./rules.js";
import { podPattern } from "../../src/promql/scope.js";

export { podPattern } from "../../src/promql/scope.js";

const forOf = (a: Alert) => a.forSeconds ?? DEFAULT_FOR_SECONDS[a.kind]!;

/**
 * Fewer ready pods than the disruption budget keeps (`disruption.minHealthyPods` on the Model):
 * kube-state-metrics' ready condition of the service's pods, summed without labels so that
 * `or vector(0)` stands in when no pod is left at all.
 */
export function podAvailabilityAlert(m: Model, a: Alert): AlertingRule {
  const min = m.disruption.minHealthyPods;
  const ready = selector("kube_pod_status_ready", [
    ["namespace", "=", m.namespace],
    ["pod", "=~", podPattern(m)],
    ["condition", "=", "true"],
  ]);
  return alertingRule(m, {
    suffix: "PodsUnavailable",
    severity: a.severity,
    expr: `(sum(${ready}) or vector(0)) < ${num(min)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: fewer than ${num(min)} ready pods, less than its disruption budget keeps.`,
    description: `Only {{ $value }} of ${m.name}'s pods in ${m.namespace} are ready; the disruption budget keeps at least ${num(min)}.`,
  });
}

/**
 * Restarts per pod over the window. `floor`: increase() extrapolates to the window's edges, so
 * exactly `above` restarts could read as 5.08; restarts are whole, so rounding down keeps `above` exact.
 */
export function restartsAlert(m: Model, a: Alert): AlertingRule {
  const above = param(a, "above");
  const window = promDuration(param(a, "window"));
  const series = selector("kube_pod_container_status_restarts_total", [
    ["namespace", "=", m.namespace],
    ["pod", "=~", podPattern(m)],
  ]);
  return alertingRule(m, {
    suffix: "PodRestarting",
    severity: a.severity,
    expr: `floor(sum by (namespace, pod) (increase(${series}[${window}]))) > ${num(above)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: a pod restarted more than ${num(above)} times in ${window}.`,
    description: `Pod {{ $labels.pod }} restarted {{ $value }} times in the last ${window} (threshold ${num(above)}).`,
  });
}

/**
 * The certificate of `expose.tls`: cert-manager names the Certificate it creates for an Ingress after
 * the TLS secret, so the secret's name (the manifest's `tls.secret`, else `<service>-tls`) is also the
 * Certificate's. It lives in the service's namespace, or the Gateway's when the service is exposed
 * through a Gateway (whose listener holds the certificate).
 */
export function certificateTarget(m: Model): { namespace: string; name: string } {
  const e = m.expose;
  return {
    namespace: e?.gateway && !e.ingress ? e.gateway.namespace : m.namespace,
    name: e?.tls?.secret ?? m.names.tlsSecret,
  };
}

export function certificateExpiryAlert(m: Model, a: Alert): AlertingRule {
  const within = param(a, "within");
  const cert = certificateTarget(m);
  const series = selector("certmanager_certificate_expiration_timestamp_seconds", [
    ["namespace", "=", cert.namespace],
    ["name", "=", cert.name],
  ]);
  return alertingRule(m, {
    suffix: "CertificateExpiringSoon",
    severity: a.severity,
    expr: `min by (namespace, name) (${series}) - time() < ${num(within)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: TLS certificate ${cert.name} expires within ${promDuration(within)}.`,
    description: `Certificate ${cert.namespace}/${cert.name} expires in {{ $value | humanizeDuration }}; cert-manager should have renewed it (threshold ${promDuration(within)}).`,
  });
}

/** The service's claims by name (as the kubernetes emitter names them), not `<service>-.*`: a CloudNativePG cluster's `<cluster>-<n>` would match that. */
export function claimPattern(m: Model): string {
  const names = m.names;
  return m.volumes
    .filter((v) => v.persistent)
    .map((v) => regexLiteral(names.claims[v.name]!))
    .sort()
    .join("|");
}

export function diskUsageAlert(m: Model, a: Alert): AlertingRule | undefined {
  const claims = claimPattern(m);
  if (!claims) return undefined;
  const above = param(a, "above");
  const matchers = [
    ["namespace", "=", m.namespace],
    ["persistentvolumeclaim", "=~", claims],
  ] as const;
  const by = "namespace, persistentvolumeclaim";
  return alertingRule(m, {
    suffix: "DiskUsageHigh",
    severity: a.severity,
    expr: `max by (${by}) (${selector("kubelet_volume_stats_used_bytes", matchers)}) / max by (${by}) (${selector("kubelet_volume_stats_capacity_bytes", matchers)}) > ${num(above)}`,
    forSeconds: forOf(a),
    summary: `${m.name}: a volume is more than ${num(above * 100)}% full.`,
    description: `Volume claim {{ $labels.persistentvolumeclaim }} is {{ $value | humanizePercentage }} full (threshold ${num(above * 100)}%).`,
  });
}
