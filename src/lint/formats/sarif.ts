import { createHash } from "node:crypto";
import { hintFor, isCode } from "../../diagnostics/catalogue/index.js";
import { CHECKLIST_RULES, findRule } from "../../rules/registry.js";
import type { LintFinding } from "../lint-manifest.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its help text, every finding with its
 * rule id, a relative artifact URI, a region, and a fingerprint that survives unrelated edits
 * (rule, file, manifest path and message; not the line number).
 */
export function toSarif(findings: readonly LintFinding[], version: string): string {
  const ids = [...new Set([...CHECKLIST_RULES.map((r) => r.id), ...findings.map((f) => f.code)])];
  const rules = ids.map((id) => {
    const rule = findRule(id)?.checklist;
    const help = rule ? `${rule.why}\n\nFix: ${rule.fix}` : (isCode(id) ? hintFor(id) : "See the message.");
    return {
      id,
      name: id.replace(/(^|[-_])([a-z])/gi, (_m, _s, c: string) => c.toUpperCase()),
      shortDescription: { text: rule?.title ?? id },
      fullDescription: { text: rule?.why ?? help },
      help: { text: help, markdown: rule ? `**Why:** ${rule.why}\n\n**Fix:** ${rule.fix}` : help },
      defaultConfiguration: { level: LEVEL[(rule && findRule(id)?.severity) ?? "error"] },
      properties: { tags: [(rule && findRule(id)?.area) ?? "validation"], precision: "very-high" },
    };
  });
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: ids.indexOf(f.code),
    level: LEVEL[f.severity],
    message: { text: `${f.message}. ${f.hint}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.file.replace(/\\/g, "/").replace(/^\.\//, "") }, region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.col) } } }],
    partialFingerprints: { "berthFinding/v1": createHash("sha256").update(`${f.code}\0${f.file}\0${f.path ?? ""}\0${f.message}`).digest("hex").slice(0, 32) },
    ...(f.status === "waived" ? { suppressions: [{ kind: "external", justification: f.message }] } : {}),
  }));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "berth", version, informationUri: "https://berth.dev", rules } }, results }],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
