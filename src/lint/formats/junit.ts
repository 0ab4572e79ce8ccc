import type { ChecklistReport } from "../../rules/evaluate.js";
import { CHECKLIST_RULES } from "../../rules/registry.js";
import { describeFinding } from "../../rules/wording.js";
import type { LintFinding } from "../lint-manifest.js";

const CHECKLIST_IDS: ReadonlySet<string> = new Set(CHECKLIST_RULES.map((r) => r.id));

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, "");

/**
 * JUnit XML for CI dashboards: a test suite per service and environment, a test case per rule
 * (failures carry the findings with file:line:col; rules that do not apply are skipped), plus a
 * suite for validation errors: problems of shape and the validation rules' errors (a validation
 * rule that is also a checklist item fails its case in the checklist suites instead).
 */
export function toJunit(reports: readonly ChecklistReport[], findings: readonly LintFinding[]): string {
  const suites = reports.map((report) => {
    const cases = report.results.map((r) => {
      const name = `${escape(r.rule.id)}: ${escape(r.rule.checklist!.title)}`;
      const open = `    <testcase classname="${escape(`${report.service}.${report.environment}.${r.rule.area}`)}" name="${name}">`;
      // An unverified rule is a warning finding like any other: it fails the case, typed `unverified`.
      if (r.status === "fail" || r.status === "unverified") {
        const located = findings.filter((f) => f.rule === r.rule.id && f.status === "fail");
        const worded = r.findings.map((f) => describeFinding(r.rule, f));
        const body = located.map((f) => `${f.file}:${f.line}:${f.col}: ${f.message}`).join("\n") || worded.join("\n");
        return `${open}\n      <failure type="${r.status === "unverified" ? "unverified" : r.severity}" message="${escape(worded.join("; "))}">${escape(`${body}\nFix: ${r.rule.checklist!.fix}`)}</failure>\n    </testcase>`;
      }
      if (r.status === "not-applicable" || r.status === "off") return `${open}\n      <skipped message="${r.status === "off" ? "turned off" : "does not apply"}"/>\n    </testcase>`;
      if (r.status === "waived") return `${open}\n      <skipped message="${escape(`waived until ${r.waiver!.expires}: ${r.waiver!.reason}`)}"/>\n    </testcase>`;
      return `${open}</testcase>`;
    });
    const failures = report.results.filter((r) => r.status === "fail" || r.status === "unverified").length;
    const skipped = report.results.filter((r) => r.status !== "fail" && r.status !== "unverified" && r.status !== "pass").length;
    return `  <testsuite name="${escape(`berth ${report.service} (${report.environment})`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  const invalid = findings.filter((f) => f.severity === "error" && f.status !== "waived" && !(f.rule && CHECKLIST_IDS.has(f.rule)));
  if (invalid.length) {
    const cases = invalid.map(
      (f) => `    <testcase classname="validation" name="${escape(`${f.code} at ${f.file}:${f.line}:${f.col}`)}">\n      <failure type="error" message="${escape(f.message)}">${escape(f.hint)}</failure>\n    </testcase>`,
    );
    suites.push(`  <testsuite name="berth validation" tests="${cases.length}" failures="${cases.length}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="berth lint">\n${suites.join("\n")}\n</testsuites>\n`;
}
