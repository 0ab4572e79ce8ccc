import type { Diagnostic, Problem } from "../diagnostics/diagnostic.js";
import { problemAt, problemAtPosition } from "../diagnostics/make.js";
import { present } from "../diagnostics/present.js";
import { closest } from "../diagnostics/suggest.js";
import validateConfigShape from "../generated/validate-config.js";
import { formatOf, parseManifest } from "../parse/index.js";
import { schemaProblems } from "../validate/schema-errors.js";
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
    return { file, diagnostics: await present([problemAtPosition(file, "UNSUPPORTED_EXTENSION", { line: 1, col: 1 }, { subject: "config" })]) };
  }
  const parsed = await parseManifest(file, bytes);
  if (!parsed.ok) {
    const text = parsed.text !== undefined ? { text: parsed.text } : {};
    // Unlike a manifest, a config file with nothing in it (or only comments) is fine: it configures nothing.
    if (parsed.problems.every((p) => p.code === "EMPTY_MANIFEST")) return { file, ...text, config: {}, diagnostics: [] };
    return { file, ...text, diagnostics: await present(parsed.problems.map(asConfigProblem)) };
  }
  const source = parsed.source;
  const shapeIsValid = validateConfigShape(source.value);
  const known = [...options.knownRules];
  const unknown = severityKeys(source.value).filter((rule) => !known.includes(rule));
  if (shapeIsValid && !unknown.length) return { file, text: source.text, config: source.value as BerthConfig, diagnostics: [] };
  // The fast YAML reader computes positions on demand (present does): a valid config never pays for them.
  const problems = [
    ...(shapeIsValid ? [] : schemaProblems(validateConfigShape.errors ?? [], file, source.value, configSchema)),
    ...unknown.map((rule) => unknownRule(file, rule, known)),
  ];
  return { file, text: source.text, diagnostics: await present(problems, { source }) };
}

/** The rule ids under `checklist.severity`, when it is a mapping (the schema reports it otherwise). */
function severityKeys(value: unknown): string[] {
  const severity = (value as { checklist?: { severity?: unknown } } | null)?.checklist?.severity;
  return severity !== null && typeof severity === "object" && !Array.isArray(severity) ? Object.keys(severity) : [];
}

function unknownRule(file: string, rule: string, known: readonly string[]): Problem {
  const guess = closest(rule, known);
  return problemAt(file, "UNKNOWN_RULE", ["checklist", "severity", rule], { rule: JSON.stringify(rule), in: "severity", ...(guess ? { guess } : {}) }, { target: "key" });
}

/** The parse stage speaks of a manifest; a top level that is not a mapping is said of the config file. */
function asConfigProblem(p: Problem): Problem {
  return p.code === "NOT_A_MAPPING" ? { ...p, params: { ...p.params, subject: "config" } } : p;
}
