import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { isKnownId } from "../../../src/rules/evaluate.js";
import { fakeIO } from "../../cli/fake-io.js";
import { sharedDir } from "../../support/tools.js";

// Lints whole manifests through the CLI, validates reports against schemas and runs python3: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const root = new URL("../../../", import.meta.url).pathname;
const UNSAFE = "test/fixtures/unsafe/service.yaml";
const PASSWORD = "hunter2-correct-horse";

async function lint(...args: string[]) {
  const io = fakeIO({ cwd: root });
  const code = await runCli(["lint", "--as-of", "2026-11-22", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("berth lint on the unsafe example", () => {
  it("reports every expected finding, at its line, and exits 1", async () => {
    const result = await lint("--format", "json", UNSAFE);
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.out).findings as Array<{ code: string; line: number; severity: string }>;
    const byCode = Object.fromEntries(findings.map((f) => [f.code, f]));
    const text = readFileSync(join(root, UNSAFE), "utf8").split("\n");
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    expect(byCode["min-replicas"]).toMatchObject({ line: lineOf("replicas: 1"), severity: "error" });
    expect(byCode["cors-no-wildcard"]).toMatchObject({ line: lineOf("origins"), severity: "error" });
    expect(byCode["LITERAL_CREDENTIAL"]).toMatchObject({ line: lineOf("DB_PASSWORD"), severity: "error" });
    expect(byCode["database-tls-verify-full"]).toMatchObject({ line: lineOf("sslmode=disable"), severity: "error" });
    expect(byCode["no-sqlite-in-production"]).toMatchObject({ line: lineOf("engine: sqlite"), severity: "error" });
    expect(byCode["resources-declared"]).toMatchObject({ severity: "warning" });
    expect(byCode["liveness-probe"]).toMatchObject({ severity: "error" });
    expect(byCode["readiness-probe"]).toMatchObject({ severity: "error" });
  });

  it("never prints the password, in any format", async () => {
    for (const format of ["text", "json", "markdown", "sarif", "junit"]) {
      const result = await lint("--format", format, UNSAFE);
      expect(result.out + result.err, format).not.toContain(PASSWORD);
      expect(result.code, format).toBe(1);
    }
  });

  it("text findings have file:line:col, a code frame and a hint", async () => {
    const result = await lint(UNSAFE);
    expect(result.out).toMatch(/test\/fixtures\/unsafe\/service\.yaml:7:1: error\[min-replicas\]/);
    expect(result.out).toMatch(/> +7 \| replicas: 1/);
    expect(result.out).toContain("hint: Set `replicas: 2` or more");
    expect(result.out).toMatch(/legacy-shop \(production\): NOT READY/);
  });

  it("rejects an environment the manifest does not have", async () => {
    const result = await lint("--env", "nowhere", UNSAFE);
    expect(result.code).toBe(2);
    expect(result.err).toContain('has no environment "nowhere"; it has: production');
  });

  it("suggests the environment meant, by typo or abbreviation, and lists them sorted as compile does", async () => {
    const manifest = "examples/notifications-envs/service.yaml";
    const typo = await lint("--env", "stagin", manifest);
    expect(typo.err).toContain('has no environment "stagin" (did you mean "staging"?); it has: development, loadtest, production, staging');
    const short = await lint("--env", "prod", manifest);
    expect(short.err).toContain('(did you mean "production"?)');
  });

  it("--fail-on warning fails on warnings; the examples pass at the default threshold", async () => {
    const examples = ["minimal-web", "orders-api"].map((n) => `examples/${n}/service.yaml`);
    expect((await lint(...examples)).code).toBe(0);
    expect((await lint("--fail-on", "warning", ...examples)).code).toBe(1);
  });
});

describe("report formats", () => {
  it("SARIF validates against the SARIF 2.1.0 schema and has what GitHub code scanning needs", async (ctx) => {
    const shared = sharedDir();
    if (!shared) return ctx.skip();
    const sarif = JSON.parse((await lint("--format", "sarif", UNSAFE)).out);
    const schema = JSON.parse(readFileSync(join(shared, "conformance/sarif/sarif-schema-2.1.0.json"), "utf8"));
    const Draft04 = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as new (options: object) => Ajv;
    const ajv = new Draft04({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.every((r: { help?: { text?: string } }) => r.help?.text)).toBe(true);
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(ruleIds).toContain(result.ruleId);
      expect(result.partialFingerprints).toEqual({ "berthFinding/v1": expect.stringMatching(/^[0-9a-f]{32}$/) });
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toBe(UNSAFE);
      expect(location.region.startLine).toBeGreaterThan(0);
    }
  });

  it("JUnit is well-formed XML with one test case per rule", async () => {
    const xml = (await lint("--format", "junit", UNSAFE)).out;
    // A synchronous child blocks vitest's own timer, so it needs a timeout of its own.
    const check = spawnSync("python3", ["-c", "import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.read()); print(len(d.getElementsByTagName('testcase')))"], { input: xml, encoding: "utf8", timeout: 60_000 });
    expect(check.status, check.stderr).toBe(0);
    const { CHECKLIST_RULES } = await import("../../../src/rules/registry.js");
    const suite = xml.slice(xml.indexOf("<testsuite name=\"berth legacy-shop"), xml.indexOf("</testsuite>"));
    expect(suite.match(/<testcase /g)?.length).toBe(CHECKLIST_RULES.length);
    expect(xml).toContain('<failure type="error"');
  });

  it("writes a report file with --output, and Markdown for pull requests", async () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-lint-"));
    const io = fakeIO({ cwd: root });
    await runCli(["lint", "--format", "markdown", "--output", join(dir, "report.md"), UNSAFE], io);
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).toContain("# berth lint");
    expect(md).toMatch(/\| error \| `min-replicas` \| `test\/fixtures\/unsafe\/service.yaml:7:1` \|/);
  });

  it("reads severity overrides from berth.config.yaml and rejects unknown rules there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-config-"));
    writeFileSync(join(dir, "berth.config.yaml"), "checklist:\n  severity:\n    min-replicas: off\n");
    const io = fakeIO({ cwd: dir });
    await runCli(["lint", "--format", "json", join(root, UNSAFE)], io);
    expect(JSON.parse(io.out).findings.map((f: { code: string }) => f.code)).not.toContain("min-replicas");
    writeFileSync(join(dir, "berth.config.yaml"), "checklist:\n  severity:\n    min-replica: off\n");
    expect(await runCli(["lint", join(root, UNSAFE)], fakeIO({ cwd: dir }))).toBe(1);
  });
});

describe("berth explain", () => {
  it("explains a rule, a validation code, and suggests on a typo", async () => {
    const io = fakeIO();
    expect(await runCli(["explain", "min-replicas"], io)).toBe(0);
    expect(io.out).toMatch(/^min-replicas \(reliability, error\)\n/);
    expect(io.out).toContain("Why:");
    const code = fakeIO();
    expect(await runCli(["explain", "UNKNOWN_KEY"], code)).toBe(0);
    // A renamed code's old id is still explained (and still a known id for waivers and overrides).
    const renamed = fakeIO();
    expect(await runCli(["explain", "YAML_TOO_DEEP"], renamed)).toBe(0);
    expect(renamed.out).toMatch(/^YAML_TOO_DEEP \(validation\) is now called NESTING_TOO_DEEP\n/);
    expect(isKnownId("YAML_TOO_DEEP")).toBe(true);
    const typo = fakeIO();
    expect(await runCli(["explain", "min-replica"], typo)).toBe(2);
    expect(typo.err).toContain("did you mean min-replicas?");
  });

  it("lists the rules and the diagnostic codes, and takes a code in any case", async () => {
    const list = fakeIO();
    expect(await runCli(["explain", "--list"], list)).toBe(0);
    const [rules, codes] = list.out.split("\nDiagnostic codes");
    expect(rules).toMatch(/^Checklist rules and attestations \(berth lint\):\n {2}\S/);
    expect(rules).toMatch(/^ {2}min-replicas +reliability +error /m);
    expect(codes).toMatch(/^ {2}UNKNOWN_KEY +schema$/m);
    expect(codes).toMatch(/^ {2}FILE_NOT_FOUND +reading$/m);
    for (const [typed, shown] of [["unknown_key", "UNKNOWN_KEY"], ["Unknown_Key", "UNKNOWN_KEY"], ["MIN-REPLICAS", "min-replicas"]]) {
      const io = fakeIO();
      expect(await runCli(["explain", typed!], io), typed).toBe(0);
      expect(io.out.startsWith(`${shown} (`), typed).toBe(true);
    }
  });
});
