import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { BASE_YAML } from "../helpers.js";
import { fakeIO } from "./fake-io.js";

// Runs whole commands in-process (compile, and HCL's WebAssembly parser on first use): never on vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("berth validate", () => {
  it("exits 0 and confirms each valid file", async () => {
    const dir = workdir({ "a.yaml": BASE_YAML });
    const io = fakeIO();
    expect(await runCli(["validate", join(dir, "a.yaml")], io)).toBe(0);
    expect(io.out).toContain("a.yaml is valid (1 environment: production)");
    expect(io.err).toBe("");
  });

  it("exits 1 with every file's problems, as text without colour off a terminal", async () => {
    const dir = workdir({ "a.yaml": BASE_YAML + "replcas: 2\n", "b.yaml": BASE_YAML });
    const io = fakeIO();
    expect(await runCli(["validate", join(dir, "a.yaml"), join(dir, "b.yaml"), join(dir, "missing.yaml")], io)).toBe(1);
    expect(io.err).toContain(`${join(dir, "a.yaml")}:12:1: error[UNKNOWN_KEY]`);
    expect(io.err).toContain("> 12 | replcas: 2");
    expect(io.err).toContain("hint:");
    expect(io.err).toContain("missing.yaml:1:1: error[FILE_NOT_FOUND]");
    expect(io.err).toContain("3 manifests checked: 2 invalid manifests, 2 errors, 0 warnings");
    expect(io.out).toContain("b.yaml is valid");
    expect(io.err).not.toContain("\x1b[");
  });

  it("says when a missing path is a pattern the shell matched nothing with", async () => {
    const dir = workdir();
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["validate", "services/*.yaml", "missing.yaml"], io)).toBe(1);
    expect(io.err).toContain("services/*.yaml:1:1: error[FILE_NOT_FOUND]: no such file\n  hint: No file matches this pattern; the shell passes unmatched patterns on as they are.");
    expect(io.err).toContain("missing.yaml:1:1: error[FILE_NOT_FOUND]: no such file\n  hint: Check the path;");
  });

  it("colours a terminal unless NO_COLOR is set", async () => {
    const dir = workdir({ "a.yaml": BASE_YAML + "replcas: 2\n" });
    const tty = fakeIO({ stderrIsTTY: true, stdoutIsTTY: true });
    await runCli(["validate", join(dir, "a.yaml")], tty);
    expect(tty.err).toContain("\x1b[");
    const noColor = fakeIO({ stderrIsTTY: true, stdoutIsTTY: true, env: { NO_COLOR: "1" } });
    await runCli(["validate", join(dir, "a.yaml")], noColor);
    expect(noColor.err).not.toContain("\x1b[");
  });

  it("prints machine-readable JSON with --format json", async () => {
    const dir = workdir({ "a.yaml": BASE_YAML + "env: { DB_PASSWORD: hunter2 }\n" });
    const io = fakeIO();
    expect(await runCli(["validate", "--format", "json", join(dir, "a.yaml")], io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report.valid).toBe(false);
    expect(report.files[0].diagnostics[0]).toMatchObject({ code: "LITERAL_CREDENTIAL", line: 12, col: 21, severity: "error", path: "/env/DB_PASSWORD" });
    expect(io.out).not.toContain("hunter2");
  });

  it("masks a literal credential in every code frame, its own and its neighbours'", async () => {
    const dir = workdir({ "a.yaml": BASE_YAML + "env:\n  DB_PASSWORD: hunter2\n  bad-name: x\n" });
    const io = fakeIO();
    await runCli(["validate", join(dir, "a.yaml")], io);
    expect(io.err).toContain("LITERAL_CREDENTIAL");
    expect(io.err).not.toContain("hunter2");
  });

  it("treats usage mistakes as exit 2", async () => {
    expect(await runCli(["validate"], fakeIO())).toBe(2);
    expect(await runCli(["frobnicate"], fakeIO())).toBe(2);
    expect(await runCli(["validate", "--format", "xml", "a.yaml"], fakeIO())).toBe(2);
    expect(await runCli(["--version"], fakeIO())).toBe(0);
  });
});

describe("berth schema", () => {
  it("prints the JSON Schema and the Markdown reference", async () => {
    const json = fakeIO();
    expect(await runCli(["schema"], json)).toBe(0);
    expect(JSON.parse(json.out).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const md = fakeIO();
    await runCli(["schema", "--format", "markdown"], md);
    expect(md.out).toMatch(/^### Top level/);
  });
});

describe("berth init", () => {
  for (const format of ["yaml", "hcl"] as const) {
    it(`writes a ${format} starter that validates, named after the directory`, async () => {
      const dir = join(workdir(), "..", `Shop_Front-${format}`);
      const { mkdirSync } = await import("node:fs");
      mkdirSync(dir, { recursive: true });
      const io = fakeIO({ cwd: dir });
      expect(await runCli(["init", "--format", format, "--force"], io)).toBe(0);
      const file = join(dir, `service.${format}`);
      expect(readFileSync(file, "utf8")).toContain(format === "yaml" ? `name: shop-front-${format}` : `name        = "shop-front-${format}"`);
      const check = fakeIO();
      expect(await runCli(["validate", file], check)).toBe(0);
      expect(check.err).toBe("");
    });
  }

  it("never overwrites an existing file without --force", async () => {
    const dir = workdir({ "service.yaml": "mine" });
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["init", "--name", "orders"], io)).toBe(2);
    expect(io.err).toContain("already exists");
    expect(readFileSync(join(dir, "service.yaml"), "utf8")).toBe("mine");
  });

  it("takes the language from --output's extension, creating its folders", async () => {
    const dir = workdir();
    for (const [output, marker] of [["x.hcl", 'name        = "orders"'], ["sub/dir/y.yml", "name: orders"], ["Z.YAML", "name: orders"]] as const) {
      const io = fakeIO({ cwd: dir });
      expect(await runCli(["init", "--name", "orders", "--output", output], io), output).toBe(0);
      expect(readFileSync(join(dir, output), "utf8"), output).toContain(marker);
      const check = fakeIO();
      expect(await runCli(["validate", join(dir, output)], check), output).toBe(0);
    }
  });

  it("refuses a --format that contradicts --output's extension, and an extension berth does not read", async () => {
    const dir = workdir();
    const mismatch = fakeIO({ cwd: dir });
    expect(await runCli(["init", "--format", "hcl", "--output", "x.yaml"], mismatch)).toBe(2);
    expect(mismatch.err).toContain("berth init: --format hcl does not match x.yaml, whose extension says YAML\n  hint: ");
    expect(mismatch.err).toContain("name the file x.hcl, or leave out --format");
    const unknown = fakeIO({ cwd: dir });
    expect(await runCli(["init", "--output", "x.txt"], unknown)).toBe(2);
    expect(unknown.err).toContain('".txt" is not a manifest extension');
    expect(unknown.err).toContain("`.yaml`, `.yml` (YAML) or `.hcl` (HCL)");
    expect(existsSync(join(dir, "x.yaml")) || existsSync(join(dir, "x.txt"))).toBe(false);
  });

  it("refuses a second manifest of the same service in another format, even with --force", async () => {
    const dir = workdir();
    expect(await runCli(["init", "--name", "orders", "--format", "hcl"], fakeIO({ cwd: dir }))).toBe(0);
    for (const args of [[], ["--force"], ["--output", "service.yml"]]) {
      const io = fakeIO({ cwd: dir });
      expect(await runCli(["init", "--name", "orders", ...args], io), args.join(" ")).toBe(2);
      expect(io.err, args.join(" ")).toMatch(/^berth init: service\.hcl already describes service "orders"; .*\n {2}hint: Edit service\.hcl instead/);
    }
    expect(existsSync(join(dir, "service.yaml")) || existsSync(join(dir, "service.yml"))).toBe(false);
    // Another service's manifest is no twin.
    expect(await runCli(["init", "--name", "payments"], fakeIO({ cwd: dir }))).toBe(0);
  });

  it("rejects an invalid --name with a hint", async () => {
    const io = fakeIO({ cwd: workdir() });
    expect(await runCli(["init", "--name", "Bad/Name"], io)).toBe(2);
    expect(io.err).toContain("hint:");
  });
});

describe("a usage mistake", () => {
  it("points to the help of the command it was made in (which lists its options), else to berth --help", async () => {
    for (const [argv, help] of [
      [["validate"], "berth validate --help"],
      [["lint", "a.yaml", "--fail-on", "info"], "berth lint --help"],
      [["init", "--bogus"], "berth init --help"],
      [["bogus"], "berth --help"],
    ] as const) {
      const io = fakeIO();
      expect(await runCli(argv, io), argv.join(" ")).toBe(2);
      expect(io.err, argv.join(" ")).toMatch(new RegExp(`\\n\\(run \`${help}\` for usage\\)\\n$`));
    }
  });
});
