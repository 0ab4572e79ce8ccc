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
