import { fromPointer, hasErrors, sortAndDedupe, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { Model } from "./model/model.js";
import { normalize } from "./model/normalize.js";
import type { ManifestSpec } from "./model/spec.js";
import { parseManifest, type ParsedSource } from "./parse/index.js";
import { validateManifest } from "./validate/index.js";

/** One manifest taken as far through the pipeline as its problems allow. */
export interface LoadedManifest {
  file: string;
  /** The parsed text, when it parsed. */
  source?: ParsedSource;
  /** The file's text whenever it could be decoded, parsed or not (code frames need it). */
  text?: string;
  /** The manifest's data once its shape is valid (even when its meaning is not). */
  spec?: ManifestSpec;
  /** One Model per environment; empty when the manifest has errors. */
  models: Model[];
  diagnostics: Diagnostic[];
}

/**
 * parse → validate → normalize, as pure stages: bytes in, diagnostics and Models out.
 * A stage runs only when the one before it produced no errors.
 */
export async function loadManifest(file: string, bytes: Uint8Array): Promise<LoadedManifest> {
  const parsed = await parseManifest(file, bytes);
  if (!parsed.ok) return { file, ...(parsed.text !== undefined ? { text: parsed.text } : {}), models: [], diagnostics: sortAndDedupe(parsed.diagnostics) };
  const source = parsed.source;
  const text = source.text;
  const validation = validateManifest(source);
  const diagnostics = sortAndDedupe(await located(source, validation.diagnostics));
  if (!validation.ok || hasErrors(diagnostics)) return { file, source, text, ...(validation.spec ? { spec: validation.spec } : {}), models: [], diagnostics };
  return { file, source, text, spec: validation.spec, models: normalize(validation.spec, file), diagnostics };
}

/** Fills in positions the source computes only on demand (the fast YAML reader's). */
async function located(source: ParsedSource, diagnostics: Diagnostic[]): Promise<Diagnostic[]> {
  if (!diagnostics.some((d) => d.line === 0)) return diagnostics;
  await source.prepareLocator?.();
  return diagnostics.map((d) => (d.line === 0 && d.path !== undefined ? { ...d, ...source.locate(fromPointer(d.path), d.target) } : d));
}
