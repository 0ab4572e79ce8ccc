import { sha256Hex } from "../../digest.js";
import { hintFor, isCode } from "../../diagnostics/catalogue/index.js";
import { CHECKLIST_RULES, findRule } from "../../rules/registry.js";
import type { LintFinding } from "../lint-manifest.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** GitHub code scanning ranks security results by this score (0.1–10): ≥7 high, ≥4 medium, else low. */
const SECURITY_SEVERITY = { error: "8.0", warning: "5.0", info: "2.0" } as const;

/** The areas whose rules are security rules (GitHub shows them under "Security" with a severity). */
const SECURITY_AREAS: ReadonlySet<string> = new Set(["security", "auth"]);

export interface SarifOptions {
  /** berth's version (tool.driver.version). */
  version: string;
  /**
   * The repository root as a `file://` URI ending in `/`, when finding files are given relative to
   * it: locations then carry `uriBaseId: "%SRCROOT%"` and the run declares the base in
   * `originalUriBaseIds`, so GitHub maps them whatever folder berth ran in.
   */
  srcRoot?: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its help text (plain and Markdown), a
 * `security-severity` on security rules, every finding with its rule id, a repository-relative
 * artifact URI, a region, and a fingerprint that survives unrelated edits (rule, file, manifest
 * path and message; not the line number). Pure: the caller says where the root is.
 */
export function toSarif(findings: readonly LintFinding[], { version, srcRoot }: SarifOptions): string {
  const ids = [...new Set([...CHECKLIST_RULES.map((r) => r.id), ...findings.map((f) => f.code)])];
  const rules = ids.map((id) => {
    const found = findRule(id);
    const rule = found?.checklist;
    const severity = (rule && found?.severity) || "error";
    const area = (rule && found?.area) || "validation";
    const security = SECURITY_AREAS.has(area);
    const help = rule ? `${rule.why}\n\nFix: ${rule.fix}` : (isCode(id) ? hintFor(id) : "See the message.");
    const markdown = rule
      ? `### ${rule.title}\n\n**Why:** ${rule.why}\n\n**Fix:** ${rule.fix}\n\nRun \`berth explain ${id}\` for more; waive it in the manifest's \`checklist.waivers\` with a reason and an expiry date.`
      : `${help}\n\nRun \`berth explain ${id}\` for more.`;
    return {
      id,
      name: id.replace(/(^|[-_])([a-z])/gi, (_m, _s, c: string) => c.toUpperCase()),
      shortDescription: { text: rule?.title ?? id },
      fullDescription: { text: rule?.why ?? help },
      help: { text: help, markdown },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: {
        tags: security && area !== "security" ? [area, "security"] : [area],
        precision: "very-high",
        ...(security ? { "security-severity": SECURITY_SEVERITY[severity] } : {}),
      },
    };
  });
  const results = findings.map((f) => {
    const uri = f.file.replace(/\\/g, "/").replace(/^\.\//, "");
    const relative = srcRoot !== undefined && !/^(\/|[a-z]:\/|[a-z][a-z0-9+.-]*:)/i.test(uri);
    return {
      ruleId: f.code,
      ruleIndex: ids.indexOf(f.code),
      level: LEVEL[f.severity],
      message: { text: `${f.message}. ${f.hint}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: relative ? uri : toFileUri(uri), ...(relative ? { uriBaseId: "%SRCROOT%" } : {}) }, region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.col) } } }],
      partialFingerprints: { "berthFinding/v1": sha256Hex(`${f.code}\0${uri}\0${f.path ?? ""}\0${f.message}`).slice(0, 32) },
      ...(f.status === "waived" ? { suppressions: [{ kind: "external", justification: f.message }] } : {}),
    };
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "berth", version, informationUri: "https://berth.dev", rules } },
        ...(srcRoot !== undefined ? { originalUriBaseIds: { "%SRCROOT%": { uri: srcRoot, description: { text: "The repository root." } } } } : {}),
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

/** An absolute path as a file URI (relative URIs without a base stay as they are). */
function toFileUri(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  if (path.startsWith("/")) return `file://${encodeURI(path)}`;
  if (/^[a-z]:\//i.test(path)) return `file:///${encodeURI(path)}`;
  return path;
}
