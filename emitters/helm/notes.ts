import type { Model } from "../../src/model/model.js";
import { formatDuration } from "../../src/model/units.js";

/** NOTES.txt: how the operator verifies the rollout, and how to promote or abort a progressive one. */
export function notesTxt(m: Model, header: string): string {
  const ns = "{{ .Release.Namespace }}";
  const timeout = formatDuration(Math.ceil(m.deploy.healthTimeoutSeconds));
  // Helm waits for the migration hook, then for the rollout: its timeout covers both.
  const releaseTimeout = formatDuration(Math.ceil(m.deploy.releaseTimeoutSeconds));
  const lines = [`{{ .Chart.Name }} {{ .Chart.AppVersion }} is installed in namespace ${ns}.`, ""];
  // Backups, alerts and other services' network policies name the manifest's namespace.
  lines.push(
    `{{- if ne .Release.Namespace ${JSON.stringify(m.namespace)} }}`,
    `WARNING: the manifest declares namespace ${m.namespace}; backups, alerts and other services' network policies select that one.`,
    "Set `namespace:` in the manifest (and recompile) to move the service.",
    "{{- end }}",
    // Object names are the service's (other services, backups and alerts refer to them), whatever the release is called.
    `{{- if ne .Release.Name ${JSON.stringify(m.name)} }}`,
    `Objects are named after the service (${m.name}), not the release {{ .Release.Name }}: install one release of it per namespace.`,
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
      `  helm upgrade --install {{ .Release.Name }} <chart> -n ${ns}${m.deploy.autoRevert ? " --atomic" : ""} --timeout ${releaseTimeout} --set image.tag=<version>`,
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
  return `${header}${lines.join("\n")}\n`;
}
