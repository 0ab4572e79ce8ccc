import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/pipeline.js";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

/** Each case adds YAML to the base manifest and names the code expected where `at` first appears. */
const FAILING: Array<{ name: string; add: string; code: string; at: string; after?: string; replace?: [string, string]; warning?: true }> = [
  { name: "literal password in env", add: "env:\n  DB_PASSWORD: hunter2\n", code: "LITERAL_CREDENTIAL", at: "hunter2" },
  { name: "URL with a password", add: "env:\n  UPSTREAM: postgres://app:s3cret@db/orders\n", code: "LITERAL_CREDENTIAL", at: "postgres://" },
  { name: "URL with a password and no user (Redis's form)", add: "env:\n  CACHE_URL: redis://:s3cretpass@cache:6379/0\n", code: "LITERAL_CREDENTIAL", at: "redis://" },
  { name: "private key in a config file", add: "config_files:\n  - path: /etc/key.pem\n    content: |\n      -----BEGIN RSA PRIVATE KEY-----\n      abc\n", code: "LITERAL_CREDENTIAL", at: "|" },
  { name: "env and secrets set one variable", add: "env: { TOKEN_TTL: '5' }\nsecrets:\n  TOKEN_TTL: { secret: s, key: k }\n", code: "ENV_CONFLICT", at: "TOKEN_TTL", after: "secrets:" },
  { name: "env overrides a derived variable", add: "env:\n  LOG_LEVEL: debug\n", code: "ENV_CONFLICT", at: "LOG_LEVEL" },
  { name: "duplicate port name", add: "", replace: ["- { name: metrics, port: 9090 }", "- { name: http, port: 9090 }"], code: "DUPLICATE_NAME", at: "http, port: 9090" },
  { name: "probe names an undeclared port", add: "", replace: ["/readyz, port: http", "/readyz, port: web"], code: "UNKNOWN_PORT", at: "web" },
  { name: "probe on a UDP port", add: "", replace: ["  - { name: metrics, port: 9090 }\nhealth:\n  liveness: { path: /healthz, port: http }\n  readiness: { path: /readyz, port: http }\n", "  - { name: dns, port: 5353, protocol: UDP }\nhealth:\n  liveness: { path: /healthz, port: http }\n  readiness: { tcp: true, port: dns }\n"], code: "PORT_PROTOCOL", at: "dns }" },
  { name: "a sidecar's probe on its UDP port (the default, its first)", add: "sidecars:\n  - { name: stats, image: ghcr.io/acme/stats:1.0.0, ports: [{ name: statsd, port: 8125, protocol: UDP }], health: { liveness: { tcp: true } } }\n", code: "PORT_PROTOCOL", at: "liveness: { tcp" },
  { name: "an exposed UDP port (the edge speaks HTTP over TCP)", add: "expose: { hosts: [orders.example.com], ingress: { class: nginx } }\n", replace: ["- { name: http, port: 8080 }", "- { name: http, port: 8080 }\n  - { name: dns, port: 5353, protocol: UDP, expose: true }"], code: "PORT_PROTOCOL", at: "true }", after: "ports:" },
  { name: "probe without a handler", add: "", replace: ["readiness: { path: /readyz, port: http }", "readiness: { port: http }"], code: "PROBE_HANDLER", at: "readiness" },
  { name: "probe with two handlers", add: "", replace: ["readiness: { path: /readyz, port: http }", "readiness: { path: /readyz, tcp: true, port: http }"], code: "PROBE_HANDLER", at: "readiness" },
  { name: "liveness success threshold", add: "", replace: ["liveness: { path: /healthz, port: http }", "liveness: { path: /healthz, port: http, success_threshold: 2 }"], code: "FIELD_NOT_APPLICABLE", at: "2 }" },
  { name: "exposed port without expose", add: "", replace: ["- { name: http, port: 8080 }", "- { name: http, port: 8080, expose: true }"], code: "EXPOSE_PORT", at: "true" },
  { name: "more hosts than an HTTPRoute holds", add: `expose: { hosts: [${Array.from({ length: 17 }, (_, i) => `h${i}.example.com`).join(", ")}], gateway: { name: edge, namespace: gateways } }\n`, replace: ["- { name: http, port: 8080 }", "- { name: http, port: 8080, expose: true }"], code: "GATEWAY_HOSTS_LIMIT", at: "h16.example.com" },
  { name: "expose without a route", add: "expose: { hosts: [orders.example.com] }\n", replace: ["- { name: http, port: 8080 }", "- { name: http, port: 8080, expose: true }"], code: "EXPOSE_ROUTE", at: "expose:" },
  { name: "a cert-manager issuer with no Ingress to carry it", add: "expose: { hosts: [orders.example.com], tls: { issuer: letsencrypt }, gateway: { name: edge, namespace: gateways } }\n", replace: ["- { name: http, port: 8080 }", "- { name: http, port: 8080, expose: true }"], code: "FIELD_NOT_APPLICABLE", at: "issuer", warning: true },
  { name: "autoscaling min above max", add: "autoscaling: { min_replicas: 5, max_replicas: 3 }\n", code: "RANGE_ORDER", at: "5" },
  { name: "request above limit", add: "resources: { requests: { cpu: '2' }, limits: { cpu: 500m } }\n", code: "RANGE_ORDER", at: "'2'" },
  { name: "request above berth's default limit", add: "resources: { requests: { memory: 1Gi } }\n", code: "RANGE_ORDER", at: "1Gi" },
  { name: "limit below berth's default request", add: "resources: { limits: { cpu: 50m } }\n", code: "RANGE_ORDER", at: "50m" },
  { name: "a sidecar's request above its limit", add: "sidecars:\n  - { name: proxy, image: ghcr.io/acme/proxy:1.0.0, resources: { requests: { cpu: '1' } } }\n", code: "RANGE_ORDER", at: "'1'" },
  { name: "an init container's request above its limit", add: "init_containers:\n  - { name: setup, image: ghcr.io/acme/setup:1.0.0, resources: { requests: { memory: 600Mi }, limits: { memory: 300Mi } } }\n", code: "RANGE_ORDER", at: "600Mi" },
  { name: "a scheduled job's request above its limit", add: "scheduled_jobs:\n  - { name: nightly, schedule: daily, command: [run], resources: { requests: { cpu: '2', memory: 1Gi } } }\n", code: "RANGE_ORDER", at: "1Gi" },
  { name: "the migration Job's request above its limit", add: "database:\n  engine: postgres\n  url: { secret: db, key: url }\n  migrations: { command: [migrate], resources: { requests: { memory: 2Gi } } }\nnetwork: { open_egress: true }\n", code: "RANGE_ORDER", at: "2Gi" },
  { name: "grace period too short", add: "shutdown: { timeout: 30s, drain: 5s, grace_period: 30s }\n", code: "GRACE_PERIOD_TOO_SHORT", at: "30s }" },
  { name: "postgres without url", add: "database: { engine: postgres }\n", code: "DATABASE_INCOMPLETE", at: "database" },
  { name: "migration job without command", add: "database: { engine: postgres, url: { secret: db, key: url }, migrations: { mode: job } }\n", code: "DATABASE_INCOMPLETE", at: "migrations" },
  { name: "cloudnative-pg without cluster", add: "database: { engine: postgres, url: { secret: db, key: url }, managed_by: cloudnative-pg }\n", code: "DATABASE_INCOMPLETE", at: "managed_by" },
  { name: "config file with two sources", add: "config_files:\n  - { path: /etc/a.yaml, content: x, secret: { secret: s, key: k } }\n", code: "CONFIG_FILE_SOURCE", at: "{ path" },
  { name: "both disruption limits", add: "disruption: { min_available: 1, max_unavailable: 1 }\n", code: "DISRUPTION_BOTH", at: "max_unavailable" },
  { name: "rate limit by header without header", add: "http: { rate_limit: { key: header } }\n", code: "RATE_LIMIT_HEADER", at: "header }" },
  { name: "redis cache without url", add: "cache: { backend: redis }\n", code: "CACHE_URL", at: "cache" },
  { name: "bad cron", add: "backup: { schedule: '61 * * * *' }\n", code: "INVALID_CRON", at: "'61" },
  { name: "peer with nothing", add: "network: { allow_from: [{ ports: [80] }] }\n", code: "INVALID_PEER", at: "{ ports" },
  { name: "alert on a backup that does not exist", add: "monitoring: { alerts: { backup_failure: {} } }\n", code: "FIELD_NOT_APPLICABLE", at: "backup_failure" },
  { name: "default_environment with environments", add: "default_environment: prod\nenvironments: { staging: {} }\n", code: "DEFAULT_ENV_WITH_ENVIRONMENTS", at: "default_environment" },
  { name: "an environment named like the chart's folder", add: "environments:\n  helm: {}\n", code: "RESERVED_ENVIRONMENT_NAME", at: "helm" },
  { name: "a default environment named like the chart's folder", add: "default_environment: helm\n", code: "RESERVED_ENVIRONMENT_NAME", at: "helm" },
];

describe("semantic rules", () => {
  for (const c of FAILING) {
    it(`flags ${c.name}`, async () => {
      const text = (c.replace ? BASE_YAML.replace(c.replace[0], c.replace[1]) : BASE_YAML) + c.add;
      const result = await load(text);
      expect(codesAt(result)).toContain(`${c.code}@${positionOf(text, c.at, c.after ?? (c.add ? c.add.split("\n")[0] : ""))}`);
      // An error stops the manifest from compiling; a warning does not.
      expect(result.models.length > 0).toBe(c.warning === true);
    });
  }

  it("says which container's request exceeds which limit, and that the limit is berth's default", async () => {
    const text = `${BASE_YAML}scheduled_jobs:\n  - { name: nightly, schedule: daily, command: [run], resources: { requests: { memory: 1Gi } } }\n`;
    const result = await load(text);
    expect(result.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        "RANGE_ORDER",
        "scheduled job nightly: memory request 1Gi exceeds the limit 256Mi (berth's default limit, since none is written): the API server rejects the pod",
        "Write the limit too: berth's default limit does not follow the bound you wrote.",
      ],
    ]);
  });

  it("the migration Job's settings with mode startup or external have no effect: each is FIELD_NOT_APPLICABLE at its key", async () => {
    for (const mode of ["startup", "external"]) {
      const text = `${BASE_YAML}database:
  engine: postgres
  url: { secret: db, key: url }
  migrations:
    mode: ${mode}
    image: ghcr.io/acme/migrate:1.0.0
    resources: { limits: { memory: 512Mi } }
    timeout: 5m
    backoff_limit: 2
network: { open_egress: true }
`;
      const result = await load(text);
      expect(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.message}`), mode).toEqual(
        ["image", "resources", "timeout", "backoff_limit"].map(
          (key) => `FIELD_NOT_APPLICABLE@${positionOf(text, `${key}:`, "migrations:")} migrations.${key} is used only with \`mode: job\`, by the migration Job (mode is ${mode})`,
        ),
      );
    }
  });

  it("accepts the same blocks when they are complete", async () => {
    const text = `${BASE_YAML}env: { TOKEN_TTL: "5m", PASSWORD_MIN_LENGTH: "12", SECRET_PATH: /var/run/secret }
secrets:
  API_TOKEN: { secret: orders, key: token }
autoscaling: { min_replicas: 2, max_replicas: 6 }
resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { cpu: "1", memory: 512Mi } }
shutdown: { timeout: 30s, drain: 5s, grace_period: 60s }
database:
  engine: postgres
  url: { secret: orders-db, key: url }
  managed_by: cloudnative-pg
  cluster: orders-pg
  cloudnative_pg: { storage: { size: 10Gi } }
  migrations: { mode: job, command: [./orders, migrate] }
disruption: { min_available: 1 }
http: { rate_limit: { key: header, header: X-Api-Key } }
cache: { backend: redis, url: { secret: orders-redis, key: url } }
backup: { schedule: "*/15 * * * *", retention: 7d, storage: { provider: aws, bucket: orders-backups }, drills: { cadence: 90d } }
monitoring: { metrics: { port: metrics }, alerts: { backup_failure: {}, error_rate: { above: 2% } } }
network: { allow_from: [{ service: web, namespace: frontend }], egress: [{ cidr: 10.0.0.0/8, ports: [5432] }, { cidr: 10.30.0.0/28, ports: [6379] }] }
`;
    const result = await load(text);
    expect(result.diagnostics.map((d) => d.message)).toEqual([]);
    expect(result.models).toHaveLength(1);
  });

  it("locates a problem in the environment that introduced it, and names the environment", async () => {
    const text = BASE_YAML + "environments:\n  staging: {}\n  production:\n    env: { API_KEY: abc123 }\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`LITERAL_CREDENTIAL@${positionOf(text, "abc123")}`]);
    expect(result.diagnostics[0]!.message).not.toContain("abc123");
  });

  it("names the environments in which a base value fails", async () => {
    const text = BASE_YAML + "deploy: { strategy: canary, canary_percent: 20 }\nenvironments:\n  dev: { deploy: { strategy: rolling } }\n  production: {}\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "canary_percent")}`]);
    expect(result.diagnostics[0]!.severity).toBe("warning");
    expect(result.diagnostics[0]!.message).toMatch(/\(in environment dev\)$/);
    expect(result.models.map((m) => m.environment.name)).toEqual(["dev", "production"]);
  });

  it("judges deploy fields by the strategy compile uses: --strategy overrides the written one", async () => {
    const text = BASE_YAML + "deploy: { canary_percent: 10, max_unavailable: 1 }\n";
    const bytes = new TextEncoder().encode(text);
    const written = await loadManifest("service.yaml", bytes);
    expect(codesAt(written)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "canary_percent")}`]);
    const canary = await loadManifest("service.yaml", bytes, { strategy: "canary" });
    expect(codesAt(canary)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "max_unavailable")}`]);
    expect(canary.diagnostics[0]!.message).toContain("strategy canary");
  });
});
