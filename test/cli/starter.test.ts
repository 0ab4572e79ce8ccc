import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { STARTER_YAML } from "../../src/cli/starter/starter-yaml.js";
import { STARTER_HCL } from "../../src/cli/starter/starter-hcl.js";
import { loadManifest } from "../../src/pipeline.js";

const named = (text: string) => text.replaceAll("{{name}}", "shop");
const problems = async (file: string, text: string) =>
  (await loadManifest(file, new TextEncoder().encode(text))).diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`);

/** The starter with its optional blocks uncommented, and the port they route to marked exposed. */
function uncommented(text: string): string {
  const from = text.indexOf("# Uncomment what the service needs");
  expect(from).toBeGreaterThan(0);
  const optional = text
    .slice(from)
    .split("\n")
    .map((line) => line.replace(/^# ((?:expose|database|network|backup):)/, "$1").replace(/^# {3}/, "  "))
    .join("\n");
  return text.slice(0, from).replace("{ name: http, port: 8080 }", "{ name: http, port: 8080, expose: true }") + optional;
}

describe("the starter manifests", () => {
  it("validate as written, with no warning", async () => {
    expect(await problems("service.yaml", named(STARTER_YAML))).toEqual([]);
    expect(await problems("service.hcl", named(STARTER_HCL))).toEqual([]);
  }, 30_000);

  it("still validate, with no error, when every optional block is uncommented (a database with its egress, backups with the database's copy)", async () => {
    const text = uncommented(named(STARTER_YAML));
    for (const key of ["expose", "database", "network", "backup"]) expect(text).toMatch(new RegExp(`^${key}:`, "m"));
    expect((await problems("service.yaml", text)).filter((p) => p.startsWith("error"))).toEqual([]);
  }, 30_000);

  it("set no top-level value that every environment overrides (an edit to it would change nothing)", () => {
    const spec = parse(named(STARTER_YAML)) as Record<string, unknown> & { environments: Record<string, Record<string, unknown> | null> };
    const overrides = Object.values(spec.environments).map((env) => new Set(Object.keys(env ?? {})));
    for (const key of Object.keys(spec).filter((k) => k !== "environments")) expect(overrides.every((keys) => keys.has(key)), key).toBe(false);
  });
});
