/**
 * Alert severities follow the environment's tier, configurable per repository (berth.config.yaml)
 * and per manifest, the manifest winning (issue 15): end to end through the real CLI.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { tempDir } from "../support/tools.js";
import { fakeIO } from "./fake-io.js";

const MANIFEST = `apiVersion: berth/v1
kind: Service
name: shop
team: web
image: ghcr.io/acme/shop:1.0.0
ports:
  - { name: http, port: 8080 }
  - { name: metrics, port: 9090 }
health:
  liveness: { path: /healthz, port: http }
  readiness: { path: /readyz, port: http }
monitoring:
  metrics: { port: metrics }
  alerts:
    error_rate: { above: 1%, for: 5m, severity: critical }
environments:
  production: { tier: production }
  staging: { tier: staging }
`;

/** The error-rate alert's severity label in each environment's compiled rules. */
async function severities(config: string | undefined, manifest = MANIFEST): Promise<Record<string, string>> {
  const dir = tempDir("berth-tiers-");
  writeFileSync(join(dir, "service.yaml"), manifest);
  if (config !== undefined) writeFileSync(join(dir, "berth.config.yaml"), config);
  const io = fakeIO({ cwd: dir });
  expect(await runCli(["compile", "service.yaml", "--emit", "prometheus"], io), io.err).toBe(0);
  const out: Record<string, string> = {};
  for (const env of ["production", "staging"]) {
    const rules = readFileSync(join(dir, "deploy/shop", env, "prometheus/rules.yaml"), "utf8");
    const alert = rules.slice(rules.indexOf("alert: ShopHighErrorRate"));
    out[env] = /severity: (\w+)/.exec(alert)![1]!;
  }
  return out;
}

describe("severity by tier", () => {
  it("pages from production and warns from staging by default", async () => {
    expect(await severities(undefined)).toEqual({ production: "critical", staging: "warning" });
  }, 60_000);

  it("follows the repository's mapping in berth.config.yaml", async () => {
    expect(await severities("monitoring:\n  severity_by_tier:\n    staging: { critical: critical }\n")).toEqual({ production: "critical", staging: "critical" });
  }, 60_000);

  it("lets the manifest's own mapping win over the repository's", async () => {
    const manifest = MANIFEST.replace("    error_rate: { above: 1%, for: 5m, severity: critical }\n", "    error_rate: { above: 1%, for: 5m, severity: critical }\n  severity_by_tier:\n    staging: { critical: info }\n");
    expect(await severities("monitoring:\n  severity_by_tier:\n    staging: { critical: critical }\n", manifest)).toEqual({ production: "critical", staging: "info" });
  }, 60_000);
});
