import { invalidLine, summaryLine, type ChecklistReport } from "../../rules/evaluate.js";
import type { LintFinding, UncheckedManifest } from "../lint-manifest.js";
import { printable } from "../../diagnostics/printable.js";

/** A Markdown lint report, e.g. for a pull-request comment: summary lines, then every finding. */
export function toMarkdown(reports: readonly ChecklistReport[], findings: readonly LintFinding[], unchecked: readonly UncheckedManifest[] = []): string {
  const lines = ["# berth lint", ""];
  for (const report of reports) {
    lines.push(`- **${summaryLine(report)}**`);
    for (const a of report.attestations.filter((x) => x.attestation.custom)) lines.push(`  - attested (custom): \`${a.attestation.id}\` [evidence](${a.evidence})${a.date ? ` (${a.date})` : ""}`);
  }
  for (const manifest of unchecked) lines.push(`- **${invalidLine(manifest)}**`);
  const shown = findings.filter((f) => f.severity !== "info" || f.status === "waived");
  lines.push("", shown.length ? "| Severity | Rule | Where | Finding | Fix |" : "No findings.");
  if (shown.length) lines.push("| --- | --- | --- | --- | --- |");
  // Messages quote the manifest: escape sequences escaped, for a report printed to a terminal.
  const cell = (s: string) => printable(s.replace(/\|/g, "\\|").replace(/\n/g, " "));
  for (const f of shown) {
    lines.push(`| ${f.status === "waived" ? "waived" : f.severity} | \`${f.code}\` | \`${f.file}:${f.line}:${f.col}\` | ${cell(f.message)} | ${cell(f.hint)} |`);
  }
  return lines.join("\n") + "\n";
}
