/**
 * The one rule engine: severity overrides and waivers reach any rule's warnings by rule id or by
 * code, never a validation error; lint and validate judge a finding the same way.
 */
import { describe, expect, it } from "vitest";
import { lintManifest } from "../../src/lint/lint-manifest.js";
import { RULES } from "../../src/rules/registry.js";
import { BASE_YAML, load } from "../helpers.js";

const NO_DRILL = `${BASE_YAML}backup:\n  storage: { provider: aws, bucket: acme-backups }\n`;
const codes = (r: { diagnostics: Array<{ code: string }> }) => r.diagnostics.map((d) => d.code);

describe("rule engine: overrides and waivers", () => {
  it("a validation warning is reported by default", async () => {
    expect(codes(await load(NO_DRILL))).toContain("BACKUP_NO_DRILL");
  });

  it.each([
    ["by code", "BACKUP_NO_DRILL"],
    ["by rule id", "backup-drills"],
  ])("a validation warning can be turned off %s", async (_how, id) => {
    const text = `${NO_DRILL}checklist:\n  severity: { ${id}: off }\n`;
    const loaded = await load(text);
    expect(codes(loaded)).not.toContain("BACKUP_NO_DRILL");
    const { findings } = await lintManifest(loaded);
    expect(findings.map((f) => f.code)).not.toContain("BACKUP_NO_DRILL");
  });

  it("a waived validation warning leaves validate quiet and shows as waived in lint", async () => {
    const text = `${NO_DRILL}checklist:\n  waivers:\n    - { rule: BACKUP_NO_DRILL, reason: first drill is booked for May, expires: "2099-01-01" }\n`;
    const loaded = await load(text);
    expect(codes(loaded)).not.toContain("BACKUP_NO_DRILL");
    const { findings, reports } = await lintManifest(loaded, { asOf: "2026-01-01" });
    const waived = findings.filter((f) => f.code === "BACKUP_NO_DRILL");
    expect(waived).toMatchObject([{ status: "waived", severity: "info", rule: "backup-drills" }]);
    // The waiver covered a finding: it is neither unused nor unknown.
    expect(reports[0]!.unusedWaivers).toEqual([]);
    expect(reports[0]!.unknownWaivers).toEqual([]);
  });

  it("a validation error cannot be waived or turned off: the output would be wrong", async () => {
    const text = `${BASE_YAML}env:\n  DB_PASSWORD: hunter2\nchecklist:\n  severity: { LITERAL_CREDENTIAL: off }\n  waivers:\n    - { rule: literal-credentials, reason: we promise it is fine, expires: "2099-01-01" }\n`;
    const loaded = await load(text);
    expect(loaded.diagnostics.filter((d) => d.code === "LITERAL_CREDENTIAL")).toMatchObject([{ severity: "error", rule: "literal-credentials" }]);
    expect(loaded.models).toEqual([]);
  });

  it("a waiver naming neither a rule nor a code is reported", async () => {
    const text = `${BASE_YAML}checklist:\n  waivers:\n    - { rule: no-such-rule, reason: a typo in the rule id, expires: "2099-01-01" }\n`;
    const { findings } = await lintManifest(await load(text));
    expect(findings.filter((f) => f.code === "UNKNOWN_RULE")).toHaveLength(1);
  });
});

describe("rule registry", () => {
  it("holds each rule once, and every checklist item has its catalogue text", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES.filter((r) => r.stage === "checklist")) expect(r.checklist?.fix.length, r.id).toBeGreaterThan(10);
  });

  it("grace-period is one rule: a validation error and a checklist item", () => {
    const grace = RULES.filter((r) => r.id === "grace-period");
    expect(grace).toHaveLength(1);
    expect(grace[0]).toMatchObject({ stage: "validate", severity: "error", checklist: { title: "Pods get time to shut down gracefully" } });
  });
});
