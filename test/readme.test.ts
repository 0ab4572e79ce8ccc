import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderReference } from "../src/schema/render-reference.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("starts with the install-and-demo command and the test command", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(firstBlock).toMatch(/^npm ci && npm run demo/m);
    expect(firstBlock).toMatch(/^npm test/m);
    const scripts = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts;
    expect(scripts.demo).toMatch(/node bin\/berth\.cjs compile /);
    expect(scripts.test).toMatch(/vitest run/);
  });

  it("shows only manifests that validate with no error or warning (the first ones a newcomer copies)", async () => {
    const { loadManifest } = await import("../src/pipeline.js");
    const manifests = [...readme.matchAll(/```yaml\n(apiVersion: berth\/v1\n[\s\S]*?)```/g)].map((m) => m[1]!);
    expect(manifests.length).toBeGreaterThanOrEqual(1);
    for (const text of manifests) {
      const loaded = await loadManifest("readme-example.yaml", new TextEncoder().encode(text));
      expect(loaded.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([]);
      expect(loaded.models.length).toBeGreaterThan(0);
    }
  }, 30_000);

  it("shows the message `berth validate` prints for the starter manifest with `replicas` misspelt, as it prints it", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runCli } = await import("../src/cli/program.js");
    const { fakeIO } = await import("./cli/fake-io.js");
    const shown = /frame and a hint \(here `berth init --name orders`'s manifest with `replicas` misspelt\):\n\n```text\n([\s\S]*?)```/.exec(readme)![1]!;
    const dir = mkdtempSync(join(tmpdir(), "berth-readme-"));
    expect(await runCli(["init", "--name", "orders"], fakeIO({ cwd: dir }))).toBe(0);
    const file = join(dir, "service.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^replicas:/m, "replcas:"));
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["validate", "service.yaml"], io)).toBe(1);
    const trimmed = (text: string) => text.replace(/ +$/gm, "");
    expect(trimmed(io.out + io.err).startsWith(trimmed(shown))).toBe(true);
  }, 30_000);

  it("holds the manifest reference generated from the current schema (run `npm run docs` if this fails)", () => {
    const start = readme.indexOf("<!-- reference:start");
    const body = readme.slice(readme.indexOf("-->", start) + 4, readme.indexOf("<!-- reference:end -->"));
    expect(body).toBe(renderReference());
  });
});

describe("README and the rule catalogue agree", () => {
  it("lists every checklist rule in its area's row, in report order, and no rule that does not exist", async () => {
    const { CHECKLIST_RULES } = await import("../src/rules/registry.js");
    const rows = [...readme.matchAll(/^\| (\w+) \| ((?:`[a-z0-9-]+`(?:, )?)+)/gm)].map((m) => [m[1]!, [...m[2]!.matchAll(/`([a-z0-9-]+)`/g)].map((r) => r[1]!)] as const);
    const documented = Object.fromEntries(rows);
    const byArea: Record<string, string[]> = {};
    for (const rule of CHECKLIST_RULES) (byArea[rule.area] ??= []).push(rule.id);
    expect(documented).toEqual(byArea);
  });

  it("names only existing rules wherever the docs call something a checklist finding", async () => {
    const { findRule } = await import("../src/rules/registry.js");
    const named = [...readme.matchAll(/checklist finding[^.|]*?\(`([a-z0-9-]+)`\)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const id of named) expect(findRule(id)?.stage, id).toBe("checklist");
  });
});
