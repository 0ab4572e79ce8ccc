/**
 * Which series belong to the service, and the service's own queries, as PromQL text. The alert
 * rules, the SLO objectives on the Model and the dashboard all build their queries here, so a
 * panel shows exactly what an alert fires on.
 *
 * Application metrics are scraped through the ServiceMonitor, so prometheus-operator labels them
 * with the Kubernetes `namespace` and `service`; platform metrics (kube-state-metrics, kubelet,
 * cert-manager, CloudNativePG, Velero) carry their own labels.
 */
import { regexLiteral, selector, type Matcher } from "./text.js";

/** What scopes the service's series: its name and namespace. */
export interface ServiceScope {
  name: string;
  namespace: string;
}

/** The metric names the service's own queries read (the Model's `monitoring.metricNames`). */
export interface AppMetricNames {
  requests: string;
  statusLabel: string;
  errorStatuses: string;
  latency: string;
}

/** Matchers selecting the service's own scraped metrics. */
export function appMatchers(s: ServiceScope): Matcher[] {
  return [
    ["namespace", "=", s.namespace],
    ["service", "=", s.name],
  ];
}

/**
 * The shortest range the service's alerts rate over: the error-rate, latency and connector-error
 * alerts' window, and the SLOs' short page window. A rate needs two scrapes in its range, and
 * Prometheus advises four (a missed scrape must not empty it).
 */
export const RATE_WINDOW_SECONDS = 300;
export const SCRAPES_PER_RATE_WINDOW = 4;

/** Labels application ratios aggregate by: one result per service. */
export const APP_BY = "namespace, service";

/**
 * The placeholder a windowed query template holds where its range goes (Sloth's spelling, so a
 * custom SLI written for Sloth reads the same here): `rate(x[{{.window}}])`.
 */
export const WINDOW = "{{.window}}";

/** A query template with its window filled in (`5m`, `1h`, …). */
export function atWindow(template: string, window: string): string {
  return template.split(WINDOW).join(window);
}

/**
 * The service's pods: a Deployment's or Rollout's are `<service>-<pod-template-hash>-<5 chars>` (a Job's
 * `<service>-<job>-<5 chars>` too). Neither CronJob runs (`…-<job>-<time>-<5>`) nor CloudNativePG
 * instances (`<cluster>-<n>`) match.
 */
export function podPattern(s: { name: string }): string {
  return `${regexLiteral(s.name)}-[a-z0-9]+-[a-z0-9]{5}`;
}

/** The selector of failed requests on the request counter (status label and failing values from `metric_names`). */
export function serverErrorSelector(s: ServiceScope, names: AppMetricNames): string {
  return selector(names.requests, [...appMatchers(s), [names.statusLabel, "=~", names.errorStatuses]]);
}

/** Failed over all requests, as a template over WINDOW. Aggregated before dividing: a one-to-one division of raw series would be 1 on any 5xx series. */
export function errorRatioTemplate(s: ServiceScope, names: AppMetricNames): string {
  const total = selector(names.requests, appMatchers(s));
  return `sum by (${APP_BY}) (rate(${serverErrorSelector(s, names)}[${WINDOW}])) / sum by (${APP_BY}) (rate(${total}[${WINDOW}]))`;
}
