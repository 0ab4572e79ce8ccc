import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { REPO_ROOT, sharedDir, tempDir } from "../support/tools.js";
import { fakeIO } from "./fake-io.js";

// Runs whole lints through the CLI and compiles the SARIF schema: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const UNSAFE = join(REPO_ROOT, "test/fixtures/unsafe/service.yaml");

/** A scratch repository (a `.git` folder is what berth looks for) with the unsafe manifest at services/shop/service.yaml. */
function scratchRepo(config?: string): string {
  const repo = tempDir("berth-sarif-");
  mkdirSync(join(repo, ".git"));
  mkdirSync(join(repo, "services", "shop"), { recursive: true });
  copyFileSync(UNSAFE, join(repo, "services", "shop", "service.yaml"));
  if (config !== undefined) writeFileSync(join(repo, "berth.config.yaml"), config);
  return repo;
}

async function sarifFrom(cwd: string, ...args: string[]) {
  const io = fakeIO({ cwd });
  const code = await runCli(["lint", "--as-of", "2026-11-22", "--format", "sarif", ...args], io);
  expect(io.err).toBe("");
  return { code, sarif: JSON.parse(io.out) };
}

function sarifValidator() {
  const shared = sharedDir();
  if (!shared) return undefined;
  const schema = JSON.parse(readFileSync(join(shared, "conformance/sarif/sarif-schema-2.1.0.json"), "utf8"));
  const Draft04 = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as new (options: object) => Ajv;
  return new Draft04({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
}

describe("SARIF locations are relative to the repository root", () => {
  it("from a subfolder: valid SARIF 2.1.0, every URI repo-relative under %SRCROOT%", async (ctx) => {
    const validate = sarifValidator();
    if (!validate) return ctx.skip();
    const repo = scratchRepo();
    const { code, sarif } = await sarifFrom(join(repo, "services"), "shop/service.yaml");
    expect(code).toBe(1);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const run = sarif.runs[0];
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe(pathToFileURL(repo).href + "/");
    expect(run.results.length, JSON.stringify(run.results.map((r: { ruleId: string }) => r.ruleId))).toBeGreaterThan(3);
    for (const result of run.results) {
      expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "services/shop/service.yaml", uriBaseId: "%SRCROOT%" });
    }
  });

  it("gives the same URIs and fingerprints from the root and from a subfolder", async () => {
    const repo = scratchRepo();
    const fromRoot = (await sarifFrom(repo, "services/shop/service.yaml")).sarif.runs[0].results;
    const fromSub = (await sarifFrom(join(repo, "services", "shop"), "service.yaml")).sarif.runs[0].results;
    const key = (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; partialFingerprints: object }) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.partialFingerprints];
    expect(fromSub.map(key)).toEqual(fromRoot.map(key));
  });

  it("repository_root in berth.config.yaml overrides .git", async () => {
    const repo = scratchRepo("repository_root: services\n");
    const { sarif } = await sarifFrom(repo, "services/shop/service.yaml");
    expect(sarif.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe(pathToFileURL(join(repo, "services")).href + "/");
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("shop/service.yaml");
  });

  it("a file outside the root keeps an absolute file URI and no base", async () => {
    const repo = scratchRepo();
    const { sarif } = await sarifFrom(join(repo, "services"), UNSAFE);
    const location = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(location).toEqual({ uri: pathToFileURL(UNSAFE).href });
  });
});

describe("SARIF rules for GitHub code scanning", () => {
  it("security rules carry security-severity and the security tag; others do not; help has Markdown", async () => {
    const { sarif } = await sarifFrom(scratchRepo(), "services/shop/service.yaml");
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string }; properties: { tags: string[]; "security-severity"?: string } }>;
    const { findRule } = await import("../../src/rules/registry.js");
    const security = rules.filter((r) => ["security", "auth"].includes(findRule(r.id)?.area ?? ""));
    expect(security.length).toBeGreaterThan(3);
    for (const rule of rules) {
      expect(rule.help.markdown, rule.id).toContain(`berth explain ${rule.id}`);
      if (security.includes(rule)) {
        expect(rule.properties.tags, rule.id).toContain("security");
        const score = Number(rule.properties["security-severity"]);
        expect(score, rule.id).toBe(rule.defaultConfiguration.level === "error" ? 8 : rule.defaultConfiguration.level === "warning" ? 5 : 2);
      } else {
        expect(rule.properties["security-severity"], rule.id).toBeUndefined();
      }
    }
    const cors = rules.find((r) => r.id === "cors-no-wildcard");
    expect(cors?.help.markdown).toMatch(/^### .+\n\n\*\*Why:\*\* .+\n\n\*\*Fix:\*\* /);
  });
});
