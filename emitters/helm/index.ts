import { generatedHeader } from "../../src/output/header.js";
import type { Emitter, OutputFile } from "../types.js";
import { chartYaml } from "./chart.js";
import { notesTxt } from "./notes.js";
import { chartTemplates } from "./templates.js";
import { defaultValues, valuesYaml } from "./values.js";
import { valuesSchemaJson } from "./values-schema.js";

/**
 * A Helm chart of the same objects as the Kubernetes emitter, with the install-time knobs
 * (image, replicas, resources, env, secrets, autoscaling, hosts, migrations) in values.yaml.
 * `helm template` with the default values renders what `kubernetes/` holds.
 */
export const helmEmitter: Emitter = {
  name: "helm",
  description: "a Helm chart with values.yaml and values.schema.json",
  roots: ["helm"],
  emit(model, ctx) {
    const dir = `helm/${model.name}`;
    const hash = generatedHeader(ctx.source);
    const values = defaultValues(model);
    const files: OutputFile[] = [
      { path: `${dir}/Chart.yaml`, content: chartYaml(model, hash) },
      { path: `${dir}/values.yaml`, content: valuesYaml(values, hash) },
      { path: `${dir}/values.schema.json`, content: valuesSchemaJson(ctx.source, { expose: "expose" in values, migrations: "migrations" in values }) },
      { path: `${dir}/templates/NOTES.txt`, content: notesTxt(model, generatedHeader(ctx.source, "go-template")) },
    ];
    for (const t of chartTemplates(model)) files.push({ path: `${dir}/templates/${t.file}`, content: hash + t.text });
    return files;
  },
};
