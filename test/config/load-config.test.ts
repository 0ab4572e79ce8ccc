import { describe, expect, it } from "vitest";
import { CHECKLIST_RULES } from "../../src/rules/registry.js";
import { loadConfig } from "../../src/config/load-config.js";
import { positionOf } from "../helpers.js";

const knownRules = CHECKLIST_RULES.map((r) => r.id);
const load = (text: string, file = "berth.config.yaml") => loadConfig(file, new TextEncoder().encode(text), { knownRules });
const at = (d: { code: string; line: number; col: number }) => `${d.code}@${d.line}:${d.col}`;

describe("loadConfig", () => {
  it("accepts a valid config and returns it", async () => {
    const result = await load("checklist:\n  severity:\n    min-replicas: off\n    image-pinned: error\n");
    expect(result.diagnostics).toEqual([]);
    expect(result.config).toEqual({ checklist: { severity: { "min-replicas": "off", "image-pinned": "error" } } });
  });

  it("accepts JSON, and an empty or comment-only file as an empty config", async () => {
    expect((await load('{ "checklist": { "severity": { "min-replicas": "warning" } } }', "berth.config.json")).config).toEqual({ checklist: { severity: { "min-replicas": "warning" } } });
    for (const text of ["", "# nothing configured yet\n"]) {
      expect(await load(text)).toMatchObject({ config: {}, diagnostics: [] });
    }
  });

  it("reports an unknown top-level key at the key, with a did-you-mean", async () => {
    const text = "checklst:\n  severity: {}\n";
    const result = await load(text);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map(at)).toEqual([`UNKNOWN_KEY@${positionOf(text, "checklst")}`]);
    expect(result.diagnostics[0]!.message).toContain('did you mean "checklist"?');
    expect(result.diagnostics[0]!.hint).toBe('Rename it to "checklist".');
  });

  it("lists the allowed keys when an unknown key is nothing like them", async () => {
    const result = await load("checklist:\n  zzzzzzzzzz: 1\n");
    expect(result.diagnostics.map(at)).toEqual(["UNKNOWN_KEY@2:3"]);
    expect(result.diagnostics[0]!.hint).toBe("Allowed keys here: severity.");
  });

  it("reports a bad severity value at the value's line:col", async () => {
    const text = "checklist:\n  severity:\n    min-replicas: fatal\n";
    const result = await load(text);
    expect(result.diagnostics.map(at)).toEqual([`INVALID_VALUE@${positionOf(text, "fatal")}`]);
    expect(result.diagnostics[0]!.message).toBe('checklist.severity.min-replicas must be one of error, warning, info, off (got "fatal")');
  });

  it("reports a severity override naming no rule at its key, with a did-you-mean", async () => {
    const text = "checklist:\n  severity:\n    image-pinned: error\n    min-replica: off\n";
    const result = await load(text);
    expect(result.diagnostics.map(at)).toEqual([`UNKNOWN_RULE@${positionOf(text, "min-replica:")}`]);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", path: "/checklist/severity/min-replica", hint: 'Rename it to "min-replicas".' });
    expect(result.diagnostics[0]!.message).toContain('did you mean "min-replicas"?');
  });

  it("reports every problem in one run, in file order", async () => {
    const text = "checklist:\n  severity:\n    nonsense-rule-id: off\n    min-replicas: loud\n";
    expect((await load(text)).diagnostics.map((d) => d.code)).toEqual(["UNKNOWN_RULE", "INVALID_VALUE"]);
  });

  it("reports wrong types with the manifest's wording", async () => {
    const result = await load("checklist:\n  severity: [min-replicas]\n");
    expect(result.diagnostics.map(at)).toEqual(["WRONG_TYPE@2:13"]);
    expect(result.diagnostics[0]!.message).toBe("checklist.severity must be a mapping, not a list");
  });

  it("reports a YAML syntax error at its position and keeps the text for the code frame", async () => {
    const text = "checklist:\n  severity: [\n";
    const result = await load(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["YAML_SYNTAX"]);
    expect(result.diagnostics[0]!.line).toBe(2);
    expect(result.text).toBe(text);
    expect(result.config).toBeUndefined();
  });

  it("says a top level that is not a mapping is wrong for a config file", async () => {
    const result = await load("- checklist\n");
    expect(result.diagnostics.map(at)).toEqual(["NOT_A_MAPPING@1:1"]);
    expect(result.diagnostics[0]!.message).toContain("the config file");
  });

  it("refuses HCL and unknown extensions", async () => {
    for (const file of ["berth.config.hcl", "berth.config"]) {
      expect((await load("checklist {}\n", file)).diagnostics.map((d) => d.code)).toEqual(["UNSUPPORTED_EXTENSION"]);
    }
  });
});
