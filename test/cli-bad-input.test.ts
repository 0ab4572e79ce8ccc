/**
 * Bad input through the real CLI: `node bin/berth.cjs validate <fixture>` in a child process,
 * once per case, must exit 1 and tell the user where and what, with a code frame and a hint,
 * never a stack trace and never a credential. Needs `npm run build` (bin/ runs dist/).
 * Cases and known bugs come from test/fixtures/invalid/expected.json (see invalid-cases.ts).
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { FIXTURE_DIR, generateCases, readExpectations, type Expectation } from "./invalid-cases.js";

// Spawns the built CLI once per case: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "berth.cjs");
const expectations = readExpectations();
const cases = generateCases();
const generated = cases.paths;
afterAll(() => cases.remove());

/** The path given on the command line: relative to the checkout for fixtures, absolute for generated files. */
const argOf = (name: string) => generated[name] ?? relative(ROOT, join(FIXTURE_DIR, name));

function berth(...args: string[]): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.BERTH_DEBUG;
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
}

/** One `berth validate` per case, shared by its tests. */
const runs = new Map<string, SpawnSyncReturns<string>>();
function validate(name: string): SpawnSyncReturns<string> {
  let run = runs.get(name);
  if (!run) runs.set(name, (run = berth("validate", argOf(name))));
  return run;
}

/** The offending line as the user wrote it (invalid bytes read as U+FFFD, as a terminal shows them; UTF-16 fixtures as UTF-16). */
function sourceLine(name: string, line: number): string {
  const bytes = readFileSync(generated[name] ?? join(FIXTURE_DIR, name));
  return new TextDecoder(encodingOf(bytes)).decode(bytes).split(/\r?\n/)[line - 1] ?? "";
}

/** UTF-16 by its byte-order mark, or by a NUL before (big-endian) or after (little-endian) the first ASCII character. */
function encodingOf(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0]! > 0 && bytes[0]! < 0x80 && bytes[1] === 0)) return "utf-16le";
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1]! > 0 && bytes[1]! < 0x80)) return "utf-16be";
  return "utf-8";
}


describe.each(Object.keys(expectations).sort())("berth validate %s", (name) => {
  const e = expectations[name]!;

  it("exits 1 with a hint, and no stack trace, internal error or raw bytes", () => {
    const run = validate(name);
    expect(run.error, "the process ran to the end").toBeUndefined();
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ {2}hint: \S/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/(^|\s)([A-Z][A-Za-z]*)?Error:/m);
    expect(run.stderr).not.toContain("internal error");
    expect(run.stderr).not.toContain("node:internal");
    // eslint-disable-next-line no-control-regex
    expect(run.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it(`names ${e.code} at file:${e.line}:${e.col}`, () => {
    expect(validate(name).stderr).toContain(`${argOf(name)}:${e.line}:${e.col}: error[${e.code}]`);
  });

  if (e.frame !== false) {
    it("shows the line in a code frame with the caret under the offending text", () => {
      const lines = validate(name).stderr.split("\n");
      const at = lines.findIndex((l) => new RegExp(`^> +${e.line} \\| `).test(l));
      expect(at, `a "> ${e.line} | …" line in:\n${lines.join("\n")}`).toBeGreaterThanOrEqual(0);
      const shown = lines[at]!;
      const caret = lines[at + 1] ?? "";
      expect(caret).toMatch(/^ +\| *\^+$/);
      // The frame shows tabs as → and a credential as ********; past the end of the line the caret has nothing above it.
      // With a credential on the line, the caret is on the mask, or on the key the diagnostic is about (the value masked after it).
      const text = sourceLine(name, e.line);
      const written = (text[e.col - 1] ?? "").replace("\t", "→");
      const expected = e.secrets ? ["*", ...(shown.includes("********") ? [written] : [])] : [written];
      expect(expected, `caret under column ${e.col} of ${JSON.stringify(text.slice(0, 120))}`).toContain(shown.charAt(caret.indexOf("^")));
    });
  }

  if (e.secrets) {
    it("never prints the credential, as text or as JSON", () => {
      const json = berth("validate", "--format", "json", argOf(name));
      expect(json.status).toBe(1);
      expect(JSON.parse(json.stdout).files[0].diagnostics[0]).toMatchObject({ code: e.code, line: e.line, col: e.col });
      for (const secret of e.secrets!) {
        expect(validate(name).stderr).not.toContain(secret);
        expect(json.stdout).not.toContain(secret);
        expect(json.stderr).not.toContain(secret);
      }
    });
  }
});
