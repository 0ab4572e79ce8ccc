import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadManifest } from "../src/pipeline.js";
import type { Model } from "../src/model/model.js";

// Loads every example in YAML and HCL (the HCL reader loads a 6.5 MB WASM module): never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const examplesDir = new URL("../examples/", import.meta.url).pathname;
const examples = readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

async function load(file: string) {
  return loadManifest(file, readFileSync(join(examplesDir, file)));
}

/** The model without its source file name, which is all that may differ between twins. */
const content = (models: Model[]) => models.map(({ source: _source, ...rest }) => rest);

describe("examples", () => {
  it("has the promised set: at least five services", () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of examples) {
    describe(name, () => {
      it("validates cleanly in YAML and HCL, with no warnings", async () => {
        for (const file of [`${name}/service.yaml`, `${name}/service.hcl`]) {
          const result = await load(file);
          expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([]);
          expect(result.models.length).toBeGreaterThan(0);
        }
      });

      it("has an HCL twin that normalizes to the identical model", async () => {
        const yaml = await load(`${name}/service.yaml`);
        const hcl = await load(`${name}/service.hcl`);
        expect(content(hcl.models)).toEqual(content(yaml.models));
      });
    });
  }

  it("covers each deploy strategy, a database with PITR backups, and environments", async () => {
    const models = (await Promise.all(examples.map((n) => load(`${n}/service.yaml`)))).flatMap((r) => r.models);
    expect(new Set(models.map((m) => m.deploy.strategy))).toEqual(new Set(["rolling", "blue-green", "canary"]));
    expect(models.some((m) => m.database?.engine === "postgres" && m.backup?.pitr && m.monitoring.alerts.length > 0)).toBe(true);
    expect(models.some((m) => m.environment.name !== "production")).toBe(true);
  });
});
