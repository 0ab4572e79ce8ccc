// Fields that are accepted but would change nothing in the output in this manifest: each is a located
// FIELD_NOT_APPLICABLE (never a silent drop), and is quiet where it has an effect.
import { describe, expect, it } from "vitest";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

const TIMEOUT = { timeout: 60_000 };

describe("monitoring.prometheus_address", TIMEOUT, () => {
  const ADDRESS = "  prometheus_address: http://prometheus.obs.svc:9090\n";
  const MONITORING = "monitoring:\n  metrics: { port: metrics }\n" + ADDRESS;

  it("is a warning when no rollout analysis reads it (a rolling deploy)", async () => {
    const text = BASE_YAML + MONITORING;
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "prometheus_address")}`]);
    expect(loaded.diagnostics[0]!.severity).toBe("warning");
    expect(loaded.diagnostics[0]!.message).toMatch(/rollout analysis/);
  });

  it("is a warning for a canary without auto_revert", async () => {
    const text = BASE_YAML + "deploy: { strategy: canary, auto_revert: false }\n" + MONITORING;
    expect(codesAt(await load(text))).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "prometheus_address")}`]);
  });

  it("is quiet when the canary's analysis queries it", async () => {
    const loaded = await load(BASE_YAML + "replicas: 3\ndeploy: { strategy: canary }\n" + MONITORING);
    expect(loaded.diagnostics.filter((d) => d.path === "/monitoring/prometheus_address")).toEqual([]);
  });
});

describe("database.port", TIMEOUT, () => {
  const CNPG = "database:\n  engine: postgres\n  managed_by: cloudnative-pg\n  cluster: orders-db\n  url: { secret: db, key: url }\n";

  it("is a warning with CloudNativePG, whose pods berth opens on 5432 whatever it says", async () => {
    const text = BASE_YAML + CNPG + "  port: 6432\n";
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "port: 6432")}`]);
    expect(loaded.diagnostics[0]!.severity).toBe("warning");
  });

  it("is quiet for an external database, whose egress it checks", async () => {
    const text = BASE_YAML + "database:\n  engine: postgres\n  url: { secret: db, key: url }\n  port: 6432\nnetwork:\n  egress:\n    - { cidr: 10.40.0.0/24, ports: [6432] }\n";
    expect(codesAt(await load(text))).toEqual([]);
  });
});

describe("monitoring.severity_by_tier", TIMEOUT, () => {
  it("is a warning for a tier no environment has", async () => {
    const text = BASE_YAML + "monitoring:\n  severity_by_tier:\n    production: { critical: critical }\n    staging: { critical: info }\n";
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "staging:")}`]);
    expect(loaded.diagnostics[0]!.message).toMatch(/tiers here: production/);
  });

  it("is quiet when an environment has the tier (by name or by `tier`)", async () => {
    const text = BASE_YAML + "monitoring:\n  severity_by_tier:\n    staging: { critical: info }\n    development: { warning: info }\nenvironments:\n  production: {}\n  qa: {}\n  sandbox: { tier: development }\n";
    expect(codesAt(await load(text))).toEqual([]);
  });

  it("is a warning in an environment's overlay naming another tier than its own", async () => {
    const text = BASE_YAML + "environments:\n  production:\n    monitoring:\n      severity_by_tier:\n        development: { critical: info }\n  staging: {}\n";
    expect(codesAt(await load(text))).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "development:")}`]);
  });
});
