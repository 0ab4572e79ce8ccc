// Compiles manifests through the prometheus emitter alone (the lead registers it in emitters/index.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { prometheusEmitter } from "../../../emitters/prometheus/index.js";
import type { Model } from "../../../src/model/model.js";
import type { OutputFile } from "../../../src/output/output-file.js";
import { loadManifest } from "../../../src/pipeline.js";

export const ROOT = new URL("../../..", import.meta.url).pathname;
export const FIXTURE = "test/emitters/prometheus/fixtures/every-alert.yaml";

export interface Emitted {
  model: Model;
  files: OutputFile[];
}

/** Every environment of a manifest (path relative to the repository), with its prometheus files. */
export async function emitManifest(file: string): Promise<Emitted[]> {
  const loaded = await loadManifest(file, readFileSync(join(ROOT, file)));
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${file}: ${errors.map((d) => `${d.code}@${d.line}:${d.col} ${d.message ?? ""}`).join("; ")}`);
  return loaded.models.map((model) => ({ model, files: prometheusEmitter.emit(model, { source: file }) }));
}
