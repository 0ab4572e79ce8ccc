// The rules and monitor do not depend on how the manifest is written: reordered keys and lists give the same bytes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { prometheusEmitter } from "../../../emitters/prometheus/index.js";
import { loadManifest } from "../../../src/pipeline.js";
import { FIXTURE, ROOT } from "./emit.js";

function reversed(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => reversed(v));
    return key === "extra_schedules" || key === "custom" || key === "volumes" ? items.reverse() : items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v, k)]));
  }
  return value;
}

async function emitText(text: string) {
  const loaded = await loadManifest("service.yaml", new TextEncoder().encode(text));
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return loaded.models.flatMap((m) => prometheusEmitter.emit(m, { source: "service.yaml" }));
}

describe("prometheus output is deterministic", () => {
  it("keys and orderless lists written in reverse give byte-identical files", async () => {
    const text = readFileSync(join(ROOT, FIXTURE), "utf8");
    const withExtra = text.replace("labels: { tier: tier-1 }", "labels: { tier: tier-1, pager: storefront-oncall }");
    const custom = withExtra.replace("  slo:\n", "      - { name: ShopAnotherAlert, expr: vector(1) > 2 }\n  slo:\n");
    const a = await emitText(custom);
    const b = await emitText(stringify(reversed(parse(custom))));
    expect(b).toEqual(a);
    expect(a.map((f) => f.content).join("")).toContain("ShopAnotherAlert");
  });
});
