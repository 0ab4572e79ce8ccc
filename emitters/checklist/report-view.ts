import type { ChecklistReport, RuleResult } from "../../src/rules/evaluate.js";
import { summaryLine } from "../../src/rules/evaluate.js";
import { describeFinding } from "../../src/rules/wording.js";
import type { Model } from "../../src/model/model.js";
import { APPLY_FIRST_LABEL } from "../../src/model/conventions.js";

const AREA_TITLES: Record<string, string> = {
  security: "Security",
  auth: "Authentication",
  observability: "Observability",
  reliability: "Reliability",
  database: "Database",
  backup: "Backup and disaster recovery",
  deploy: "Deployment",
};

/** Markdown table cells hold one line; pipes would split them. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function result(r: RuleResult): string {
  const findings = r.findings.map((f) => cell(describeFinding(r.rule, f))).join("; ");
  switch (r.status) {
    case "pass":
      return "pass";
    case "fail":
      return `**${r.severity === "error" ? "FAIL" : r.severity}**: ${findings}. Fix: ${cell(r.rule.checklist!.fix)}`;
    case "unverified":
      // The finding says what the application is not told; its advice, not the rule's fix, is what to do.
      // The status is the cell's label, so the message's own "unverified: " is not repeated after it.
      return `**unverified**: ${findings.replace(/^unverified: /, "").replace(/; unverified: /g, "; ")}. ${cell(r.findings.map((f) => r.rule.advice?.(f.params) ?? "").filter(Boolean)[0] ?? "")}`;
    case "waived":
      return `waived until ${r.waiver!.expires}: ${cell(r.waiver!.reason)} (${findings})`;
    case "not-applicable":
      return "does not apply";
    case "off":
      return "turned off";
  }
}

/** The output folders each kind of prerequisite is needed by. */
const OUTPUT_DIRS: Record<string, string> = { workload: "kubernetes/, ../helm/", backup: "backup/", prometheus: "prometheus/" };

/** How to apply kubernetes/ with kubectl, which has no hooks: what must come first, then the rest. */
function installSteps(m: Model): string[] {
  const job = m.database?.migrations.mode === "job" && m.database.migrations.command ? m.names.migrationJob : undefined;
  if (!job) return ["kubectl apply --server-side -k kubernetes/"];
  return [
    `kubectl apply --server-side -k kubernetes/ -l ${APPLY_FIRST_LABEL}=true`,
    `kubectl -n ${m.namespace} wait --for=condition=complete job/${job} --timeout=${Math.ceil(m.database!.migrations.timeoutSeconds)}s`,
    "kubectl apply --server-side -k kubernetes/",
  ];
}

const MARKS: Record<string, string> = { pass: "✅", unverified: "❔", waived: "🟡", "not-applicable": "➖", off: "⏸️" };

/** The data the checklist templates render: everything precomputed, so templates stay logic-free. */
export function reportView(m: Model, report: ChecklistReport, header: string) {
  const areas = [...new Set(report.results.map((r) => r.rule.area))].map((area) => ({
    name: AREA_TITLES[area] ?? area,
    rules: report.results
      .filter((r) => r.rule.area === area)
      .map((r) => ({
        id: r.rule.id,
        title: r.rule.checklist!.title,
        severity: r.severity,
        mark: r.status === "fail" ? (r.severity === "error" ? "❌" : "⚠️") : MARKS[r.status],
        result: result(r),
      })),
  }));
  return {
    header,
    summary: summaryLine(report),
    service: m.name,
    namespace: m.namespace,
    environment: m.environment.name,
    tier: m.environment.tier,
    team: m.identity.team,
    owner: m.identity.owner,
    description: m.identity.description,
    areas,
    attestations: report.attestations.map((a) => ({ id: a.attestation.id, title: a.attestation.custom ? `${a.attestation.title} (custom)` : a.attestation.title, evidence: a.evidence, date: a.date, mark: a.evidence ? "✅" : "⬜" })),
    waivers: m.checklist.waivers.map((w) => ({ ...w, owner: w.owner ?? "—", reason: cell(w.reason) })),
    prerequisites: m.prerequisites.map((p) => ({ ...p, output: OUTPUT_DIRS[p.output], providedBy: cell(p.providedBy) })),
    install: installSteps(m),
    unusedWaivers: report.unusedWaivers,
    unknownWaivers: report.unknownWaivers,
  };
}

/** checklist.json: the same report, as data for dashboards and CI. */
export function reportJson(report: ChecklistReport, comment: string): string {
  return (
    JSON.stringify(
      {
        $comment: comment,
        service: report.service,
        environment: report.environment,
        tier: report.tier,
        summary: summaryLine(report),
        counts: report.counts,
        rules: report.results.map((r) => ({
          id: r.rule.id,
          area: r.rule.area,
          title: r.rule.checklist!.title,
          severity: r.severity,
          status: r.status,
          findings: r.findings.map((f) => ({ path: f.path.join("."), message: describeFinding(r.rule, f) })),
          ...(r.waiver ? { waiver: r.waiver } : {}),
        })),
        attestations: report.attestations.map((a) => ({ id: a.attestation.id, title: a.attestation.title, ...(a.attestation.custom ? { custom: true } : {}), evidence: a.evidence ?? null, date: a.date ?? null })),
        unusedWaivers: report.unusedWaivers,
        unknownWaivers: report.unknownWaivers,
      },
      null,
      2,
    ) + "\n"
  );
}
