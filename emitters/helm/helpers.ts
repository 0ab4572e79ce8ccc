/**
 * templates/_helpers.tpl: the named templates the chart's objects include. `<chart>.version` is
 * the version label as the Kubernetes emitter writes it (src/kube/names.ts): the image tag, else
 * the digest's first 12 hex digits, and nothing when that is not a valid label value.
 * `<chart>.image` is an image value ({repository, tag, digest}) as a reference, `<chart>.tag` its tag
 * as text: a tag may be a number (`--set image.tag=1234`, a build number), and a values file's
 * numbers reach the templates as floats, which Go prints as 1.234e+06; toJson prints the digits.
 */
export function helpersTpl(chart: string, header: string): string {
  const tag = JSON.stringify(`${chart}.tag`);
  return `${header}{{- define ${tag} -}}
{{- if kindIs "string" . }}{{ . }}{{ else if not (kindIs "invalid" .) }}{{ toJson . }}{{ end -}}
{{- end }}
{{- define ${JSON.stringify(`${chart}.image`)} -}}
{{ .repository }}{{ with include ${tag} .tag }}:{{ . }}{{ end }}{{ with .digest }}@{{ . }}{{ end }}
{{- end }}
{{- define ${JSON.stringify(`${chart}.version`)} -}}
{{- $version := include ${tag} .Values.image.tag | default (.Values.image.digest | trimPrefix "sha256:" | trunc 12) -}}
{{- if regexMatch "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$" $version }}{{ $version }}{{ end -}}
{{- end }}
`;
}

/**
 * templates/release-name.yaml: renders nothing, but stops an install under another release name.
 * The chart's object names are the service's, and outputs outside the chart refer to them
 * (other services' NetworkPolicies, Prometheus rules, Velero backups select by name and label),
 * so the release name is pinned to the service's rather than prefixed onto every name.
 */
export function releaseNameCheck(chart: string, header: string): string {
  const message = `the release must be named ${chart}: berth names the objects after the service, and other services' network policies, alerts and backups select them by that name (install with: helm install ${chart} <chart> -f values-<env>.yaml)`;
  return `${header}{{- if ne .Release.Name ${JSON.stringify(chart)} }}
{{- fail ${JSON.stringify(message)} }}
{{- end }}
`;
}

/**
 * templates/values-check.yaml: renders nothing, but stops an install whose values make an object the
 * API server rejects and values.schema.json cannot see (it compares no two values): an autoscaler whose
 * minimum is above its maximum. Failing at render time, before the migration hook has run.
 */
export function valuesCheck(header: string): string {
  return `${header}{{- with .Values.autoscaling }}
{{- if and .enabled (gt (int .minReplicas) (int .maxReplicas)) }}
{{- fail (printf "autoscaling.minReplicas (%d) is above autoscaling.maxReplicas (%d): the API server rejects that HorizontalPodAutoscaler" (int .minReplicas) (int .maxReplicas)) }}
{{- end }}
{{- end }}
`;
}
