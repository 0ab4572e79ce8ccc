// Tests that run tools or the CLI (child_process, directly or through a test/ helper), fast-check properties, or
// every example must each state a timeout, not lean on the default (vitest.config.ts) that covers quick tests.
// The fixtures prove the scan can fail; the last test holds the real test/ tree to the rule.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { SourceText } from "./import-graph.js";
import { checkTimeouts, missingTimeouts, slowFiles } from "./test-timeouts.js";
import { REPO_ROOT } from "../support/tools.js";

// Parses source trees with the TypeScript compiler: seconds on a loaded machine, never the 5 s default.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const file = (path: string, text: string): SourceText => ({ path, text });

describe("slowFiles", () => {
  it("finds child_process, fast-check and every-example readers, and passes slowness through helpers", () => {
    const slow = slowFiles([
      file("test/a.test.ts", 'import { spawnSync } from "node:child_process";'),
      file("test/b.test.ts", 'import fc from "fast-check";'),
      file("test/c.test.ts", 'import { readdirSync } from "node:fs";\nconst names = readdirSync(join(root, "examples"));'),
      file("test/support/run.ts", 'import { execFile } from "child_process";\nexport const REPO_ROOT = "/";\nexport function runTool() {}'),
      file("test/support/wrap.ts", 'import { runTool } from "./run.js";\nexport const wrapped = runTool;'),
      file("test/d.test.ts", 'import { wrapped } from "./support/wrap.js";'),
      file("test/e.test.ts", 'import { REPO_ROOT } from "./support/run.js";\n// readdirSync("examples") in a comment'),
    ]);
    expect(Object.fromEntries(slow)).toEqual({
      "test/a.test.ts": "runs a child process",
      "test/b.test.ts": "runs fast-check properties",
      "test/c.test.ts": "reads every example",
      "test/support/run.ts": "runs a child process",
      "test/support/wrap.ts": "runs a child process (via test/support/run.ts)",
      "test/d.test.ts": "runs a child process (via test/support/run.ts) (via test/support/wrap.ts)",
    });
  });
});

describe("missingTimeouts", () => {
  const missing = (text: string) => missingTimeouts(file("test/x.test.ts", text));

  it("accepts a timeout on the test, on an enclosing describe, or for the whole file", () => {
    expect(missing('it("a", () => {}, 60_000);\nit("b", { timeout: 9000 }, () => {});\nit.each([1])("c %i", (n) => {}, TIMEOUT);')).toEqual([]);
    expect(missing('describe("s", { timeout: 60_000 }, () => {\n  describe("t", () => { it("a", () => {}); });\n});')).toEqual([]);
    expect(missing('vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });\nbeforeAll(() => {});\nit("a", () => {});')).toEqual([]);
  });

  it("names each test and hook left on the default", () => {
    expect(
      missing(
        [
          'vi.setConfig({ testTimeout: 60_000 });', // tests covered, hooks not
          "beforeAll(async () => { await build(); });",
          'describe("s", () => { afterEach(() => {}, 1000); });',
        ].join("\n"),
      ),
    ).toEqual(["line 2: beforeAll(…)"]);
    expect(missing('describe("s", () => {\n  it("a", () => {});\n  it.skipIf(ci)("b", async () => {});\n  it.todo("c");\n});')).toEqual([
      'line 2: it("a")',
      'line 3: it.skipIf("b")',
    ]);
  });
});

describe("checkTimeouts", () => {
  it("holds only slow test files to the rule", () => {
    expect(
      checkTimeouts([
        file("test/slow.test.ts", 'import fc from "fast-check";\nit("p", () => { fc.assert(prop); });'),
        file("test/fast.test.ts", 'it("q", () => {});'),
      ]),
    ).toEqual(['test/slow.test.ts (runs fast-check properties): line 2: it("p")']);
  });
});

/** Every .ts file under test/ except golden outputs and fixtures. */
function testTree(): SourceText[] {
  const dir = join(REPO_ROOT, "test");
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name))
    .map((full) => file(relative(REPO_ROOT, full).split(sep).join("/"), readFileSync(full, "utf8")))
    .filter((f) => !/^test\/(golden|fixtures)\//.test(f.path));
}

describe("the test/ tree", () => {
  const tree = testTree();

  it("finds the slow files it is meant to guard (so this test cannot pass by seeing nothing)", () => {
    expect([...slowFiles(tree).keys()]).toEqual(
      expect.arrayContaining(["test/cli-bad-input.test.ts", "test/emitters/helm/helm-chart.test.ts", "test/compile/determinism.test.ts", "test/compile/golden.test.ts"]),
    );
  });

  it("every slow test file states a timeout for each test and hook", () => {
    expect(checkTimeouts(tree)).toEqual([]);
  });
});
