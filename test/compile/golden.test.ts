import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { planCompile } from "../../src/compile.js";
import { loadManifest } from "../../src/pipeline.js";

const root = new URL("../../", import.meta.url).pathname;
const goldenDir = join(root, "test/golden");
const examples = readdirSync(join(root, "examples")).sort();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(goldenDir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** Compiles the examples in-process, as `npm run golden` does from the repository root. */
async function compileExamples(ext: "yaml" | "hcl") {
  const sources = [];
  for (const name of examples) {
    const file = `examples/${name}/service.${ext}`;
    const loaded = await loadManifest(file, readFileSync(join(root, file)));
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    sources.push({ source: file, models: loaded.models });
  }
  const result = planCompile(sources);
  if (!result.ok) throw new Error(result.error);
  return result.plan.files;
}

describe("golden output (regenerate with `npm run golden`, then review the diff)", () => {
  it("matches test/golden byte for byte, with no file missing or extra", async () => {
    const files = await compileExamples("yaml");
    expect(files.map((f) => f.path)).toEqual(filesUnder(goldenDir));
    for (const file of files) expect(file.content, file.path).toBe(readFileSync(join(goldenDir, file.path), "utf8"));
  });

  it("is the same for each HCL twin, but for the file named in the header", async () => {
    const yaml = await compileExamples("yaml");
    const hcl = await compileExamples("hcl");
    const body = (text: string) => text.slice(text.indexOf("\n") + 1);
    expect(hcl.map((f) => f.path)).toEqual(yaml.map((f) => f.path));
    hcl.forEach((file, i) => {
      expect(file.content.split("\n")[0]).toContain("service.hcl");
      expect(body(file.content), file.path).toBe(body(yaml[i]!.content));
    });
  });
});
