// Environment overlays are partial (deep-merged over the base: maps merge, lists replace): a key the
// schema requires of a block may come from the base. src/validate/overlay-required.ts.
import { describe, expect, it } from "vitest";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

const DATABASE = `database:
  engine: postgres
  url: { secret: orders-db-app, key: uri }
  managed_by: cloudnative-pg
  cluster: orders-db
  cloudnative_pg:
    instances: 2
    storage: { size: 20Gi, class: premium-rwo }
`;

describe("environment overlays are partial", () => {
  it("an overlay changing one key of a block with required keys validates, and only its environment changes", async () => {
    const text = `${BASE_YAML}${DATABASE}environments:\n  staging: {}\n  production:\n    database:\n      cloudnative_pg:\n        instances: 3\n`;
    const r = await load(text);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
    const instances = Object.fromEntries(r.models.map((m) => [m.environment.name, m.database?.cnpgCluster?.instances]));
    expect(instances).toEqual({ production: 3, staging: 2 });
  });

  it("a required key the base lacks too is still missing, at the overlay's block", async () => {
    const text = `${BASE_YAML}environments:\n  production:\n    database:\n      cluster: orders-db\n`;
    expect(codesAt(await load(text))).toContain(`MISSING_KEY@${positionOf(text, "database:")}`);
  });

  it("a list in an overlay replaces the base's: its items must be whole", async () => {
    const text = `${BASE_YAML}environments:\n  production:\n    ports:\n      - { port: 8080 }\n`;
    const r = await load(text);
    expect(r.diagnostics.map((d) => d.code)).toContain("MISSING_KEY");
    expect(r.diagnostics.find((d) => d.code === "MISSING_KEY")?.message).toContain('"name"');
  });
});
