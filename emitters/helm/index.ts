import { CHART_FOLDER } from "../../src/model/conventions.js";
import { generatedHeader } from "../../src/output/header.js";
import type { Emitter, OutputFile } from "../types.js";
import { chartYaml } from "./chart.js";
import { chartTemplates } from "./chart-templates.js";
import { helpersTpl, releaseNameCheck, valuesCheck } from "./helpers.js";
import { notesTxt } from "./notes.js";
import { environmentValues, overDefaults, valuesYaml } from "./values.js";
import { valuesSchemaJson } from "./values-schema.js";

/**
 * One Helm chart per service, `<service>/helm/<service>/`, of the same objects as the Kubernetes
 * emitter: the install-time knobs (image, replicas, resources, env, secrets, autoscaling, the
 * sidecars' images and sizes, hosts, migrations) are values, and `values-<env>.yaml` holds each environment's. What else differs
 * between environments the templates key on `.Values.environment` (merge.ts), so
 * `helm template <service> <chart> -n <namespace> -f values-<env>.yaml` renders exactly
 * `<service>/<env>/kubernetes/` (hooks aside). values.yaml is the first environment's (by name).
 */
export const helmEmitter: Emitter = {
  name: "helm",
  description: "one Helm chart per service, with values-<env>.yaml per environment and values.schema.json",
  // Where berth wrote a chart per environment before: owned, so a compile removes those leftovers.
  roots: [CHART_FOLDER],
  serviceRoots: [CHART_FOLDER],
  // Nothing per environment: the chart spans them.
  emit: () => [],
  emitService(models, ctx) {
    const first = models[0]!;
    const dir = `${CHART_FOLDER}/${first.name}`;
    const hash = generatedHeader(ctx.source);
    const goTemplate = generatedHeader(ctx.source, "go-template");
    const values = models.map((m) => ({ environment: m.environment.name, values: environmentValues(m) }));
    const defaults = values[0]!.values;
    const having = (key: string) => values.filter((v) => key in v.values).map((v) => v.environment);
    const files: OutputFile[] = [
      { path: `${dir}/Chart.yaml`, content: chartYaml(first, hash) },
      { path: `${dir}/values.yaml`, content: valuesYaml(defaults, hash, `# The ${first.environment.name} environment's values; install another with -f values-<env>.yaml.`) },
      ...values.map((v) => ({
        path: `${dir}/values-${v.environment}.yaml`,
        content: valuesYaml(overDefaults(v.values, defaults), hash, `# The ${v.environment} environment: helm upgrade --install ${first.name} <chart> -n ${models.find((m) => m.environment.name === v.environment)!.namespace} -f values-${v.environment}.yaml`),
      })),
      {
        path: `${dir}/values.schema.json`,
        content: valuesSchemaJson(ctx.source, {
          environments: models.map((m) => m.environment.name),
          sidecars: [...new Set(models.flatMap((m) => m.sidecars.map((c) => c.name)))].sort(),
          // SQLite at one pod; one whose manifest runs more (sqlite-single-writer waived) keeps its own counts valid.
          singleWriter: models.filter((m) => m.database?.engine === "sqlite" && Math.max(m.replicas, m.autoscaling?.maxReplicas ?? 0) <= 1).map((m) => m.environment.name),
          optional: { env: having("env"), sidecars: having("sidecars"), expose: having("expose"), migrations: having("migrations") },
        }),
      },
      { path: `${dir}/templates/NOTES.txt`, content: notesTxt(models, goTemplate) },
      { path: `${dir}/templates/_helpers.tpl`, content: helpersTpl(first.name, goTemplate) },
      { path: `${dir}/templates/release-name.yaml`, content: releaseNameCheck(first.name, goTemplate) },
      { path: `${dir}/templates/values-check.yaml`, content: valuesCheck(goTemplate) },
    ];
    for (const t of chartTemplates(models)) files.push({ path: `${dir}/templates/${t.file}`, content: hash + t.text });
    return files;
  },
};
