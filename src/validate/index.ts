import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/make.js";
import validateShape from "../generated/validate-manifest.js";
import { environmentNames, resolveEnvironment, sourcePath, tierFromName } from "../model/overlay.js";
import type { ManifestSpec } from "../model/spec.js";
import type { ParsedSource } from "../parse/parsed.js";
import type { ManifestRule, RuleContext } from "./rule.js";
import { MANIFEST_RULES } from "./rules/index.js";
import { schemaDiagnostics } from "./schema-errors.js";

export type Validation = { ok: true; spec: ManifestSpec; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Checks a parsed manifest: its shape against the JSON Schema (precompiled at build time),
 * then its meaning with the semantic rules, once per environment. Semantic rules run only on
 * data the schema accepted, so each can trust the types it reads.
 */
export function validateManifest(source: ParsedSource, rules: readonly ManifestRule[] = MANIFEST_RULES): Validation {
  if (!validateShape(source.value)) {
    return { ok: false, diagnostics: schemaDiagnostics(validateShape.errors ?? [], source, source.value) };
  }
  const spec = source.value as ManifestSpec;
  const diagnostics = runRules(source, spec, rules);
  return diagnostics.some((d) => d.severity === "error") ? { ok: false, diagnostics } : { ok: true, spec, diagnostics };
}

function runRules(source: ParsedSource, manifest: ManifestSpec, rules: readonly ManifestRule[]): Diagnostic[] {
  const environments = environmentNames(manifest);
  const found = new Map<string, { diagnostic: Diagnostic; environments: string[] }>();
  for (const environment of environments) {
    const spec = resolveEnvironment(manifest, environment);
    for (const rule of rules) {
      if (rule.scope === "manifest" && environment !== environments[0]) continue;
      const ctx: RuleContext = {
        manifest,
        spec,
        environment,
        tier: spec.tier ?? tierFromName(environment),
        report(code, path, message, options) {
          const located = rule.scope === "manifest" ? path : sourcePath(manifest, environment, path);
          const diagnostic = diagnosticAt(source, code, located, message, options);
          const key = `${diagnostic.line}:${diagnostic.col}:${code}:${message}`;
          const seen = found.get(key);
          if (seen) seen.environments.push(environment);
          else found.set(key, { diagnostic, environments: [environment] });
        },
      };
      rule.check(ctx);
    }
  }
  // A base value judged in every environment is reported once; one that fails only in some names them.
  return [...found.values()].map(({ diagnostic, environments: where }) =>
    where.length === environments.length || environments.length === 1
      ? diagnostic
      : { ...diagnostic, message: `${diagnostic.message} (in ${where.length > 1 ? "environments" : "environment"} ${where.join(", ")})` },
  );
}
