import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/make.js";
import validateShape from "../generated/validate-manifest.js";
import { environmentNames, resolveEnvironment, sourcePath, tierFromName } from "../model/overlay.js";
import type { ManifestSpec } from "../model/spec.js";
import type { ParsedSource } from "../parse/parsed.js";
import type { ManifestRule, RuleContext } from "./rule.js";
import { MANIFEST_RULES } from "./rules/index.js";
import { pruneInvalid } from "./prune-invalid.js";
import { startsWith, trackReads } from "./read-tracking.js";
import { schemaDiagnostics } from "./schema-errors.js";

/** A manifest whose shape is valid keeps its `spec` even when its meaning is not (lint still checks it). */
export type Validation = { ok: true; spec: ManifestSpec; diagnostics: Diagnostic[] } | { ok: false; spec?: ManifestSpec; diagnostics: Diagnostic[] };

/**
 * Checks a parsed manifest: its shape against the JSON Schema (precompiled at build time),
 * then its meaning with the semantic rules, once per environment. Semantic rules run only on
 * data the schema accepted, so each can trust the types it reads; when the shape is wrong, they
 * still run on the part that is right, so one run reports every problem.
 */
export function validateManifest(source: ParsedSource, rules: readonly ManifestRule[] = MANIFEST_RULES): Validation {
  if (!validateShape(source.value)) {
    const shapeProblems = schemaDiagnostics(validateShape.errors ?? [], source, source.value);
    const remainder = pruneInvalid(source.value, validateShape);
    const meaningProblems = remainder === undefined ? [] : runRules(source, remainder.value as ManifestSpec, rules, remainder.removed);
    return { ok: false, diagnostics: [...shapeProblems, ...meaningProblems] };
  }
  const spec = source.value as ManifestSpec;
  const diagnostics = runRules(source, spec, rules);
  return { ok: !diagnostics.some((d) => d.severity === "error"), spec, diagnostics } as Validation;
}

/**
 * Runs every rule for every environment. `removed` lists manifest paths set aside as invalid;
 * a rule that read any of them is not reported (its verdict rests on data that is not there).
 */
function runRules(source: ParsedSource, manifest: ManifestSpec, rules: readonly ManifestRule[], removed: string[][] = []): Diagnostic[] {
  const environments = environmentNames(manifest);
  const found = new Map<string, { diagnostic: Diagnostic; environments: string[] }>();
  for (const environment of environments) {
    const resolved = resolveEnvironment(manifest, environment);
    // Removed paths as this environment's resolved spec sees them.
    const gone = removed.map((p) => (p[0] === "environments" ? (p[1] === environment ? p.slice(2) : undefined) : p)).filter((p): p is string[] => p !== undefined);
    for (const rule of rules) {
      if (rule.scope === "manifest" && environment !== environments[0]) continue;
      const reads: string[][] = [];
      const spec = gone.length ? trackReads(resolved, reads) : resolved;
      const reported: Array<{ key: string; diagnostic: Diagnostic }> = [];
      const ctx: RuleContext = {
        manifest,
        spec,
        environment,
        tier: resolved.tier ?? tierFromName(environment),
        report(code, path, message, options) {
          const located = rule.scope === "manifest" ? path : sourcePath(manifest, environment, path);
          const diagnostic = diagnosticAt(source, code, located, message, options);
          reported.push({ key: `${diagnostic.path}|${diagnostic.target}|${code}|${message}`, diagnostic });
        },
      };
      rule.check(ctx);
      if (reads.some((read) => gone.some((g) => startsWith(read, g)))) continue;
      for (const { key, diagnostic } of reported) {
        const seen = found.get(key);
        if (seen) seen.environments.push(environment);
        else found.set(key, { diagnostic, environments: [environment] });
      }
    }
  }
  // A base value judged in every environment is reported once; one that fails only in some names them.
  return [...found.values()].map(({ diagnostic, environments: where }) =>
    where.length === environments.length || environments.length === 1
      ? diagnostic
      : { ...diagnostic, message: `${diagnostic.message} (in ${where.length > 1 ? "environments" : "environment"} ${where.join(", ")})` },
  );
}
