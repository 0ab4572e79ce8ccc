// The real tree against the layering in ARCHITECTURE.md (shared/design/) ("Emitters import model/ and diagnostics/ only",
// "cli/ and io/ are the only places that touch fs, process, the clock", "Facts live on the Model, once").
// On failure each test lists every violation as `file -> imported  [rule]`. The checker itself is proven
// able to fail in import-graph.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { checkLayering, checkModelOnlyFacts, formatViolations, type SourceText, type Violation } from "./import-graph.js";
import { REPO_ROOT } from "../support/tools.js";

// Parses source trees with the TypeScript compiler: seconds on a loaded machine, never the 5 s default.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Source files under src/ and emitters/; src/generated/ is build output (precompiled ajv, gitignored). */
function sources(): SourceText[] {
  const out: SourceText[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(REPO_ROOT, full).split(sep).join("/");
      if (entry.isDirectory()) {
        if (path !== "src/generated") walk(full);
      } else if (/\.(m|c)?[tj]s$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        out.push({ path, text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(join(REPO_ROOT, "src"));
  walk(join(REPO_ROOT, "emitters"));
  return out;
}

const files = sources();
const layering = checkLayering(files);
const ofRule = (prefix: string): string[] => formatViolations(layering.filter((v: Violation) => v.rule.startsWith(prefix)));

describe("import rules over src/ and emitters/", () => {
  it("reads a real tree (guards against a walk that finds nothing)", () => {
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["src/pipeline.ts", "emitters/index.ts", "emitters/types.ts"]));
  });

  it("a: src/ never imports emitters/ (the registry is handed in)", () => {
    expect(ofRule("a:")).toEqual([]);
  });

  it("b: an emitter never imports another emitter's folder", () => {
    expect(ofRule("b:")).toEqual([]);
  });

  it("c: only src/cli/ and src/io/ import fs/process or read process, env or the clock", () => {
    expect(ofRule("c:")).toEqual([]);
  });

  it("d: emitters/ never import src/cli/ or src/io/", () => {
    expect(ofRule("d:")).toEqual([]);
  });

  it("only src/model/ parses crons and durations or reads DEFAULTS (facts live on the Model)", () => {
    expect(formatViolations(checkModelOnlyFacts(files))).toEqual([]);
  });
});
