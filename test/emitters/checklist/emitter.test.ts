import { describe, expect, it } from "vitest";
import { checklistEmitter } from "../../../emitters/checklist/index.js";
import type { OutputFile } from "../../../emitters/types.js";
import { headerText, isGenerated } from "../../../src/output/header.js";
import { ATTESTATIONS, CHECKLIST_RULES } from "../../../src/rules/registry.js";
import { BASE_YAML, load } from "../../helpers.js";
import { COMPLIANT } from "../../rules/checklist/compliant.js";

const SOURCE = "services/ledger/service.yaml";

interface JsonRule {
  id: string;
  area: string;
  title: string;
  severity: string;
  status: string;
  findings: Array<{ path: string; message: string }>;
  waiver?: { rule: string; reason: string; expires: string; owner?: string };
}
interface JsonReport {
  $comment: string;
  service: string;
  environment: string;
  tier: string;
  summary: string;
  counts: Record<string, number>;
  rules: JsonRule[];
  attestations: Array<{ id: string; title: string; evidence: string | null; date: string | null }>;
  unusedWaivers: Array<{ rule: string }>;
  unknownWaivers: Array<{ rule: string }>;
}

async function emit(text: string): Promise<{ md: string; json: JsonReport; files: OutputFile[] }> {
  const loaded = await load(text);
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
  const files = checklistEmitter.emit(loaded.models[0]!, { source: SOURCE });
  const content = (path: string) => files.find((f) => f.path === path)!.content;
  return { md: content("checklist.md"), json: JSON.parse(content("checklist.json")) as JsonReport, files };
}

/** The markdown table row of a rule. */
const rowOf = (md: string, id: string) => md.split("\n").find((line) => line.includes(`(\`${id}\`)`)) ?? "";

/** COMPLIANT broken in three ways, one waived and one turned off, plus waivers worth a second look and an attestation. */
const NON_COMPLIANT =
  COMPLIANT.replace("team: finance", "team: finance\nowner: ledger-oncall@example.com\ndescription: Double-entry ledger.")
    .replace("replicas: 3", "replicas: 1")
    .replace("origins: [https://app.example.com]", 'origins: ["*"]')
    .replace("  tls: { issuer: letsencrypt }\n", "") +
  // COMPLIANT ends inside its `checklist.attestations` list: one more item, then the other checklist keys.
  "    - { item: security-review, evidence: https://wiki.example.com/sec, date: 2026-01-02 }\n" +
  "  waivers:\n" +
  "    - { rule: cors-no-wildcard, reason: public read-only API | open to all, expires: 2030-01-01, owner: api-team }\n" +
  "    - { rule: min-replica, reason: typo in the rule id here, expires: 2030-02-01 }\n" +
  "    - { rule: liveness-probe, reason: this rule passes anyway, expires: 2030-03-01 }\n" +
  "  severity:\n    tls-on-exposure: off\n";

describe("checklist emitter: files and headers", () => {
  it("writes checklist.md and checklist.json, both with berth's header naming the manifest", async () => {
    const { md, json, files } = await emit(COMPLIANT);
    expect(files.map((f) => f.path)).toEqual(["checklist.md", "checklist.json"]);
    expect(md.split("\n")[0]).toBe(`<!-- ${headerText(SOURCE)} -->`);
    expect(json.$comment).toBe(headerText(SOURCE));
    for (const f of files) expect(isGenerated(f.content), f.path).toBe(true);
  });

  it("is the same text every time, ends with one newline and has no runs of blank lines", async () => {
    const a = await emit(NON_COMPLIANT);
    const b = await emit(NON_COMPLIANT);
    expect(a.files).toEqual(b.files);
    for (const f of a.files) {
      expect(f.content.endsWith("\n") && !f.content.endsWith("\n\n"), f.path).toBe(true);
    }
    expect(a.md).not.toMatch(/\n{3,}/);
  });
});

describe("checklist emitter: a compliant manifest", () => {
  it("lists every checklist rule once, in registry order, none failing, waived or off", async () => {
    const { json } = await emit(COMPLIANT);
    expect(json.rules.map((r) => r.id)).toEqual(CHECKLIST_RULES.map((r) => r.id));
    expect(json.rules.filter((r) => !["pass", "not-applicable"].includes(r.status))).toEqual([]);
    expect(json.rules.every((r) => r.findings.length === 0)).toBe(true);
  });

  it("counts the statuses it lists and says ready in the summary", async () => {
    const { json, md } = await emit(COMPLIANT);
    const tally = (status: string) => json.rules.filter((r) => r.status === status).length;
    expect(json.counts).toEqual({ pass: tally("pass"), fail: 0, unverified: 0, waived: 0, "not-applicable": tally("not-applicable"), off: 0 });
    expect(tally("pass")).toBeGreaterThan(0);
    expect(json.summary).toBe(`ledger (production): ready: ${tally("pass")} passed, 0 failing (0 errors), 0 waived`);
    expect(md).toContain(`**${json.summary}**`);
    expect(json).toMatchObject({ service: "ledger", environment: "production", tier: "production" });
  });

  it("marks passing rules ✅ and rules that do not apply ➖, with no failure marks", async () => {
    const { md, json } = await emit(COMPLIANT);
    for (const r of json.rules) {
      const row = rowOf(md, r.id);
      expect(row, r.id).toBe(`| ${r.status === "pass" ? "✅" : "➖"} | **${r.title}** (\`${r.id}\`) | ${r.severity} | ${r.status === "pass" ? "pass" : "does not apply"} |`);
    }
    expect(md).not.toMatch(/❌|⚠️|🟡|⏸️/);
  });

  it("groups rules under one heading per area, in the order areas first appear", async () => {
    const { md, json } = await emit(COMPLIANT);
    const titles: Record<string, string> = { security: "Security", auth: "Authentication", observability: "Observability", reliability: "Reliability", database: "Database", backup: "Backup and disaster recovery", deploy: "Deployment" };
    const areas = [...new Set(json.rules.map((r) => r.area))];
    // Area headings, then the prerequisites section (the cluster must provide a PriorityClass here).
    const headings = md.split("\n").filter((l) => l.startsWith("## ") && !l.startsWith("## Recovery") && l !== "## Attestations");
    expect(headings).toEqual([...areas.map((a) => `## ${titles[a]}`), "## Before the first deploy"]);
  });

  it("includes the recovery plan one heading level down, so the title stays the only top-level heading", async () => {
    const { md } = await emit(COMPLIANT);
    expect(md.split("\n").filter((l) => l.startsWith("# "))).toEqual(["# Production readiness: ledger (production)"]);
    expect(md).toContain("## Recovery: ledger (production)");
    expect(md).toContain("### What is backed up");
  });

  it("takes the restore-drill attestation from backup.drills, a declared one from checklist.attestations, and leaves the others unattested", async () => {
    const { md, json } = await emit(COMPLIANT);
    expect(json.attestations.map((a) => a.id)).toEqual(ATTESTATIONS.map((a) => a.id));
    expect(json.attestations.find((a) => a.id === "restore-drill")).toMatchObject({ evidence: "https://wiki.example.com/ledger/drill", date: "2026-10-01" });
    expect(json.attestations.find((a) => a.id === "cluster-prerequisites")).toMatchObject({ evidence: "https://wiki.example.com/platform/priority-classes" });
    const others = json.attestations.filter((a) => a.id !== "restore-drill" && a.id !== "cluster-prerequisites");
    expect(others.map((a) => [a.evidence, a.date])).toEqual(others.map(() => [null, null]));
    expect(others.length).toBe(ATTESTATIONS.length - 2);
    expect(rowOf(md, "restore-drill")).toContain("| ✅ |");
    expect(rowOf(md, "restore-drill")).toContain("[https://wiki.example.com/ledger/drill](https://wiki.example.com/ledger/drill) (2026-10-01)");
    expect(rowOf(md, "load-test")).toMatch(/^\| ⬜ \|.*\| not attested \|$/);
  });

  it("has no waiver section without waivers", async () => {
    const { md, json } = await emit(COMPLIANT);
    expect(md).not.toContain("## Waivers");
    expect(md).not.toContain("waive nothing in this environment");
    expect(json.unusedWaivers).toEqual([]);
    expect(json.unknownWaivers).toEqual([]);
  });
});

describe("checklist emitter: a non-compliant manifest", () => {
  it("says NOT READY and counts the failure, the waiver and the rule turned off", async () => {
    const { json, md } = await emit(NON_COMPLIANT);
    const tally = (status: string) => json.rules.filter((r) => r.status === status).length;
    expect(json.counts).toMatchObject({ fail: 1, waived: 1, off: 1 });
    expect(json.counts.pass).toBe(tally("pass"));
    expect(Object.values(json.counts).reduce((a, b) => a + b, 0)).toBe(CHECKLIST_RULES.length);
    expect(json.summary).toBe(`ledger (production): NOT READY: ${tally("pass")} passed, 1 failing (1 error), 1 waived`);
    expect(md).toContain(`**${json.summary}**`);
  });

  it("shows a failing error rule with ❌, its finding and its fix", async () => {
    const { json, md } = await emit(NON_COMPLIANT);
    const rule = json.rules.find((r) => r.id === "min-replicas")!;
    expect(rule).toMatchObject({ status: "fail", severity: "error" });
    expect(rule.findings).toEqual([{ path: expect.stringContaining("replicas"), message: "production runs 1 replica" }]);
    expect(rowOf(md, "min-replicas")).toMatch(/^\| ❌ \| .* \| error \| \*\*FAIL\*\*: production runs 1 replica\. Fix: .+ \|$/);
  });

  it("shows a waived rule with 🟡, the waiver's expiry and escaped reason, and the finding it covers", async () => {
    const { json, md } = await emit(NON_COMPLIANT);
    const rule = json.rules.find((r) => r.id === "cors-no-wildcard")!;
    expect(rule.status).toBe("waived");
    expect(rule.waiver).toEqual({ rule: "cors-no-wildcard", reason: "public read-only API | open to all", expires: "2030-01-01", owner: "api-team" });
    expect(rule.findings).toHaveLength(1);
    expect(rowOf(md, "cors-no-wildcard")).toContain(`| 🟡 |`);
    expect(rowOf(md, "cors-no-wildcard")).toContain(`| waived until 2030-01-01: public read-only API \\| open to all (${rule.findings[0]!.message}) |`);
  });

  it("shows a rule turned off by a severity override with ⏸️ and no findings", async () => {
    const { json, md } = await emit(NON_COMPLIANT);
    expect(json.rules.find((r) => r.id === "tls-on-exposure")).toMatchObject({ status: "off", findings: [] });
    expect(rowOf(md, "tls-on-exposure")).toMatch(/^\| ⏸️ \| .* \| turned off \|$/);
  });

  it("lists every waiver with owner (— when none) and expiry, then the unused and the unknown ones", async () => {
    const { json, md } = await emit(NON_COMPLIANT);
    const section = md.slice(md.indexOf("## Waivers"));
    expect(section).toContain("| `cors-no-wildcard` | public read-only API \\| open to all | api-team | 2030-01-01 |");
    expect(section).toContain("| `min-replica` | typo in the rule id here | — | 2030-02-01 |");
    expect(section).toContain("| `liveness-probe` | this rule passes anyway | — | 2030-03-01 |");
    expect(section).toContain("Waivers that waive nothing in this environment (`berth lint` says when no environment needs one): `liveness-probe`.");
    expect(section).toContain("Waivers naming no berth rule (a typo?): `min-replica`.");
    expect(json.unusedWaivers.map((w) => w.rule)).toEqual(["liveness-probe"]);
    expect(json.unknownWaivers.map((w) => w.rule)).toEqual(["min-replica"]);
  });

  it("shows a declared attestation with its evidence and date", async () => {
    const { json, md } = await emit(NON_COMPLIANT);
    expect(json.attestations.find((a) => a.id === "security-review")).toMatchObject({ evidence: "https://wiki.example.com/sec", date: "2026-01-02" });
    expect(rowOf(md, "security-review")).toBe("| ✅ | **The service had a security review** (`security-review`) | [https://wiki.example.com/sec](https://wiki.example.com/sec) (2026-01-02) |");
  });

  it("names owner and description under the title", async () => {
    const { md } = await emit(NON_COMPLIANT);
    expect(md).toContain("Double-entry ledger.\n\nTeam: finance · Owner: ledger-oncall@example.com · Tier: production");
    const plain = await emit(COMPLIANT);
    expect(plain.md).toContain("\nTeam: finance · Tier: production\n");
  });
});

describe("checklist emitter: warnings only", () => {
  it("is ready with warnings when every failure is a warning, marked ⚠️", async () => {
    const { json, md } = await emit(COMPLIANT.replace("replicas: 3", "replicas: 1") + "  severity:\n    min-replicas: warning\n");
    expect(json.rules.find((r) => r.id === "min-replicas")).toMatchObject({ status: "fail", severity: "warning" });
    expect(json.summary).toMatch(/^ledger \(production\): ready with warnings: \d+ passed, 1 failing \(0 errors\), 0 waived$/);
    expect(rowOf(md, "min-replicas")).toMatch(/^\| ⚠️ \| .* \| warning \| \*\*warning\*\*: production runs 1 replica\. Fix: /);
  });

  it("has no recovery section without a backup", async () => {
    const { md } = await emit(BASE_YAML);
    expect(md).not.toContain("Recovery:");
  });
});
