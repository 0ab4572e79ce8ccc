import type { Model } from "../../src/model/model.js";
import { formatDuration } from "../../src/model/units.js";
import { environmentCondition } from "./merge.js";

/**
 * NOTES.txt: how the operator verifies the rollout, and how to promote or abort a progressive one.
 * Each environment's notes; where environments differ (strategy, timeouts, namespace), one block
 * per distinct text, keyed by `.Values.environment`.
 */
export function notesTxt(models: readonly Model[], header: string): string {
  const variants = new Map<string, string[]>();
  for (const m of models) variants.set(environmentNotes(m), [...(variants.get(environmentNotes(m)) ?? []), m.environment.name]);
  if (variants.size === 1) return `${header}${[...variants.keys()][0]}\n`;
  const arms = [...variants].map(([text, environments], i) => `{{- ${i === 0 ? "if" : "else if"} ${environmentCondition(environments)} }}\n${text}`);
  return `${header}${arms.join("\n")}\n{{- end }}\n`;
}

function environmentNotes(m: Model): string {
  const ns = "{{ .Release.Namespace }}";
  const timeout = formatDuration(Math.ceil(m.deploy.healthTimeoutSeconds));
  // Helm waits for the migration hook, then for the rollout: its timeout covers both.
  const releaseTimeout = formatDuration(Math.ceil(m.deploy.releaseTimeoutSeconds));
  const image = `{{ include ${JSON.stringify(`${m.name}.image`)} .Values.image }}`;
  // `{{-` first: no blank line left by the header comment above (or the environment's `if`).
  const lines = [`{{- .Chart.Name }} ({{ .Values.environment }}, ${image}) is installed in namespace ${ns}.`];
  // Backups, alerts and other services' network policies name the manifest's namespace. The blank line
  // before the warning is inside the `if`, whose `{{-` eats the one before it.
  lines.push(
    `{{- if ne .Release.Namespace ${JSON.stringify(m.namespace)} }}`,
    "",
    `WARNING: the manifest declares namespace ${m.namespace}; backups, alerts and other services' network policies select that one.`,
    "Set `namespace:` in the manifest (and recompile) to move the service.",
    "{{- end }}",
    "",
  );
  const needed = m.prerequisites.filter((p) => p.output === "workload");
  if (needed.length) {
    lines.push("The cluster must already have (the chart does not create them):");
    for (const p of needed) lines.push(`  ${p.kind} ${p.name}: ${p.providedBy}`);
    lines.push("");
  }
  if (m.deploy.strategy === "rolling") {
    lines.push(
      "Watch the rollout:",
      `  kubectl -n ${ns} rollout status deployment/${m.name} --timeout=${timeout}`,
      "",
      m.deploy.autoRevert
        ? `auto_revert is on: install and upgrade with --atomic --timeout ${releaseTimeout} so Helm rolls back a release whose pods do not become ready (applied with kubectl or GitOps, a failed rollout is not rolled back):`
        : "Install and upgrade with a timeout so a failed release is reported:",
      `  helm upgrade --install {{ .Release.Name }} <chart> -n ${ns} -f values-{{ .Values.environment }}.yaml${m.deploy.autoRevert ? " --atomic" : ""} --timeout ${releaseTimeout} --set image.tag=<version>`,
    );
  } else {
    const what = m.deploy.strategy === "canary" ? `the canary (${m.deploy.canaryPercent}% of the pods)` : "the preview (blue-green)";
    lines.push(
      `This service deploys with Argo Rollouts: a new version starts as ${what}.`,
      "Watch it:",
      `  kubectl argo rollouts -n ${ns} get rollout ${m.name} --watch`,
      m.deploy.promotion === "manual"
        ? "When it is healthy, promote it (or abort to return all traffic to the stable version):"
        : `It is promoted automatically after ${formatDuration(m.deploy.observeSeconds)} if healthy; to decide sooner:`,
      `  kubectl argo rollouts -n ${ns} promote ${m.name}`,
      `  kubectl argo rollouts -n ${ns} abort ${m.name}`,
    );
    if (m.deploy.autoRevert) lines.push("", "auto_revert is on: a failed error-rate analysis or health timeout aborts the rollout by itself.");
  }
  return lines.join("\n");
}
