import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { REPO_ROOT, tempDir } from "../support/tools.js";
import { fakeIO } from "./fake-io.js";

// Compiles whole examples through the CLI: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** A scratch repository with two examples under services/ and, optionally, a berth.config.yaml at its root. */
function scratchRepo(config?: string): string {
  const repo = tempDir("berth-compile-config-");
  mkdirSync(join(repo, ".git"));
  for (const example of ["minimal-web", "orders-api"]) {
    mkdirSync(join(repo, "services", example), { recursive: true });
    copyFileSync(join(REPO_ROOT, "examples", example, "service.yaml"), join(repo, "services", example, "service.yaml"));
  }
  if (config !== undefined) writeFileSync(join(repo, "berth.config.yaml"), config);
  return repo;
}

async function run(cwd: string, ...args: string[]) {
  const io = fakeIO({ cwd });
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

/** The top-level entries of every environment folder under `out`, e.g. ["checklist.md", "kubernetes"] (a service folder also holds berth's record, a file, and the chart's helm/). */
function rootsIn(out: string): string[] {
  const roots = new Set<string>();
  for (const service of folders(out)) for (const env of folders(join(out, service)).filter((f) => f !== "helm")) for (const entry of readdirSync(join(out, service, env))) roots.add(entry);
  return [...roots].sort();
}

const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

/** The services under `out` that have a chart (`<service>/helm/<service>/Chart.yaml`). */
function chartsIn(out: string): string[] {
  return folders(out).filter((service) => existsSync(join(out, service, "helm", service, "Chart.yaml")));
}

const MANIFESTS = ["services/minimal-web/service.yaml", "services/orders-api/service.yaml"];

describe("berth.config.yaml chooses what compile writes", () => {
  it("writes only the configured emitters into the configured output root, from any folder of the repository", async () => {
    const repo = scratchRepo("compile:\n  out: gitops\n  emit: [kubernetes]\n");
    const result = await run(join(repo, "services"), "compile", "minimal-web/service.yaml", "orders-api/service.yaml");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Compiled 2 manifests into \.\.\/gitops\/: \d+ written/);
    expect(existsSync(join(repo, "deploy"))).toBe(false);
    expect(existsSync(join(repo, "services", "gitops"))).toBe(false);
    expect(rootsIn(join(repo, "gitops"))).toEqual(["kubernetes"]);
    expect(chartsIn(join(repo, "gitops"))).toEqual([]);
    expect((await run(repo, "check", ...MANIFESTS)).code).toBe(0);
  });

  it("with only helm configured: one chart per service and no environment folders", async () => {
    const repo = scratchRepo("compile:\n  emit: [helm]\n");
    expect((await run(repo, "compile", ...MANIFESTS)).code).toBe(0);
    const out = join(repo, "deploy");
    expect(chartsIn(out)).toEqual(["hello-web", "orders-api"]);
    for (const service of folders(out)) expect(folders(join(out, service)), service).toEqual(["helm"]);
    expect((await run(repo, "check", ...MANIFESTS)).code).toBe(0);
    // Turning helm off removes the chart as stale; the environment folders come back.
    writeFileSync(join(repo, "berth.config.yaml"), "compile:\n  emit: [kubernetes]\n");
    expect((await run(repo, "check", ...MANIFESTS)).out).toMatch(/^stale: {3}deploy\/hello-web\/helm\/hello-web\/Chart\.yaml/m);
    expect((await run(repo, "compile", ...MANIFESTS)).code).toBe(0);
    expect(chartsIn(out)).toEqual([]);
    expect(rootsIn(out)).toEqual(["kubernetes"]);
  });

  it("--emit helm writes the chart and leaves the other outputs as they are; --emit kubernetes leaves the chart", async () => {
    const repo = scratchRepo();
    expect((await run(repo, "compile", "--emit", "kubernetes", ...MANIFESTS)).code).toBe(0);
    expect((await run(repo, "compile", "--emit", "helm", ...MANIFESTS)).code).toBe(0);
    expect(rootsIn(join(repo, "deploy"))).toEqual(["kubernetes"]);
    expect(chartsIn(join(repo, "deploy"))).toEqual(["hello-web", "orders-api"]);
    expect((await run(repo, "compile", "--emit", "kubernetes", ...MANIFESTS)).code).toBe(0);
    expect(chartsIn(join(repo, "deploy"))).toEqual(["hello-web", "orders-api"]);
  });

  it("a misspelt --emit is a usage error that names the output meant", async () => {
    const repo = scratchRepo();
    const result = await run(repo, "compile", "--emit", "kubernets,zzz", ...MANIFESTS);
    expect(result.code).toBe(2);
    expect(result.err).toBe("berth compile: unknown emitter kubernets (did you mean kubernetes?), zzz; available: kubernetes, helm, backup, prometheus, grafana, checklist\n");
    expect(existsSync(join(repo, "deploy"))).toBe(false);
  });

  it("--emit and --out override the config for one run", async () => {
    const repo = scratchRepo("compile:\n  out: gitops\n  emit: [kubernetes]\n");
    expect((await run(repo, "compile", "--emit", "checklist", "--out", "elsewhere", ...MANIFESTS)).code).toBe(0);
    expect(rootsIn(join(repo, "elsewhere"))).toEqual(["checklist.json", "checklist.md"]);
    expect(existsSync(join(repo, "gitops"))).toBe(false);
  });

  it("dropping an emitter from the config removes its files as stale; --emit only narrows and removes nothing else", async () => {
    const repo = scratchRepo("compile:\n  emit: [kubernetes, checklist]\n");
    expect((await run(repo, "compile", ...MANIFESTS)).code).toBe(0);
    expect(rootsIn(join(repo, "deploy"))).toEqual(["checklist.json", "checklist.md", "kubernetes"]);
    expect((await run(repo, "compile", "--emit", "kubernetes", ...MANIFESTS)).code).toBe(0);
    expect(rootsIn(join(repo, "deploy"))).toEqual(["checklist.json", "checklist.md", "kubernetes"]);
    writeFileSync(join(repo, "berth.config.yaml"), "compile:\n  emit: [kubernetes]\n");
    const check = await run(repo, "check", ...MANIFESTS);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/^stale: {3}deploy\/hello-web\/[^/]+\/checklist\.md \(generated, but no longer produced\)$/m);
    expect((await run(repo, "compile", ...MANIFESTS)).code).toBe(0);
    expect(rootsIn(join(repo, "deploy"))).toEqual(["kubernetes"]);
  });

  it("without a config, compile writes every emitter into deploy/", async () => {
    const repo = scratchRepo();
    expect((await run(repo, "compile", ...MANIFESTS)).code).toBe(0);
    expect(rootsIn(join(repo, "deploy"))).toEqual(expect.arrayContaining(["checklist.md", "kubernetes"]));
    expect(rootsIn(join(repo, "deploy"))).not.toContain("helm");
    expect(chartsIn(join(repo, "deploy"))).toEqual(["hello-web", "orders-api"]);
  });

  it("an unknown emitter in the config is a located error with a did-you-mean, and nothing is written", async () => {
    const repo = scratchRepo("compile:\n  emit: [kubernetes, hlem]\n");
    const result = await run(repo, "compile", ...MANIFESTS);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^berth\.config\.yaml:2:22: error\[INVALID_VALUE\]/);
    expect(result.err).toContain('"helm"');
    expect(result.err).toContain("fix the config file berth.config.yaml first");
    expect(existsSync(join(repo, "deploy"))).toBe(false);
  });

  it("lint.fail_on: warning makes warnings fail lint; --fail-on error wins", async () => {
    const repo = scratchRepo("lint:\n  fail_on: warning\n");
    const manifest = "services/minimal-web/service.yaml";
    const json = JSON.parse((await run(repo, "lint", "--as-of", "2026-11-22", "--format", "json", manifest)).out) as { findings: Array<{ severity: string; status: string }> };
    const hasWarnings = json.findings.some((f) => f.severity === "warning" && f.status !== "waived");
    const hasErrors = json.findings.some((f) => f.severity === "error" && f.status !== "waived");
    expect(hasWarnings && !hasErrors, "minimal-web has warnings but no errors").toBe(true);
    expect((await run(repo, "lint", "--as-of", "2026-11-22", manifest)).code).toBe(1);
    expect((await run(repo, "lint", "--as-of", "2026-11-22", "--fail-on", "error", manifest)).code).toBe(0);
  });
});

describe("compile and check --format json", () => {
  it("compile: files written, unchanged and stale per manifest, with totals", async () => {
    const repo = scratchRepo("compile:\n  emit: [kubernetes]\n");
    const first = await run(repo, "compile", "--format", "json", ...MANIFESTS);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report).toMatchObject({ command: "compile", ok: true, out: "deploy" });
    expect(report.manifests.map((m: { file: string; service: string }) => [m.file, m.service])).toEqual([[MANIFESTS[0], "hello-web"], [MANIFESTS[1], "orders-api"]]);
    for (const m of report.manifests) {
      expect(m.written.length).toBeGreaterThan(0);
      for (const path of m.written) expect(path).toMatch(new RegExp(`^deploy/${m.service}/[^/]+/kubernetes/`));
      expect(m.unchanged).toEqual([]);
    }
    expect(report.totals.written).toBe(report.manifests[0].written.length + report.manifests[1].written.length);
    const second = JSON.parse((await run(repo, "compile", "--format", "json", ...MANIFESTS)).out);
    expect(second.totals).toEqual({ written: 0, unchanged: report.totals.written, stale: 0 });
    expect(second.manifests[0].unchanged).toEqual(report.manifests[0].written);
  });

  it("check: changed, missing and stale files per manifest; exit 1 when out of date", async () => {
    const repo = scratchRepo("compile:\n  emit: [kubernetes]\n");
    const compiled = JSON.parse((await run(repo, "compile", "--format", "json", ...MANIFESTS)).out);
    const service = compiled.manifests[0].service as string;
    const target = compiled.manifests[0].written[0] as string;
    // An edit inside a generated file (its header kept): berth's to replace.
    writeFileSync(join(repo, target), readFileSync(join(repo, target), "utf8") + "# edited by hand\n");
    // Only the manifests are inputs to the record: an edit of the output itself is caught by reading every file.
    const check = await run(repo, "check", "--no-cache", "--format", "json", ...MANIFESTS);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.out);
    expect(report).toMatchObject({ command: "check", ok: false, upToDate: false, totals: { changed: 1, missing: 0, stale: 0 } });
    expect(report.manifests[0]).toMatchObject({ service, changed: [target], missing: [], stale: [] });
    expect(report.manifests[1].changed).toEqual([]);
    expect(report.hint).toContain("berth compile");
    const clean = await run(repo, "compile", "--no-cache", ...MANIFESTS);
    expect(clean.code).toBe(0);
    expect(JSON.parse((await run(repo, "check", "--no-cache", "--format", "json", ...MANIFESTS)).out)).toMatchObject({ ok: true, upToDate: true, totals: { changed: 0, missing: 0, stale: 0 } });
  });

  it("invalid manifests: diagnostics per manifest in the JSON, exit 1", async () => {
    const repo = scratchRepo();
    writeFileSync(join(repo, "services", "minimal-web", "service.yaml"), "apiVersion: berth/v1\nkind: Service\nname: x\nimage: nginx:1\nreplicas: many\n");
    for (const command of ["compile", "check"]) {
      const result = await run(repo, command, "--format", "json", ...MANIFESTS);
      expect(result.code, command).toBe(1);
      const report = JSON.parse(result.out);
      expect(report.ok).toBe(false);
      expect(report.manifests[0].diagnostics.length).toBeGreaterThan(0);
      expect(report.manifests[0].diagnostics[0]).toMatchObject({ file: MANIFESTS[0], severity: "error", line: expect.any(Number), col: expect.any(Number), code: expect.any(String) });
      expect(report.manifests[1].diagnostics.filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
    }
  });
});

describe("berth's own output is never taken for a manifest", () => {
  it("validate, lint, compile and check skip files that start with berth's generated header, and say so", async () => {
    const repo = scratchRepo("compile:\n  emit: [kubernetes, helm]\n");
    expect((await run(repo, "compile", MANIFESTS[0]!)).code).toBe(0);
    const generated = ["deploy/hello-web/production/kubernetes/service.yaml", "deploy/hello-web/helm/hello-web/templates/service.yaml"];
    for (const file of generated) expect(existsSync(join(repo, file)), file).toBe(true);
    const alone = await run(repo, "lint", "--as-of", "2026-11-22", "--format", "json", MANIFESTS[0]!);
    const withOutput = await run(repo, "lint", "--as-of", "2026-11-22", "--format", "json", MANIFESTS[0]!, ...generated);
    expect(withOutput.code).toBe(alone.code);
    expect(withOutput.out).toBe(alone.out);
    for (const file of generated) expect(withOutput.err).toContain(`berth lint: skipping ${file} (generated by berth, not a manifest)`);
    const check = await run(repo, "check", MANIFESTS[0]!, ...generated);
    expect(check.code).toBe(0);
    expect(check.err).toContain(`berth check: skipping ${generated[0]}`);
    const validate = await run(repo, "validate", MANIFESTS[0]!, ...generated);
    expect(validate.code, validate.err).toBe(0);
    for (const file of generated) expect(validate.err).toContain(`berth validate: skipping ${file} (generated by berth, not a manifest)`);
    expect(validate.out).toContain(`${MANIFESTS[0]} is valid`);
    expect(validate.err).not.toContain("error[");
  });
});
