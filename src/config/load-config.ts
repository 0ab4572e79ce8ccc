import { sortAndDedupe, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt, diagnosticAtPosition } from "../diagnostics/make.js";
import { closest } from "../diagnostics/suggest.js";
import validateConfigShape from "../generated/validate-config.js";
import { formatOf, parseManifest, type ParsedSource } from "../parse/index.js";
import { schemaDiagnostics } from "../validate/schema-errors.js";
import { configSchema, type BerthConfig } from "./config-schema.js";

export interface LoadConfigOptions {
  /** The rule ids a severity override may name; any other is reported as UNKNOWN_RULE. */
  knownRules: Iterable<string>;
}

/** A config file taken as far as its problems allow. */
export interface LoadedConfig {
  file: string;
  /** The file's text whenever it could be decoded (code frames need it). */
  text?: string;
  /** The configuration; present only when the file has no errors. */
  config?: BerthConfig;
  diagnostics: Diagnostic[];
}

/**
 * Parses and checks a config file's bytes as a manifest's are: the same YAML/JSON parse stage,
 * the config's JSON Schema (precompiled), the same ajv-error wording, every problem located at
 * `file:line:col`. Pure: the caller reads the file and says which rules exist.
 */
export async function loadConfig(file: string, bytes: Uint8Array, options: LoadConfigOptions): Promise<LoadedConfig> {
  const format = formatOf(file);
  // The HCL reader maps blocks through the manifest's schema, so it cannot read a config file.
  if (format !== "yaml" && format !== "json") {
    const problem = diagnosticAtPosition(file, "UNSUPPORTED_EXTENSION", { line: 1, col: 1 }, "a config file is YAML or JSON", { hint: "Name the config file `*.yaml`, `*.yml` or `*.json`." });
    return { file, diagnostics: [problem] };
  }
  const parsed = await parseManifest(file, bytes);
  if (!parsed.ok) {
    const text = parsed.text !== undefined ? { text: parsed.text } : {};
    // Unlike a manifest, a config file with nothing in it (or only comments) is fine: it configures nothing.
    if (parsed.diagnostics.every((d) => d.code === "EMPTY_MANIFEST")) return { file, ...text, config: {}, diagnostics: [] };
    return { file, ...text, diagnostics: sortAndDedupe(parsed.diagnostics.map(asConfigProblem)) };
  }
  const source = parsed.source;
  const shapeIsValid = validateConfigShape(source.value);
  const known = [...options.knownRules];
  const unknown = severityKeys(source.value).filter((rule) => !known.includes(rule));
  if (shapeIsValid && !unknown.length) return { file, text: source.text, config: source.value as BerthConfig, diagnostics: [] };
  // The fast YAML reader computes positions on demand: a valid config never pays for them.
  await source.prepareLocator?.();
  const diagnostics = [
    ...(shapeIsValid ? [] : schemaDiagnostics(validateConfigShape.errors ?? [], source, source.value, configSchema)),
    ...unknown.map((rule) => unknownRule(source, rule, known)),
  ];
  return { file, text: source.text, diagnostics: sortAndDedupe(diagnostics) };
}

/** The rule ids under `checklist.severity`, when it is a mapping (the schema reports it otherwise). */
function severityKeys(value: unknown): string[] {
  const severity = (value as { checklist?: { severity?: unknown } } | null)?.checklist?.severity;
  return severity !== null && typeof severity === "object" && !Array.isArray(severity) ? Object.keys(severity) : [];
}

function unknownRule(source: ParsedSource, rule: string, known: readonly string[]): Diagnostic {
  const guess = closest(rule, known);
  const message = `no checklist rule is called ${JSON.stringify(rule)}${guess ? ` (did you mean "${guess}"?)` : ""}`;
  return diagnosticAt(source, "UNKNOWN_RULE", ["checklist", "severity", rule], message, { target: "key", ...(guess ? { hint: `Rename it to "${guess}".` } : {}) });
}

/** The parse stage words a top level that is not a mapping for manifests; say it of the config file. */
function asConfigProblem(d: Diagnostic): Diagnostic {
  if (d.code !== "NOT_A_MAPPING") return d;
  return { ...d, message: d.message.replace("the manifest", "the config file"), hint: "The config file is a mapping of keys at the top level, e.g. `checklist: { severity: { image-pinned: error } }`." };
}
