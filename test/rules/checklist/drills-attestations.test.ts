// Drills that go overdue (judged by lint's --as-of, never by compile) and attestations of the manifest's own.
import { describe, expect, it, vi } from "vitest";
import { checklistEmitter } from "../../../emitters/checklist/index.js";
import { runCli } from "../../../src/cli/program.js";
import { lintManifest } from "../../../src/lint/lint-manifest.js";
import { fakeIO } from "../../cli/fake-io.js";
import { load } from "../../helpers.js";
import { COMPLIANT } from "./compliant.js";

// Runs the CLI on a bundled example: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 60_000 });

const root = new URL("../../../", import.meta.url).pathname;
/** The compliant manifest's drill: 2026-05-01, every 90 days, so due on 2026-07-30. */
const OLD_DRILL = COMPLIANT.replace("last: 2026-10-01", "last: 2026-05-01");

const drillStatus = async (text: string, asOf?: string) => {
  const { reports, findings } = await lintManifest(await load(text), asOf ? { asOf } : {});
  return { status: reports[0]!.results.find((r) => r.rule.id === "restore-drill-current")!.status, findings: findings.filter((f) => f.code === "restore-drill-current") };
};

describe("restore-drill-current: an overdue drill is a finding as of --as-of", () => {
  it("is not judged without an as-of date (compile's checklist never reads the clock)", async () => {
    expect((await drillStatus(OLD_DRILL)).status).toBe("not-applicable");
    const m = (await load(OLD_DRILL)).models[0]!;
    const md = checklistEmitter.emit(m, { source: "service.yaml" }).find((f) => f.path === "checklist.md")!.content;
    expect(md).toMatch(/`restore-drill-current`\) \| error \| does not apply \|/);
  });

  it("passes up to the due date and fails the day after (last + cadence < as-of)", async () => {
    expect((await drillStatus(OLD_DRILL, "2026-07-30")).status).toBe("pass");
    const late = await drillStatus(OLD_DRILL, "2026-07-31");
    expect(late.status).toBe("fail");
    expect(late.findings).toMatchObject([{ severity: "error", message: "the last restore drill (2026-05-01) is overdue: its 90d cadence ran out on 2026-07-30, before 2026-07-31" }]);
  });

  it("the summary is no longer ready once the drill is overdue", async () => {
    const io = fakeIO({ cwd: root });
    // orders-api's drill: 2026-10-14 every 90d, due 2027-01-12.
    expect(await runCli(["lint", "--as-of", "2027-01-12", "examples/orders-api/service.yaml"], io)).toBe(0);
    const late = fakeIO({ cwd: root });
    expect(await runCli(["lint", "--as-of", "2027-01-13", "examples/orders-api/service.yaml"], late)).toBe(1);
    expect(late.out).toMatch(/error\[restore-drill-current\]/);
    expect(late.out).toMatch(/orders-api \(production\): NOT READY/);
  });

  it("is a warning outside production", async () => {
    const staging = OLD_DRILL.replace("kind: Service\n", "kind: Service\ntier: staging\n");
    expect((await drillStatus(staging, "2026-11-22")).findings).toMatchObject([{ severity: "warning" }]);
  });
});

describe("custom attestations are kept, reported and shown", () => {
  // COMPLIANT ends inside its `checklist.attestations` list: one more item.
  const WITH_CUSTOM = COMPLIANT + "    - { item: sox-access-review, evidence: https://grc.example.com/ledger-q3, date: 2026-10-01 }\n";

  it("the report lists them after berth's own, marked custom", async () => {
    const { reports } = await lintManifest(await load(WITH_CUSTOM));
    const custom = reports[0]!.attestations.filter((a) => a.attestation.custom);
    expect(custom).toMatchObject([{ attestation: { id: "sox-access-review" }, evidence: "https://grc.example.com/ledger-q3", date: "2026-10-01" }]);
    expect(reports[0]!.attestations.map((a) => a.attestation.id).slice(0, 5)).toEqual(["restore-drill", "cluster-prerequisites", "review-before-merge", "security-review", "load-test"]);
  });

  it("reach lint's text, JSON and Markdown output", async () => {
    const file = "examples/ledger-external-postgres/service.yaml";
    const run = async (...args: string[]) => {
      const io = fakeIO({ cwd: root });
      await runCli(["lint", "--as-of", "2026-11-22", ...args, file], io);
      return io.out;
    };
    expect(await run()).toContain("attested (custom): sox-access-review https://grc.example.com/reviews/ledger-2026-q3 (2026-10-01)");
    const json = JSON.parse(await run("--format", "json")) as { reports: Array<{ attestations: Array<Record<string, unknown>> }> };
    expect(json.reports[0]!.attestations).toContainEqual({ item: "sox-access-review", custom: true, evidence: "https://grc.example.com/reviews/ledger-2026-q3", date: "2026-10-01" });
    expect(await run("--format", "markdown")).toContain("attested (custom): `sox-access-review` [evidence](https://grc.example.com/reviews/ledger-2026-q3) (2026-10-01)");
  });

  it("reach checklist.md and checklist.json", async () => {
    const m = (await load(WITH_CUSTOM)).models[0]!;
    const files = checklistEmitter.emit(m, { source: "service.yaml" });
    const md = files.find((f) => f.path === "checklist.md")!.content;
    expect(md).toContain("| ✅ | **sox-access-review (custom)** (`sox-access-review`) | [https://grc.example.com/ledger-q3](https://grc.example.com/ledger-q3) (2026-10-01) |");
    const json = JSON.parse(files.find((f) => f.path === "checklist.json")!.content) as { attestations: Array<Record<string, unknown>> };
    expect(json.attestations).toContainEqual({ id: "sox-access-review", title: "sox-access-review", custom: true, evidence: "https://grc.example.com/ledger-q3", date: "2026-10-01" });
  });
});
