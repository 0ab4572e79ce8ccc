/**
 * Bad input, in-process: every fixture in test/fixtures/invalid/ (and the generated oversized
 * manifest) goes through loadManifest, and its first diagnostic must be the one expected.json
 * names.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";
import { CODES } from "../src/diagnostics/catalogue/index.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { loadManifest, type LoadedManifest } from "../src/pipeline.js";
import { fakeIO } from "./cli/fake-io.js";
import { FIXTURE_DIR, SIZE_LIMIT, fixtureFiles, generateCases, readExpectations, type Expectation } from "./invalid-cases.js";

const expectations = readExpectations();
const cases = generateCases();
const generated = cases.paths;
afterAll(() => cases.remove());
const pathOf = (name: string) => generated[name] ?? join(FIXTURE_DIR, name);

/** One pipeline run per case, shared by its tests. */
const loads = new Map<string, Promise<LoadedManifest>>();
function load(name: string): Promise<LoadedManifest> {
  let run = loads.get(name);
  if (!run) loads.set(name, (run = loadManifest(name, readFileSync(pathOf(name)))));
  return run;
}

async function first(name: string): Promise<Diagnostic> {
  const { diagnostics } = await load(name);
  expect(diagnostics.length, `${name}: berth reported nothing; it accepted the file`).toBeGreaterThan(0);
  return diagnostics[0]!;
}


describe("bad-input fixtures", () => {
  it("every fixture has an expectation, and every expectation a fixture", () => {
    const inFolder = fixtureFiles();
    const expected = Object.entries(expectations)
      .filter(([, e]) => !e.generated)
      .map(([name]) => name)
      .sort();
    expect(inFolder).toEqual(expected);
    expect(Object.keys(generated).sort()).toEqual(
      Object.entries(expectations)
        .filter(([, e]) => e.generated)
        .map(([name]) => name)
        .sort(),
    );
  });

  it("every expectation names a catalogue code and a real position", () => {
    for (const [name, e] of Object.entries(expectations)) {
      expect(Object.keys(CODES), name).toContain(e.code);
      expect(Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.col) && e.col >= 1, name).toBe(true);
      expect(name.startsWith(e.code + ".") || name.startsWith(e.code + "-"), `${name} is named after its code`).toBe(true);
    }
  });

  it("fixtures hold the bytes they are about", () => {
    const bytes = (name: string) => readFileSync(join(FIXTURE_DIR, name));
    expect(bytes("INVALID_UTF8.yaml").includes(Buffer.from([0xc3, 0x28]))).toBe(true);
    expect(bytes("BINARY_FILE.yaml").includes(0)).toBe(true);
    expect(bytes("EMPTY_MANIFEST-empty-file.yaml").length).toBe(0);
    expect(bytes("YAML_TAB_INDENT.yaml").includes("\n\t")).toBe(true);
    expect(bytes("NESTING_TOO_DEEP-flow.yaml").toString().match(/\[/g)!.length).toBeGreaterThanOrEqual(1000);
    expect(bytes("NESTING_TOO_DEEP-block.yaml").toString().match(/- /g)!.length).toBeGreaterThanOrEqual(1000);
    for (const path of Object.values(generated)) expect(readFileSync(path).length).toBeGreaterThan(SIZE_LIMIT);
  });
});

describe.each(Object.keys(expectations).sort())("%s", (name) => {
  const e = expectations[name]!;

  it(`reports ${e.code} first`, async () => {
    const d = await first(name);
    expect(d.code).toBe(e.code);
    expect(d.file).toBe(name);
  });

  it("as an error with a message and a hint", async () => {
    const d = await first(name);
    expect(d.severity).toBe("error");
    expect(d.message.trim()).not.toBe("");
    expect(d.hint.trim()).not.toBe("");
  });

  it(`at ${e.line}:${e.col}`, async () => {
    const d = await first(name);
    expect(`${d.line}:${d.col}`).toBe(`${e.line}:${e.col}`);
  });

  if (e.count !== undefined) {
    it(`with ${e.count} diagnostic(s) in all`, async () => {
      const { diagnostics } = await load(name);
      expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`)).toHaveLength(e.count!);
    });
  }

  if (e.messageIncludes || e.messageExcludes || e.hintIncludes) {
    it("says what is wrong", async () => {
      const d = await first(name);
      for (const text of e.messageIncludes ?? []) expect(d.message).toContain(text);
      for (const text of e.messageExcludes ?? []) expect(d.message).not.toContain(text);
      for (const text of e.hintIncludes ?? []) expect(d.hint).toContain(text);
    });
  }

  if (e.secrets) {
    it("never repeats the credential, in diagnostics or in JSON output", async () => {
      const { diagnostics } = await load(name);
      const io = fakeIO();
      expect(await runCli(["validate", "--format", "json", pathOf(name)], io)).toBe(1);
      expect(JSON.parse(io.out).files[0].diagnostics[0].code).toBe(e.code);
      for (const secret of e.secrets!) {
        for (const d of diagnostics) expect(`${d.message}\n${d.hint}`).not.toContain(secret);
        expect(JSON.stringify(diagnostics)).not.toContain(secret);
        expect(io.out).not.toContain(secret);
        expect(io.err).not.toContain(secret);
      }
    });
  }
});
