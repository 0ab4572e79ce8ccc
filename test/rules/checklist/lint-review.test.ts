// Defects found by a new-user review of `berth lint`, each on the starter manifest `berth init` writes
// (two environments: production and staging), through the CLI as a user runs it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { fakeIO } from "../../cli/fake-io.js";

// Lints whole manifests through the CLI: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** A folder holding the starter manifest as `berth init` writes it (service.yaml). */
async function starter(): Promise<{ dir: string; text: string }> {
  const dir = mkdtempSync(join(tmpdir(), "berth-lint-review-"));
  const io = fakeIO({ cwd: dir });
  expect(await runCli(["init"], io), io.err).toBe(0);
  return { dir, text: readFileSync(join(dir, "service.yaml"), "utf8") };
}

async function lint(dir: string, ...args: string[]) {
  const io = fakeIO({ cwd: dir });
  const code = await runCli(["lint", ...args], io);
  return { code, out: io.out, err: io.err };
}

type Finding = { code: string; message: string; line: number };
const waiverFor = (rule: string) => `checklist: { waivers: [{ rule: ${rule}, reason: cluster has no priority classes yet, expires: 2027-01-15, owner: me }] }\n`;

describe("unused waivers are judged across the environments, not in each", () => {
  it("a waiver used in production is not unused because its rule does not apply in staging", async () => {
    const { dir, text } = await starter();
    writeFileSync(join(dir, "w.yaml"), text + waiverFor("priority-class-set"));
    const result = await lint(dir, "--as-of", "2026-12-01", "--format", "json", "w.yaml");
    const json = JSON.parse(result.out) as { reports: Array<{ environment: string; counts: { waived: number } }>; findings: Finding[] };
    expect(json.reports.find((r) => r.environment === "production")!.counts.waived).toBe(1);
    expect(json.findings.map((f) => f.code)).not.toContain("UNUSED_WAIVER");
    const shown = await lint(dir, "--as-of", "2026-12-01", "w.yaml");
    expect(shown.out).not.toContain("UNUSED_WAIVER");
  });

  it("a waiver that waives nothing in any environment is reported once, naming the environments", async () => {
    const { dir, text } = await starter();
    writeFileSync(join(dir, "w.yaml"), text + waiverFor("image-pinned"));
    const json = JSON.parse((await lint(dir, "--as-of", "2026-12-01", "--format", "json", "w.yaml")).out) as { findings: Finding[] };
    const unused = json.findings.filter((f) => f.code === "UNUSED_WAIVER");
    expect(unused).toHaveLength(1);
    expect(unused[0]!.message).toContain("image-pinned");
    expect(unused[0]!.message).toContain("(production, staging)");
  });

  it("--env checks one environment, so it does not judge a waiver unused (another may need it)", async () => {
    const { dir, text } = await starter();
    writeFileSync(join(dir, "w.yaml"), text + waiverFor("priority-class-set"));
    const staging = await lint(dir, "--as-of", "2026-12-01", "--env", "staging", "w.yaml");
    expect(staging.code).toBe(0);
    expect(staging.out).not.toContain("UNUSED_WAIVER");
  });
});

describe("an invalid manifest is never called ready, in any format", () => {
  /** The starter with `expose: true` on a port and no `expose` block: valid YAML and shape, invalid meaning. */
  async function invalid() {
    const { dir, text } = await starter();
    const bad = text.replace(/- \{ name: http, port: 8080 \}/, "- { name: http, port: 8080, expose: true }");
    expect(bad).not.toBe(text);
    writeFileSync(join(dir, "bad.yaml"), bad);
    const run = async (format: string) => {
      const result = await lint(dir, "--as-of", "2026-12-01", "--format", format, "bad.yaml");
      expect(result.code, format).toBe(1);
      return result.out;
    };
    return { dir, run };
  }
  const VERDICT = /\(production\): NOT READY \(invalid: 1 validation error\): \d+ passed/;

  it("text and markdown say NOT READY (invalid) and list the error", async () => {
    const { run } = await invalid();
    for (const format of ["text", "markdown"]) {
      const out = await run(format);
      expect(out, format).toMatch(VERDICT);
      expect(out, format).not.toMatch(/: ready/);
      expect(out, format).toContain("EXPOSE_PORT");
    }
  });

  it("json marks every report invalid, counts the errors and lists them", async () => {
    const { run } = await invalid();
    const json = JSON.parse(await run("json")) as { reports: Array<{ environment: string; summary: string; valid: boolean; validationErrors: number }>; findings: Array<{ code: string; severity: string }> };
    expect(json.reports.map((r) => [r.environment, r.valid, r.validationErrors])).toEqual([
      ["production", false, 1],
      ["staging", false, 1],
    ]);
    expect(json.reports[0]!.summary).toMatch(VERDICT);
    expect(json.findings).toContainEqual(expect.objectContaining({ code: "EXPOSE_PORT", severity: "error" }));
  });

  it("sarif carries the error as a result of level error; junit as a failing validation case", async () => {
    const { run } = await invalid();
    const sarif = JSON.parse(await run("sarif")) as { runs: Array<{ results: Array<{ ruleId: string; level: string }> }> };
    expect(sarif.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: "EXPOSE_PORT", level: "error" }));
    const junit = await run("junit");
    expect(junit).toMatch(/<testsuite name="berth validation" tests="1" failures="1"/);
    expect(junit).toMatch(/<testcase classname="validation" name="EXPOSE_PORT at bad.yaml:\d+:\d+">\n {6}<failure type="error"/);
  });

  it("an error found in one environment makes every environment not ready (compile rejects the whole manifest)", async () => {
    const { dir, text } = await starter();
    const ports = "    ports:\n      - { name: http, port: 8080, expose: true }\n      - { name: metrics, port: 9090 }\n";
    const bad = text.replace(/(\n  production:\n(?: {4}.*\n)*)/, `$1${ports}`);
    expect(bad).toContain(ports);
    writeFileSync(join(dir, "env.yaml"), bad);
    const result = await lint(dir, "--as-of", "2026-12-01", "env.yaml");
    expect(result.out).toContain("(in environment production)");
    expect(result.out).toMatch(/\(staging\): NOT READY \(invalid: 1 validation error\)/);
  });

  it("a manifest the checklist cannot judge (invalid shape) gets a NOT READY line too", async () => {
    const { dir, text } = await starter();
    writeFileSync(join(dir, "shape.yaml"), text + "checklist: { waivers: [{ rule: priority-class-set, reason: x, expires: 2027-01-15 }] }\n");
    const result = await lint(dir, "--as-of", "2026-12-01", "shape.yaml");
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/\(shape\.yaml\): NOT READY \(invalid: 1 error\): the checklist was not run/);
    const md = await lint(dir, "--as-of", "2026-12-01", "--format", "markdown", "shape.yaml");
    expect(md.out).toMatch(/- \*\*.*NOT READY \(invalid: 1 error\)/);
  });

  it("that line names the service through the masking function: an invalid name may be a credential", async () => {
    const { dir, text } = await starter();
    const token = "ghp_" + "Fz0a0A000aa0a0A0".padEnd(36, "0");
    writeFileSync(join(dir, "leak.yaml"), text.replace(/^name: .*$/m, `name: ${token}`));
    for (const format of ["text", "json", "markdown"]) {
      const result = await lint(dir, "--as-of", "2026-12-01", "--format", format, "leak.yaml");
      expect(result.code, format).toBe(1);
      expect(result.out, format).toContain("NOT READY (invalid:");
      expect(result.out + result.err, format).not.toContain(token.slice(4));
    }
  });
});

describe("impossible calendar dates are rejected", () => {
  it("--as-of takes only a day of the calendar: anything else is a usage error (exit 2)", async () => {
    const { dir } = await starter();
    for (const date of ["2026-13-45", "9999-99-99", "2026-02-30", "2027-02-29"]) {
      const result = await lint(dir, "--as-of", date, "service.yaml");
      expect(result.code, date).toBe(2);
      expect(result.err, date).toContain(`--as-of must be a calendar date, YYYY-MM-DD (got "${date}": no such day on the calendar)`);
      expect(result.out, date).toBe("");
    }
    expect((await lint(dir, "--as-of", "2028-02-29", "service.yaml")).code).toBe(0);
  });

  it("a manifest's waiver expiry and attestation date must be days of the calendar (the schema's date, shared by every date), located at file:line:col", async () => {
    const { dir, text } = await starter();
    const manifest =
      text +
      "checklist:\n" +
      "  waivers: [{ rule: priority-class-set, reason: cluster has no priority classes yet, expires: 2027-02-30 }]\n" +
      "  attestations: [{ item: load-test, evidence: https://example.com/load, date: 2026-04-31 }]\n";
    writeFileSync(join(dir, "dates.yaml"), manifest);
    const lines = manifest.split("\n");
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return `dates.yaml:${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
    };
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["validate", join(dir, "dates.yaml")], io)).toBe(1);
    expect(io.out + io.err).toContain(`${at("2027-02-30")}: error[INVALID_DATE]: checklist.waivers[0].expires: "2027-02-30" is not a valid date`.replace("dates.yaml", join(dir, "dates.yaml")));
    expect(io.out + io.err).toContain(`${at("2026-04-31")}: error[INVALID_DATE]: checklist.attestations[0].date: "2026-04-31" is not a valid date`.replace("dates.yaml", join(dir, "dates.yaml")));
    const linted = await lint(dir, "--as-of", "2026-12-01", "dates.yaml");
    expect(linted.code).toBe(1);
    expect(linted.out).toContain(`${at("2027-02-30")}: error[INVALID_DATE]`);
  });
});
