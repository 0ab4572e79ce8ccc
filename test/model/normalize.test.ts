import { describe, expect, it } from "vitest";
import { BASE_YAML, load } from "../helpers.js";

async function models(add: string) {
  const result = await load(BASE_YAML + add);
  expect(result.diagnostics.map((d) => d.message)).toEqual([]);
  return result.models;
}

describe("normalize", () => {
  it("applies defaults and resolves units", async () => {
    const [m] = await models("shutdown: { timeout: 1m30s }\n");
    expect(m!.replicas).toBe(2);
    expect(m!.shutdown).toEqual({ timeoutSeconds: 90, drainSeconds: 5, gracePeriodSeconds: 190 });
    expect(m!.resources.requests.cpu).toEqual({ text: "100m", value: 0.1 });
    expect(m!.resources.limits.memory).toEqual({ text: "256Mi", value: 256 * 2 ** 20 });
    expect(m!.resources.declared).toBe(false);
    expect(m!.health.liveness).toMatchObject({ kind: "http", path: "/healthz", port: "http", periodSeconds: 10, timeoutSeconds: 1 });
    expect(m!.deploy).toMatchObject({ strategy: "rolling", maxUnavailable: 1, autoRevert: true, healthTimeoutSeconds: 600 });
    expect(m!.environment).toEqual({ name: "production", tier: "production" });
    expect(m!.env.find((e) => e.name === "SHUTDOWN_TIMEOUT")!.value).toBe("1m30s");
  });

  it("deep-merges environment overlays: maps merge, lists replace", async () => {
    const all = await models(
      "labels: { a: '1', b: '2' }\ncommand: [serve, --fast]\nenvironments:\n  staging:\n    labels: { b: '3' }\n    command: [serve]\n  production:\n    replicas: 5\n",
    );
    const [production, staging] = all;
    expect(all.map((m) => m.environment.name)).toEqual(["production", "staging"]);
    expect(staging!.identity.labels).toEqual({ a: "1", b: "3" });
    expect(staging!.command).toEqual(["serve"]);
    expect(staging!.environment.tier).toBe("staging");
    expect(production!.replicas).toBe(5);
    expect(production!.command).toEqual(["serve", "--fast"]);
  });

  it("takes the tier from the manifest over the environment's name", async () => {
    const [m] = await models("environments:\n  eu-west: { tier: production }\n");
    expect(m!.environment).toEqual({ name: "eu-west", tier: "production" });
  });

  it("sizes the canary from the replicas, rounding up", async () => {
    const [m] = await models("replicas: 3\ndeploy: { strategy: canary, canary_percent: 10 }\n");
    expect(m!.deploy.canaryReplicas).toBe(1);
    const [n] = await models("replicas: 7\ndeploy: { strategy: canary, canary_percent: 50 }\n");
    expect(n!.deploy.canaryReplicas).toBe(4);
  });

  it("orders named collections by name, whatever the manifest's order", async () => {
    const a = await models("env: { B: '1', A: '2' }\nsecrets: { Z_KEY_ID: { secret: s, key: z }, A_KEY_ID: { secret: s, key: a } }\n");
    const b = await models("secrets: { A_KEY_ID: { secret: s, key: a }, Z_KEY_ID: { secret: s, key: z } }\nenv: { A: '2', B: '1' }\n");
    expect(a).toEqual(b);
    expect(a[0]!.secretEnv.map((s) => s.name)).toEqual(["A_KEY_ID", "Z_KEY_ID"]);
  });

  it("injects database, auth and cache secrets under their conventional names", async () => {
    const [m] = await models(
      "database: { engine: postgres, url: { secret: db, key: url }, read_url: { secret: db, key: ro, env: PG_RO } }\nauth: { jwt_secret: { secret: auth, key: jwt } }\ncache: { backend: redis, url: { secret: redis, key: url } }\nnetwork: { egress: [{ cidr: 10.0.0.0/16 }] }\n",
    );
    expect(m!.secretEnv.map((s) => `${s.name}=${s.secret}/${s.key}`)).toEqual(["DATABASE_URL=db/url", "JWT_SECRET=auth/jwt", "PG_RO=db/ro", "REDIS_URL=redis/url"]);
    expect(m!.env.find((e) => e.name === "DATABASE_SSLMODE")!.value).toBe("verify-full");
  });

  it("turns backup shorthands and alerts into numbers", async () => {
    const [m] = await models(
      "monitoring:\n  metrics: { port: metrics }\n  alerts: { error_rate: { above: 2%, for: 5m }, restarts: {} }\nbackup: { schedule: daily, retention: 30d, rpo: 24h, storage: { provider: aws, bucket: orders-backups }, drills: { cadence: 90d } }\n",
    );
    expect(m!.backup).toMatchObject({ schedule: { expression: "0 0 * * *", portable: "0 0 * * *", withSeconds: "0 0 0 * * *", gaps: { maxGapSeconds: 86400, minGapSeconds: 86400 } }, retentionSeconds: 2592000, rpoSeconds: 86400, pitr: false });
    expect(m!.monitoring.alerts).toEqual([
      { kind: "error_rate", severity: "critical", forSeconds: 300, params: { above: 0.02 } },
      { kind: "restarts", severity: "warning", params: { above: 5, window: 3600 } },
    ]);
  });

  it("gives autoscaling the replica count as its floor", async () => {
    const [m] = await models("replicas: 3\nautoscaling: { max_replicas: 10 }\n");
    expect(m!.autoscaling).toEqual({ minReplicas: 3, maxReplicas: 10, cpuTarget: 0.7, scaleDownDelaySeconds: 300 });
  });
});
