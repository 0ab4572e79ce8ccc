import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { fakeIO } from "../cli/fake-io.js";
import { BASE_YAML } from "../helpers.js";

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-config-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function lint(dir: string, ...args: string[]) {
  const io = fakeIO({ cwd: dir });
  const code = await runCli(["lint", "--as-of", "2026-11-22", ...args, join(dir, "service.yaml")], io);
  return { code, out: io.out, err: io.err };
}

describe("berth lint with a config file", () => {
  it("prints config problems like manifest problems (file:line:col, code frame, hint) and exits 1 without linting", async () => {
    const dir = workdir({ "service.yaml": BASE_YAML, "berth.config.yaml": "checklist:\n  severity:\n    min-replica: off\n    image-pinned: fatal\n" });
    const result = await lint(dir);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toContain('berth.config.yaml:3:5: error[UNKNOWN_RULE]: no checklist rule is called "min-replica" (did you mean "min-replicas"?)');
    expect(result.err).toContain("> 3 |     min-replica: off\n    |     ^^^^^^^^^^^");
    expect(result.err).toContain('hint: Rename it to "min-replicas".');
    expect(result.err).toContain("berth.config.yaml:4:19: error[INVALID_VALUE]");
    expect(result.err).toContain("nothing checked; fix the config file berth.config.yaml first");
  });

  it("applies a valid config from the working directory", async () => {
    // BASE_YAML declares no resources: resources-declared fails, as a warning unless configured.
    const dir = workdir({ "service.yaml": BASE_YAML });
    const severityOf = (out: string) => (JSON.parse(out).findings as Array<{ code: string; severity: string }>).find((f) => f.code === "resources-declared")?.severity;
    expect(severityOf((await lint(dir, "--format", "json")).out)).toBe("warning");
    writeFileSync(join(dir, "berth.config.yaml"), "checklist:\n  severity:\n    resources-declared: error\n");
    const strict = await lint(dir, "--format", "json");
    expect(severityOf(strict.out)).toBe("error");
    expect(strict.code).toBe(1);
    writeFileSync(join(dir, "berth.config.yaml"), "checklist:\n  severity:\n    resources-declared: off\n");
    expect(severityOf((await lint(dir, "--format", "json")).out)).toBeUndefined();
  });

  it("reads --config relative to the working directory; a missing one is FILE_NOT_FOUND (exit 1)", async () => {
    const dir = workdir({ "service.yaml": BASE_YAML });
    mkdirSync(join(dir, "ci"));
    writeFileSync(join(dir, "ci", "lint.yaml"), "checklist:\n  severty: {}\n");
    const wrong = await lint(dir, "--config", "ci/lint.yaml");
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('ci/lint.yaml:2:3: error[UNKNOWN_KEY]: unknown key "severty" in checklist (did you mean "severity"?)');
    const missing = await lint(dir, "--config", "ci/nope.yaml");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("ci/nope.yaml:1:1: error[FILE_NOT_FOUND]");
    expect(missing.err).toContain("hint: Check the path given to `--config`.");
  });

  it("an absent berth.config.yaml is an empty config", async () => {
    const dir = workdir({ "service.yaml": BASE_YAML });
    const result = await lint(dir);
    expect(result.err).toBe("");
    expect(result.out).toContain("orders-api (production)");
  });

  it("shows a YAML syntax error in the config file with its code frame", async () => {
    const dir = workdir({ "service.yaml": BASE_YAML, "berth.config.yaml": "checklist:\n  severity: [\n" });
    const result = await lint(dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/berth\.config\.yaml:2:\d+: error\[YAML_SYNTAX\]/);
    expect(result.err).toContain("> 2 |   severity: [");
  });
});
