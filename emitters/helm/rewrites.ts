import { toYaml, type YamlValue } from "../../src/output/yaml.js";
import { block, inline, rangeItem, rewritePlaceholders, when, type Rewrite } from "./placeholders.js";

/**
 * What each knob placeholder becomes in the chart's templates. Expressions use `$` (the root
 * context), so they read the same inside a `range`.
 */
export function knobRewrites(chart: string, configTemplates: readonly string[], sidecars: readonly string[]): Record<string, Rewrite> {
  // The reference from the image value (helpers.ts: a numeric tag keeps its digits).
  const image = (value: string) => `"{{ include ${JSON.stringify(`${chart}.image`)} ${value} }}"`;
  const sidecar = (name: string) => `(index $.Values.sidecars ${JSON.stringify(name)})`;
  const sidecarKnobs = sidecars.flatMap((name) => [
    [`sidecar-image-${name}`, inline(image(`${sidecar(name)}.image`))],
    [`sidecar-resources-${name}`, block(`${sidecar(name)}.resources`)],
  ]);
  return {
    ...Object.fromEntries(sidecarKnobs),
    image: inline(image("$.Values.image")),
    resources: block("$.Values.resources"),
    replicas: when("not $.Values.autoscaling.enabled", inline("{{ $.Values.replicas }}")),
    "min-replicas": inline("{{ $.Values.autoscaling.minReplicas }}"),
    "max-replicas": inline("{{ $.Values.autoscaling.maxReplicas }}"),
    namespace: inline("{{ $.Release.Namespace }}"),
    hosts: block("$.Values.expose.hosts"),
    // The image's version, as the Kubernetes emitter labels it (helpers.ts); no label when it is not a valid label value.
    version: (indent, key) => `{{- with include ${JSON.stringify(`${chart}.version`)} $ }}\n${indent}${key}: {{ . | quote }}\n{{- end }}`,
    // A value that is, in every environment, that environment's name (the environment label).
    environment: inline("{{ $.Values.environment | quote }}"),
    // Helm digests the rendered ConfigMaps, so `--set env.X=…` rolls the pods like a manifest change does.
    "config-hash": inline(`{{ print ${configTemplates.map((t) => `(include (print $.Template.BasePath "/${t}") $)`).join(" ")} | sha256sum | trunc 16 | quote }}`),
    // Names and keys from values are quoted like every other string: the schema admits `ON`, `Y` or
    // `NO` as a variable name and `123`, `true` or `1.10` as a Secret's name or key, which unquoted
    // a YAML 1.1 reader (Helm, kubectl) takes for a boolean or a number (a ConfigMap key renamed to
    // "true", an env var the API server rejects).
    // A number from a values file reaches the template as a float, which `quote` prints as Go's %v
    // (10000000 → "1e+07"); toJson prints it as written, as the Kubernetes emitter does.
    "env-data": (indent, key) =>
      `${indent}${key}:\n{{- range $name, $value := $.Values.env }}\n${indent}  {{ $name | quote }}: {{ if kindIs "string" $value }}{{ $value | quote }}{{ else }}{{ $value | toJson | quote }}{{ end }}\n{{- end }}`,
    "secret-env": (indent, key) =>
      `{{- with $.Values.secrets }}\n${indent}${key}:\n{{- range $name, $ref := . }}\n${indent}- name: {{ $name | quote }}\n${indent}  valueFrom:\n${indent}    secretKeyRef:\n${indent}      name: {{ $ref.secret | quote }}\n${indent}      key: {{ $ref.key | quote }}\n{{- end }}\n{{- end }}`,
  };
}

/**
 * A templated value as template text: YAML with every placeholder line rewritten; the Ingress's
 * rule is repeated once per host; `{{` in the data itself is escaped. `indent` prefixes every line (a value rendered inside a branch).
 */
export function renderTemplate(value: YamlValue, rewrites: Readonly<Record<string, Rewrite>>, indent = ""): string {
  // Literal text that looks like a template action (a config file's own `{{ … }}`) is printed as it is.
  let text = toYaml(value).trimEnd().replaceAll("{{", '{{ "{{" }}');
  if (indent) text = text.split("\n").map((line) => (line ? indent + line : line)).join("\n");
  if (text.includes('"@@berth:host@@"')) text = rangeItem(text, "host", "$.Values.expose.hosts", "{{ . | quote }}");
  return rewritePlaceholders(text, rewrites);
}
