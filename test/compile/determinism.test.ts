import fc from "fast-check";
import { EMITTERS } from "../../emitters/index.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it, vi } from "vitest";
import { planCompile } from "../../src/compile.js";
import { toYaml, type YamlValue } from "../../src/output/yaml.js";
import { loadManifest } from "../../src/pipeline.js";

// Compiles every example, and runs fast-check properties over whole manifests: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const root = new URL("../../", import.meta.url).pathname;
const examples = readdirSync(join(root, "examples")).sort();

/** Lists whose order means nothing; every other list (command, args, probe exec, …) keeps its order. */
const ORDERLESS = new Set([
  "ports", "volumes", "config_files", "tolerations", "allow_from", "egress", "hosts", "origins", "methods", "headers",
  "exclude_paths", "waivers", "attestations", "scheduled_jobs", "queues", "circuit_breakers", "extra_schedules", "custom",
  "writable_paths", "add_capabilities",
]);

async function compileText(text: string, source = "examples/x/service.yaml"): Promise<string[]> {
  const loaded = await loadManifest("service.yaml", new TextEncoder().encode(text));
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const result = planCompile([{ source, models: loaded.models }], EMITTERS);
  if (!result.ok) throw new Error(result.error);
  return result.plan.files.map((f) => `${f.path}\n${f.content}`);
}

/** A copy with every mapping's keys, and every orderless list, permuted by `random`. */
function permute(value: unknown, random: () => number, key = ""): unknown {
  const shuffle = <T>(items: T[]) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  if (Array.isArray(value)) {
    const items = value.map((v) => permute(v, random));
    return ORDERLESS.has(key) ? shuffle(items) : items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(shuffle(Object.entries(value)).map(([k, v]) => [k, permute(v, random, k)]));
  }
  return value;
}

describe("determinism", () => {
  for (const name of examples) {
    const text = readFileSync(join(root, "examples", name, "service.yaml"), "utf8");

    it(`${name}: two runs give byte-identical files`, async () => {
      expect(await compileText(text)).toEqual(await compileText(text));
    });

    it(`${name}: reordering keys and orderless lists changes nothing`, async () => {
      // But where a finding is in the manifest: its path into a list follows the list's order.
      const placeless = (files: string[]) => files.map((f) => (f.includes("checklist.json\n") ? f.replace(/("path": "[^"]*?)\.\d+(\.|")/g, "$1.#$2") : f));
      const baseline = placeless(await compileText(text));
      const data = parse(text);
      await fc.assert(
        fc.asyncProperty(fc.integer(), async (seed) => {
          let state = seed >>> 0 || 1;
          const random = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
          expect(placeless(await compileText(toYaml(permute(data, random) as YamlValue)))).toEqual(baseline);
        }),
        { numRuns: 15 },
      );
    });
  }

  it("never writes a credential: a manifest holding one compiles to nothing", async () => {
    const text = readFileSync(join(root, "examples/minimal-web/service.yaml"), "utf8") + "\nenv:\n  UPSTREAM_PASSWORD: correct-horse-battery\n";
    const loaded = await loadManifest("service.yaml", new TextEncoder().encode(text));
    expect(loaded.models).toEqual([]);
    expect(JSON.stringify(loaded.diagnostics)).not.toContain("correct-horse-battery");
  });

  it("writes only secret references, never values, for every example", async () => {
    for (const name of examples) {
      const files = await compileText(readFileSync(join(root, "examples", name, "service.yaml"), "utf8"));
      for (const file of files) {
        expect(file).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^/\s:@]+:[^/\s@]+@/);
        expect(file).not.toMatch(/^\s+[A-Z_]*(PASSWORD|TOKEN|SECRET|API_KEY)[A-Z_]*: \S/m);
      }
    }
  });
});
