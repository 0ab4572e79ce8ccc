// The checker's own test: tiny in-memory trees, one per rule, each proving the rule can fail
// (and that the allowed shapes pass), so a green import-rules test means something.
import { describe, expect, it, vi } from "vitest";
import { ambientUsesOf, checkLayering, checkModelOnlyFacts, formatViolations, importsOf, type SourceText } from "./import-graph.js";

// Parses source trees with the TypeScript compiler: seconds on a loaded machine, never the 5 s default.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const tree = (files: Record<string, string>): SourceText[] => Object.entries(files).map(([path, text]) => ({ path, text }));
const lines = (files: Record<string, string>) => formatViolations(checkLayering(tree(files)));
const factLines = (files: Record<string, string>) => formatViolations(checkModelOnlyFacts(tree(files)));

describe("importsOf", () => {
  it("sees every import form, resolves relative paths, and ignores comments and strings", () => {
    const file = {
      path: "src/a/b.ts",
      text: [
        'import x from "../../package.json" with { type: "json" };',
        'import type { T } from "./t.js";',
        'export * from "../c.js";',
        'export { d as e } from "../d.js";',
        'const m = await import("../../emitters/index.js");',
        'import fs = require("node:fs");',
        '// import hidden from "../hidden.js";',
        'const s = "import fake from \'../fake.js\'";',
      ].join("\n"),
    };
    const known = new Set(["src/a/t.ts", "src/c.ts"]);
    expect(importsOf(file, known)).toEqual([
      { specifier: "../../package.json", target: "package.json", names: ["default"] },
      { specifier: "./t.js", target: "src/a/t.ts", names: ["T"] },
      { specifier: "../c.js", target: "src/c.ts", names: ["*"] },
      { specifier: "../d.js", target: "src/d.js", names: ["d"] }, // not a known .ts: kept as written
      { specifier: "../../emitters/index.js", target: "emitters/index.js", names: ["*"] },
      { specifier: "node:fs", target: "node:fs", names: ["*"] },
    ]);
  });
});

describe("checkLayering", () => {
  it("passes the intended shape", () => {
    expect(
      lines({
        "src/model/model.ts": "export interface Model {}",
        "src/cli/run.ts": 'import { readFile } from "node:fs/promises";\nconsole.log(process.argv, Date.now());',
        "src/io/write.ts": 'import { writeFile } from "fs/promises";\nexport const now = () => new Date();',
        "emitters/types.ts": 'import type { Model } from "../src/model/model.js";',
        "emitters/index.ts": 'import { k } from "./kube/index.js";\nimport { h } from "./helm/index.js";',
        "emitters/helm/index.ts": 'import type { E } from "../types.js";\nimport { x } from "./values.js";\nimport { r } from "../index.js";',
        "emitters/helm/values.ts": "// process.env is read by the CLI, not here; new Date( neither\nexport const x = 'Date.now()';",
        "emitters/kube/index.ts": 'import { m } from "../../src/model/model.js";\nimport { createHash } from "node:crypto";',
      }),
    ).toEqual([]);
  });

  it("a: src/ imports emitters/ (only the composition roots may import the registry, and nothing else)", () => {
    expect(
      lines({
        "src/compile.ts": 'import { EMITTERS } from "../emitters/index.js";',
        "src/index.ts": 'export { EMITTERS } from "../emitters/index.js";\nimport { h } from "../emitters/helm/index.js";',
        "src/cli/commands/compile.ts": 'import { selectEmitters } from "../../../emitters/index.js";',
        "emitters/index.ts": "",
        "emitters/helm/index.ts": "",
      }),
    ).toEqual([
      "src/compile.ts -> emitters/index.ts  [a: src/ imports emitters/]",
      "src/index.ts -> emitters/helm/index.ts  [a: src/ imports emitters/]",
    ]);
  });

  it("b: an emitter imports another emitter's folder, or a top-level file other than types.ts/index.ts", () => {
    expect(
      lines({
        "emitters/helm/templates.ts": 'import { k } from "../kubernetes/objects.js";\nimport { s } from "../shared.js";',
        "emitters/kubernetes/objects.ts": "",
        "emitters/shared.ts": "",
      }),
    ).toEqual([
      "emitters/helm/templates.ts -> emitters/kubernetes/objects.ts  [b: an emitter imports another emitter]",
      "emitters/helm/templates.ts -> emitters/shared.ts  [b: an emitter imports another emitter]",
    ]);
  });

  it("c: fs or process imported, or process/clock read in code, outside src/cli and src/io", () => {
    expect(
      lines({
        "src/parse/read.ts": 'import { readFileSync } from "node:fs";\nimport p from "process";',
        "src/model/clock.ts": "export const t = Date.now();\nexport const d = new Date();\nexport const e = process.env.HOME;",
        "emitters/helm/env.ts": 'const cwd = process["cwd"]();\nimport("fs/promises");',
      }),
    ).toEqual([
      "emitters/helm/env.ts -> fs/promises  [c: fs/process outside src/cli and src/io]",
      "emitters/helm/env.ts -> process[…] (line 1)  [c: process/clock read outside src/cli and src/io]",
      "src/model/clock.ts -> Date.now() (line 1)  [c: process/clock read outside src/cli and src/io]",
      "src/model/clock.ts -> new Date() (line 2)  [c: process/clock read outside src/cli and src/io]",
      "src/model/clock.ts -> process.env (line 3)  [c: process/clock read outside src/cli and src/io]",
      "src/parse/read.ts -> node:fs  [c: fs/process outside src/cli and src/io]",
      "src/parse/read.ts -> process  [c: fs/process outside src/cli and src/io]",
    ]);
  });

  it("d: emitters/ imports src/cli or src/io", () => {
    expect(
      lines({
        "emitters/backup/index.ts": 'import { w } from "../../src/io/output-tree.js";',
        "emitters/types.ts": 'import type { CliIO } from "../src/cli/io.js";',
        "src/io/output-tree.ts": "",
        "src/cli/io.ts": "",
      }),
    ).toEqual([
      "emitters/backup/index.ts -> src/io/output-tree.ts  [d: emitters/ imports src/cli or src/io]",
      "emitters/types.ts -> src/cli/io.ts  [d: emitters/ imports src/cli or src/io]",
    ]);
  });

  it("leaves scripts/ and test/ alone", () => {
    expect(lines({ "scripts/build.ts": 'import "node:fs";\nDate.now();', "test/x.test.ts": 'import "../emitters/index.js";' })).toEqual([]);
  });
});

describe("ambientUsesOf", () => {
  it("does not mistake a property or a local name for the global", () => {
    expect(ambientUsesOf({ path: "x.ts", text: "const o = { process: 1 };\no.process;\nfoo.Date.now;\n" })).toEqual([]);
  });
});

describe("checkModelOnlyFacts", () => {
  const model = {
    "src/model/cron.ts": "export function parseCron() {}\nexport function canonicalCron() {}\nexport const CRON_SHORTHANDS = {};",
    "src/model/units.ts": "export function parseDuration() {}\nexport function formatDuration() {}",
    "src/model/cron-gap.ts": 'import { parseCron } from "./cron.js";\nexport function cronGaps() {}',
    "src/model/defaults.ts": "export const DEFAULTS = {};",
    "src/model/normalize.ts": 'import { DEFAULTS } from "./defaults.js";\nimport { parseDuration } from "./units.js";',
  };

  it("allows src/model/ and names that are not parsers or defaults", () => {
    expect(factLines({ ...model, "emitters/helm/notes.ts": 'import { formatDuration } from "../../src/model/units.js";' })).toEqual([]);
  });

  it("flags each guarded name imported, re-exported, namespace- or dynamically imported elsewhere", () => {
    expect(
      factLines({
        ...model,
        "src/validate/rules/grace.ts": 'import { parseDuration as pd } from "../../model/units.js";\nimport { DEFAULTS } from "../../model/defaults.js";',
        "src/backup/plan.ts": 'export { cronGaps } from "../model/cron-gap.js";',
        "emitters/backup/index.ts": 'import * as cron from "../../src/model/cron.js";',
        "emitters/checklist/index.ts": 'const d = await import("../../src/model/defaults.js");',
      }),
    ).toEqual([
      "emitters/backup/index.ts -> src/model/cron.ts#parseCron  [facts: parsed/defaulted outside src/model]",
      "emitters/backup/index.ts -> src/model/cron.ts#canonicalCron  [facts: parsed/defaulted outside src/model]",
      "emitters/checklist/index.ts -> src/model/defaults.ts#DEFAULTS  [facts: parsed/defaulted outside src/model]",
      "src/backup/plan.ts -> src/model/cron-gap.ts#cronGaps  [facts: parsed/defaulted outside src/model]",
      "src/validate/rules/grace.ts -> src/model/units.ts#parseDuration  [facts: parsed/defaulted outside src/model]",
      "src/validate/rules/grace.ts -> src/model/defaults.ts#DEFAULTS  [facts: parsed/defaulted outside src/model]",
    ]);
  });
});
