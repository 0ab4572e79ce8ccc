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

/** Kubernetes cuts a generateName base to 58 characters before adding 5 random ones (names stay within 63). */
const GENERATED_BASE_MAX = 58;
/** The longest pod-template hash a ReplicaSet name carries (a uint32, safe-encoded). */
const POD_TEMPLATE_HASH_MAX = 10;

/**
 * The service's pods: a Deployment's or Rollout's are `<service>-<pod-template-hash>-<5 chars>` (a Job's
 * `<service>-<job>-<5 chars>` too). Neither CronJob runs (`…-<job>-<time>-<5>`) nor CloudNativePG
 * instances (`<cluster>-<n>`) match. A long name leaves no room: the API server cuts the base
 * `<service>-<hash>-` to 58 characters before the random tail, so from 47 characters on a pod can be
 * the base's first 58 characters (the hash's head, no second hyphen) and 5 random ones; the second
 * alternative matches those (a CronJob run's base keeps its hyphens, and still does not match).
 */
export function podPattern(s: { name: string }): string {
  const usual = `${regexLiteral(s.name)}-[a-z0-9]+-[a-z0-9]{5}`;
  const base = `${s.name}-`;
  if (base.length + POD_TEMPLATE_HASH_MAX + 1 <= GENERATED_BASE_MAX) return usual;
  const cut = base.length <= GENERATED_BASE_MAX
    ? `${regexLiteral(base)}[a-z0-9]{${GENERATED_BASE_MAX - base.length + 5}}`
    : `${regexLiteral(base.slice(0, GENERATED_BASE_MAX))}[a-z0-9]{5}`;
  return `${usual}|${cut}`;
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
