import { checklistRule } from "../checklist-rule.js";
import type { Model } from "../../model/model.js";
import type { Finding } from "../rule.js";
import { isProduction } from "../rule.js";
import { ESCAPE_HATCH_ADVICE, escapedFindings, servesPorts } from "./escaped.js";

export const metricsScraped = checklistRule<{}>({
  id: "metrics-scraped",
  area: "observability",
  severity: "warning",
  title: "Metrics are scraped",
  why: "Without metrics there are no alerts, no SLOs and no error-rate analysis for rollouts.",
  fix: "Declare `monitoring.metrics: { port: metrics }`.",
  message: () => "no metrics endpoint is declared",
  check: (m) => (m.monitoring.metrics ? [] : [{ path: ["monitoring"], params: {} }]),
});

export const jsonLogs = checklistRule<{ format: string }>({
  id: "json-logs",
  area: "observability",
  severity: "warning",
  title: "Production logs are structured JSON",
  why: "Plain-text logs cannot be queried by field when an incident needs them.",
  fix: "Set `logging.format: json`.",
  message: (p) => `logs are ${p.format}`,
  appEnforced: { variables: "`LOG_FORMAT`", fields: () => ["logging.format"] },
  check: (m) => (isProduction(m) ? (m.logging.format === "json" ? [] : [{ path: ["logging", "format"], params: { format: m.logging.format } }]) : undefined),
});

/** Sidecars that serve ports (native or not) are probed like the service's container; init containers run to completion and are not. */
function servingSidecars(m: Model) {
  return m.sidecars.filter((c) => c.ports.length);
}

/** A container an escape hatch wrote or changed that keeps running and serves ports without the probe: at the patch or extra object. */
function escapedWithoutProbe(m: Model, probe: "livenessProbe" | "readinessProbe"): Array<{ path: Finding["path"]; params: ProbeParams }> {
  return escapedFindings(
    m,
    (c) => [c[probe] ?? null, c.ports ?? null, c.restartPolicy ?? null],
    (_, who, c) => (servesPorts(c, c.container) && c.container[probe] === undefined ? { container: who.container, escaped: true } : undefined),
  );
}

/** Which container lacks the probe: the service's own (no container), a sidecar, or a container an escape hatch wrote or changed. */
type ProbeParams = { container?: string; escaped?: boolean };
const withoutProbe = (p: ProbeParams, probe: string) =>
  !p.container ? `no ${probe} probe`
  : p.escaped ? `the container "${p.container}" serves ports and has no ${probe} probe (set by an escape hatch)`
  : `the sidecar "${p.container}" serves ports and has no ${probe} probe`;

export const livenessProbe = checklistRule<ProbeParams>({
  id: "liveness-probe",
  area: "observability",
  severity: "error",
  title: "A liveness probe restarts a stuck process",
  why: "Without one, a deadlocked process keeps its pod and serves nothing until someone notices. A sidecar that serves ports is held to the same rule, and so is a container a patch or an extra object wrote or changed.",
  fix: "Add `health.liveness: { path: /healthz, port: http }` (a sidecar's under its own `health`).",
  advice: (p) => (p.escaped ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) => withoutProbe(p, "liveness"),
  check: (m) => [
    ...(m.health.liveness ? [] : [{ path: ["health"] as Finding["path"], params: {} }]),
    ...servingSidecars(m).filter((c) => !c.health.liveness).map((c) => ({ path: [c.field, c.index] as Finding["path"], params: { container: c.name } })),
    ...escapedWithoutProbe(m, "livenessProbe"),
  ],
});

export const readinessProbe = checklistRule<ProbeParams>({
  id: "readiness-probe",
  area: "observability",
  severity: "error",
  title: "A readiness probe keeps traffic off pods that cannot serve",
  why: "Without one, new and overloaded pods receive traffic before they can answer it. A sidecar that serves ports is held to the same rule, and so is a container a patch or an extra object wrote or changed.",
  fix: "Add `health.readiness: { path: /readyz, port: http }` (a sidecar's under its own `health`).",
  advice: (p) => (p.escaped ? ESCAPE_HATCH_ADVICE : undefined),
  message: (p) => withoutProbe(p, "readiness"),
  check: (m) => {
    const escaped = escapedWithoutProbe(m, "readinessProbe");
    if (!m.podPorts.length && !escaped.length) return undefined;
    return [
      ...(m.ports.length && !m.health.readiness ? [{ path: ["health"] as Finding["path"], params: {} }] : []),
      ...servingSidecars(m).filter((c) => !c.health.readiness).map((c) => ({ path: [c.field, c.index] as Finding["path"], params: { container: c.name } })),
      ...escaped,
    ];
  },
});

export const alertsDeclared = checklistRule<{}>({
  id: "alerts-declared",
  area: "observability",
  severity: "warning",
  title: "Alerts watch errors and latency",
  why: "A service without alerts fails silently: customers find out first.",
  fix: "Declare `monitoring.alerts.error_rate` and `monitoring.alerts.latency` (and an `slo`).",
  message: () => "no error-rate alert or availability SLO",
  check: (m) => {
    const kinds = new Set(m.monitoring.alerts.map((a) => a.kind));
    if (kinds.has("error_rate") || m.monitoring.slo?.availability !== undefined) return [];
    return [{ path: ["monitoring"], params: {} }];
  },
});
