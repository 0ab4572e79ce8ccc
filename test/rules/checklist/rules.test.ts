import { describe, expect, it } from "vitest";
import { CHECKLIST_RULES } from "../../../src/rules/registry.js";
import { lintManifest } from "../../../src/lint/lint-manifest.js";
import { modelChecklist } from "../../../src/rules/evaluate.js";
import { load, positionOf } from "../../helpers.js";
import { COMPLIANT } from "./compliant.js";

/** One failing case per rule: what to change in the compliant manifest, and where the finding lands. */
const FAILING: Record<string, { change: (text: string) => string; at: string; after?: string; asOf?: string }> = {
  "tls-on-exposure": { change: (t) => t.replace("  tls: { issuer: letsencrypt }\n", ""), at: "expose:", after: "logging" },
  "cors-no-wildcard": { change: (t) => t.replace("origins: [https://app.example.com]", 'origins: ["*"]'), at: "origins" },
  "rate-limit-enabled": { change: (t) => t.replace("rate_limit: { requests_per_second: 50, burst: 100 }", "rate_limit: { enabled: false }"), at: "enabled" },
  "image-pinned": { change: (t) => t.replace("ledger:1.4.2", "ledger:latest"), at: "image:" },
  "restricted-security": { change: (t) => t + "security: { read_only_root_filesystem: false }\n", at: "read_only_root_filesystem" },
  "jwt-secret-by-reference": { change: (t) => t.replace("  jwt_secret: { secret: ledger-auth, key: jwt }\n", ""), at: "auth:" },
  "auth-preset": { change: (t) => t.replace("preset: strict", "preset: none").replace("  session_store: database\n", ""), at: "preset" },
  "brute-force-protection": { change: (t) => t.replace("preset: strict\n", "preset: strict\n  brute_force_protection: { enabled: false }\n"), at: "enabled", after: "brute_force" },
  "shared-session-store": { change: (t) => t.replace("session_store: database", "session_store: memory"), at: "session_store" },
  "metrics-scraped": { change: (t) => t.replace(/monitoring:\n(  .*\n)+/, "monitoring: { runbook_base_url: https://runbooks.example.com }\n"), at: "monitoring:" },
  "json-logs": { change: (t) => t.replace("logging: { format: json }", "logging: { format: text }"), at: "format: text" },
  "liveness-probe": { change: (t) => t.replace("  liveness: { path: /healthz, port: http, timeout: 2s }\n", ""), at: "health:" },
  "readiness-probe": { change: (t) => t.replace("  readiness: { path: /readyz, port: http, timeout: 2s }\n", ""), at: "health:" },
  "alerts-declared": { change: (t) => t.replace("  alerts:\n    error_rate: { above: 1%, for: 5m }\n", ""), at: "monitoring:" },
  "min-replicas": { change: (t) => t.replace("replicas: 3", "replicas: 1").replace("pool: { max: 10 }", "pool: { max: 10 }"), at: "replicas: 1" },
  "resources-declared": { change: (t) => t.replace("resources:\n  requests: { cpu: 250m, memory: 256Mi }\n  limits: { cpu: \"1\", memory: 512Mi }\n", ""), at: "apiVersion" },
  "disruption-budget": { change: (t) => t + "disruption: { max_unavailable: 0 }\n", at: "disruption:" },
  "health-check-budget": { change: (t) => t.replace("check_timeout: 1s", "check_timeout: 2s"), at: "check_timeout" },
  "shared-state-with-replicas": { change: (t) => t + "cache: { backend: memory }\n", at: "backend" },
  "queue-retries": { change: (t) => t + "queues:\n  - { name: events }\n", at: "{ name: events }" },
  "database-tls-verify-full": { change: (t) => t.replace("ssl_mode: verify-full", "ssl_mode: require"), at: "ssl_mode" },
  "no-sqlite-in-production": {
    change: (t) => t.replace(/database:\n(  .*\n)+/, "database: { engine: sqlite, path: /data/ledger.db }\n").replace("session_store: database", "session_store: redis") + "cache: { backend: redis, url: { secret: r, key: u } }\n",
    at: "engine: sqlite",
  },
  "pool-fits-connections": { change: (t) => t.replace("max_connections: 100", "max_connections: 20"), at: "max: 10" },
  "migrations-run-once": { change: (t) => t.replace("migrations: { mode: job, command: [./ledger, migrate] }", "migrations: { mode: startup }"), at: "mode: startup" },
  "read-replica-for-read-heavy": { change: (t) => t.replace("  max_connections: 100\n", "  max_connections: 100\n  read_heavy: true\n"), at: "read_heavy" },
  "backup-for-state": { change: (t) => t.replace(/backup:\n(  .*\n)+/, ""), at: "apiVersion" },
  "recovery-targets": { change: (t) => t.replace("  rto: 1h\n", ""), at: "backup:" },
  // Judged only with an as-of date: the drill of 2026-05-01 with a 90d cadence ran out on 2026-07-30.
  "restore-drill-current": { change: (t) => t.replace("last: 2026-10-01", "last: 2026-05-01"), at: "last: 2026-05-01", asOf: "2026-11-22" },
  "auto-revert": { change: (t) => t.replace("deploy: { strategy: canary }", "deploy: { strategy: canary, auto_revert: false }"), at: "auto_revert" },
  "published-ports-restricted": { change: (t) => t.replace("  - { name: metrics, port: 9090 }", "  - { name: metrics, port: 9090 }\n  - { name: ssh, port: 2222, publish: { type: LoadBalancer, port: 22 } }"), at: "publish" },
  "egress-restricted": { change: (t) => t.replace("network:\n", "network:\n  open_egress: true\n"), at: "open_egress" },
  "production-log-level": { change: (t) => t.replace("logging: { format: json }", "logging: { format: json, level: debug }"), at: "level: debug" },
  "priority-class-set": { change: (t) => t.replace("priority_class: business-critical\n", ""), at: "apiVersion" },
  "shutdown-covers-requests": { change: (t) => t.replace("  rate_limit:", "  timeouts: { request: 60s }\n  rate_limit:") + "shutdown: { timeout: 20s }\n", at: "request: 60s" },
  "sqlite-single-writer": { change: (t) => FAILING["no-sqlite-in-production"]!.change(t), at: "replicas: 3" },
  "cluster-prerequisites": { change: (t) => t.replace(/checklist:\n  attestations:\n.*\n/, ""), at: "priority_class" },
};

describe("checklist rules", () => {
  it("the compliant manifest passes every rule", async () => {
    const loaded = await load(COMPLIANT);
    expect(loaded.diagnostics).toEqual([]);
    const { reports, findings } = await lintManifest(loaded, { asOf: "2026-11-22" });
    expect(findings).toEqual([]);
    expect(reports[0]!.results.filter((r) => r.status !== "pass" && r.status !== "not-applicable").map((r) => r.rule.id)).toEqual([]);
  });

  it("egress-restricted also fails on an egress range that is every host", async () => {
    const text = COMPLIANT.replace("    - { cidr: 10.20.0.0/24, ports: [5432] }\n", "    - { cidr: 10.20.0.0/24, ports: [5432] }\n    - { cidr: 0.0.0.0/0, ports: [443] }\n    - { cidr: \"::/0\" }\n");
    expect(text).not.toBe(COMPLIANT);
    const { findings } = await lintManifest(await load(text), { asOf: "2026-11-22" });
    expect(findings.filter((f) => f.code === "egress-restricted").map((f) => [f.message, `${f.line}:${f.col}`])).toEqual([
      ["network.egress allows outgoing traffic to any host (0.0.0.0/0) on port 443", positionOf(text, "cidr: 0.0.0.0/0")],
      ["network.egress allows outgoing traffic to any host (::/0) on every port", positionOf(text, "cidr: \"::/0\"")],
    ]);
  });

  it("every rule has a failing case here", () => {
    expect([...Object.keys(FAILING), "grace-period"].sort()).toEqual(CHECKLIST_RULES.map((r) => r.id).sort());
  });

  // grace-period is one rule: a validation error that stops compile (tested with the validation
  // rules) and a checklist item. On a Model alone (the checklist report's view) it judges the same facts.
  it("grace-period fails on a model whose grace period does not outlast shutdown + drain", async () => {
    const [m] = (await load(COMPLIANT)).models;
    const status = (model: typeof m) => modelChecklist(model!).results.find((r) => r.rule.id === "grace-period")!;
    expect(status(m).status).toBe("pass");
    const short = { ...m!, shutdown: { timeoutSeconds: 30, drainSeconds: 5, gracePeriodSeconds: 35 } };
    expect(status(short)).toMatchObject({ status: "fail", findings: [{ code: "GRACE_PERIOD_TOO_SHORT", path: ["shutdown", "grace_period"] }] });
  });

  for (const rule of CHECKLIST_RULES.filter((r) => r.id !== "grace-period")) {
    const c = FAILING[rule.id]!;
    it(`${rule.id} fails at the offending line`, async () => {
      const text = c.change(COMPLIANT);
      expect(text, "the case must change the manifest").not.toBe(COMPLIANT);
      const { findings } = await lintManifest(await load(text), c.asOf ? { asOf: c.asOf } : {});
      const mine = findings.filter((f) => f.code === rule.id);
      expect(mine.length, `${rule.id}: ${JSON.stringify(findings.map((f) => f.code))}`).toBeGreaterThan(0);
      expect(`${mine[0]!.line}:${mine[0]!.col}`).toBe(positionOf(text, c.at, c.after));
      expect(mine[0]!.severity).toBe(rule.severity);
      expect(mine[0]!.hint).toBe(rule.checklist!.fix);
    });
  }
});

describe("findings about one entry of a list are located at that entry", () => {
  it("an unlocked in-app job, a queue's backoff and dead letter, at the job and the queue (not at the list's key)", async () => {
    const text = COMPLIANT + `scheduled_jobs:
  - { name: cleanup, schedule: daily, lock: redis }
  - { name: digest, schedule: hourly }
queues:
  - { name: orders, retry: { backoff: exponential }, dead_letter: orders-dlq }
  - name: emails
    retry: { backoff: fixed }
`;
    const { findings } = await lintManifest(await load(text));
    const at = (id: string) => findings.filter((f) => f.code === id).map((f) => `${f.line}:${f.col} ${f.message}`);
    expect(at("shared-state-with-replicas")).toEqual([`${positionOf(text, "{ name: digest")} job digest runs in every replica without a lock`]);
    expect(at("queue-retries")).toEqual([
      `${positionOf(text, "name: emails")} queue emails has no dead_letter target`,
      `${positionOf(text, "backoff: fixed")} queue emails retries without backoff`,
    ]);
  });

  it("the compiled checklist (the Model alone, no written view) names the list, never an index of -1", async () => {
    const text = COMPLIANT + "scheduled_jobs:\n  - { name: report, schedule: daily, command: [report], image: ghcr.io/acme/report:latest }\nqueues:\n  - { name: events }\n";
    const [m] = (await load(text)).models;
    const paths = modelChecklist(m!).results.flatMap((r) => r.findings.map((f) => `${r.rule.id} ${f.path.join(".")}`));
    expect(paths).toEqual(expect.arrayContaining(["image-pinned scheduled_jobs", "queue-retries queues"]));
    expect(paths.filter((p) => p.includes("-1"))).toEqual([]);
  });
});

describe("resources-declared: a size declared in part is not the service's measurement", () => {
  it("the bounds left to berth's defaults are named, for the service, a sidecar, the migration Job and a scheduled job", async () => {
    const text = COMPLIANT.replace(/resources:\n(  .*\n)+/, "resources: { limits: { memory: 1Gi } }\n").replace(
      "  migrations: { mode: job, command: [./ledger, migrate] }\n",
      "  migrations: { mode: job, command: [./ledger, migrate], resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } } }\n",
    ) + `sidecars:
  - { name: proxy, image: ghcr.io/acme/proxy:1.0.0, resources: {} }
scheduled_jobs:
  - { name: report, schedule: daily, command: [report], resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 500m } } }
`;
    const { findings } = await lintManifest(await load(text));
    expect(findings.filter((f) => f.code === "resources-declared").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([
      `${positionOf(text, "resources: { limits")} resources declare no requests.cpu, requests.memory, limits.cpu (berth's defaults apply)`,
      `${positionOf(text, "resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory")} resources of the container "migration" declare no limits.cpu (berth's defaults apply)`,
      `${positionOf(text, "resources: {} }")} resources of the container "proxy" declare no requests.cpu, requests.memory, limits.cpu, limits.memory (berth's defaults apply)`,
      `${positionOf(text, "resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu")} resources of the container "report" declare no limits.memory (berth's defaults apply)`,
    ]);
  });
});

describe("backup-for-state is judged on what the backups take", () => {
  it("a persistent volume whose data no schedule takes (include_volumes off) fails, with the recovery plan's reason", async () => {
    const text = COMPLIANT + "volumes:\n  - { name: data, mount: /data, size: 10Gi }\n";
    const { findings } = await lintManifest(await load(text));
    expect(findings.filter((f) => f.code === "backup-for-state").map((f) => [`${f.line}:${f.col}`, f.message, f.hint])).toEqual([
      [positionOf(text, "backup:"), "the backups do not take the service's state: Volumes data", "Not backed up: set backup.include_volumes."],
    ]);
    const taken = await lintManifest(await load(text.replace("  logical: {}\n", "  logical: {}\n  include_volumes: true\n")));
    expect(taken.findings.map((f) => f.code)).not.toContain("backup-for-state");
  });
});

describe("tls-on-exposure is judged on what carries the certificate", () => {
  it("a cert-manager issuer behind a Gateway only (no Ingress for it to act on, no Secret) fails at the issuer", async () => {
    const text = COMPLIANT.replace(/expose:\n(  .*\n)+/, "expose:\n  hosts: [ledger.example.com]\n  tls: { issuer: letsencrypt }\n  gateway: { name: edge, namespace: gateways }\n");
    expect(text).not.toBe(COMPLIANT);
    const { findings } = await lintManifest(await load(text));
    expect(findings.filter((f) => f.code === "tls-on-exposure").map((f) => [`${f.line}:${f.col}`, f.message])).toEqual([
      [positionOf(text, "issuer: letsencrypt"), "the service is exposed through a Gateway only, where expose.tls.issuer has no effect: no certificate is issued or named"],
    ]);
    const named = await lintManifest(await load(text.replace("tls: { issuer: letsencrypt }", "tls: { secret: ledger-tls }")));
    expect(named.findings.map((f) => f.code)).not.toContain("tls-on-exposure");
  });
});

describe("rules that judge what they can", () => {
  it("backup-for-state: a backup block that takes no persistent volume does not back the volume up", async () => {
    const volumes = "volumes: [{ name: data, mount: /data, size: 10Gi }]\n";
    const text = COMPLIANT + volumes;
    const { findings } = await lintManifest(await load(text));
    const mine = findings.filter((f) => f.code === "backup-for-state");
    expect(mine.map((f) => `${f.line}:${f.col} ${f.severity} ${f.message}`)).toEqual([
      `${positionOf(text, "backup:")} error the backups do not take the service's state: Volumes data`,
    ]);
    // Volumes taken by the Velero schedule: backed up.
    const taken = COMPLIANT.replace("backup:\n", "backup:\n  include_volumes: true\n") + volumes;
    expect(taken).not.toBe(text);
    expect((await lintManifest(await load(taken))).findings.map((f) => f.code)).not.toContain("backup-for-state");
  });

  it("pool-fits-connections: an undeclared server limit is a warning that says to declare it, not a failed check", async () => {
    const text = COMPLIANT.replace("  max_connections: 100\n", "");
    const { findings, reports } = await lintManifest(await load(text));
    const mine = findings.filter((f) => f.code === "pool-fits-connections");
    expect(mine).toMatchObject([{ severity: "warning", message: expect.stringContaining("not declared") }]);
    expect(mine[0]!.hint).toMatch(/Declare the server's limit in `database.max_connections`/);
    expect(reports[0]!.results.find((r) => r.rule.id === "pool-fits-connections")).toMatchObject({ status: "fail", severity: "warning" });
  });

  it.each(["v2", "1", "1.2", "stable", "latest", "main-2024"])("image-pinned: the floating tag %s is flagged", async (tag) => {
    const { findings } = await lintManifest(await load(COMPLIANT.replace("ledger:1.4.2", `ledger:${tag}`)));
    expect(findings.find((f) => f.code === "image-pinned")?.message).toBe(`the image tag ${JSON.stringify(tag)} floats: it is not a full version, a commit id or a digest`);
  });

  it.each(["1.4.2", "v1.4.2", "1.4.2-rc.1", "1.4.2-alpine", "sha-3f2a9c1", "3f2a9c1d0e"])("image-pinned: the tag %s is pinned", async (tag) => {
    const { findings } = await lintManifest(await load(COMPLIANT.replace("ledger:1.4.2", `ledger:${tag}`)));
    expect(findings.map((f) => f.code)).not.toContain("image-pinned");
  });

  it.each([
    ["min_available: 67%", true], // ceil(3 × 0.67) = 3 of 3 pods: a drain evicts none
    ["min_available: 34%", false], // ceil(1.02) = 2 of 3: one may go
    ["min_available: 3", true],
    ["min_available: 2", false],
    ["max_unavailable: 0%", true],
    ["max_unavailable: 1%", false], // rounded up to 1
  ])("disruption-budget: %s of 3 replicas blocks drains: %s (percentages rounded up as Kubernetes does)", async (budget, blocked) => {
    const text = COMPLIANT + `disruption: { ${budget} }\n`;
    const { findings } = await lintManifest(await load(text));
    expect(findings.filter((f) => f.code === "disruption-budget").map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual(
      blocked ? [`${positionOf(text, "disruption:")} the disruption budget allows no pod to be evicted`] : [],
    );
  });

  it("disruption-budget: judged at the autoscaler's floor, which the budget counts", async () => {
    const text = COMPLIANT.replace("replicas: 3", "replicas: 3\nautoscaling: { min_replicas: 2, max_replicas: 6 }") + "disruption: { min_available: 60% }\n";
    const { findings } = await lintManifest(await load(text));
    expect(findings.filter((f) => f.code === "disruption-budget").map((f) => `${f.line}:${f.col}`)).toEqual([positionOf(text, "disruption:")]);
  });

  it.each([
    ["blue-green", "max_connections: 50", "10 connections × 6 pods (the most a blue-green deploy runs at once) = 60 > max_connections 50"],
    ["canary", "max_connections: 35", "10 connections × 4 pods (the most a canary deploy runs at once) = 40 > max_connections 35"],
  ])("pool-fits-connections: counts the pods a %s deploy runs beside the replicas", async (strategy, limit, message) => {
    const text = COMPLIANT.replace("strategy: canary", `strategy: ${strategy}`).replace("max_connections: 100", limit);
    const { findings } = await lintManifest(await load(text));
    expect(findings.filter((f) => f.code === "pool-fits-connections").map((f) => f.message)).toEqual([message]);
  });

  it("sqlite-single-writer: one replica is still two writers under blue-green", async () => {
    const sqlite = FAILING["no-sqlite-in-production"]!.change(COMPLIANT).replace("replicas: 3", "replicas: 1");
    const text = sqlite.replace("strategy: canary", "strategy: blue-green");
    const { findings } = await lintManifest(await load(text));
    const mine = findings.filter((f) => f.code === "sqlite-single-writer");
    expect(mine.map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual([`${positionOf(text, "strategy")} SQLite with the blue-green strategy: two versions run at once and both write the database file`]);
    const rolling = await lintManifest(await load(sqlite.replace("deploy: { strategy: canary }\n", "")));
    expect(rolling.findings.map((f) => f.code)).not.toContain("sqlite-single-writer");
  });
});

describe("auto-revert is true on the delivery path (issue 18.14)", () => {
  it("warns on a rolling deploy: only helm --atomic reverts a Deployment", async () => {
    const text = COMPLIANT.replace("deploy: { strategy: canary }", "deploy: { strategy: rolling }");
    const { findings } = await lintManifest(await load(text));
    const mine = findings.filter((f) => f.code === "auto-revert");
    expect(mine.map((f) => `${f.line}:${f.col} ${f.severity}`)).toEqual([`${positionOf(text, "deploy:")} warning`]);
    expect(mine[0]!.message).toContain("`helm upgrade --atomic`");
  });

  it("passes for canary and blue-green with metrics: Argo Rollouts aborts in the cluster, whoever applied it", async () => {
    for (const strategy of ["canary", "blue-green"]) {
      const { findings } = await lintManifest(await load(COMPLIANT.replace("strategy: canary", `strategy: ${strategy}`)));
      expect(findings.map((f) => f.code)).not.toContain("auto-revert");
    }
  });
});

it("cluster-prerequisites passes once the manifest attests the platform provides them", async () => {
  const text = COMPLIANT;
  expect(text).toContain("item: cluster-prerequisites");
  const { findings } = await lintManifest(await load(text));
  expect(findings.filter((f) => f.code === "cluster-prerequisites")).toEqual([]);
});

describe("waivers and overrides", () => {
  const failing = FAILING["image-pinned"]!.change(COMPLIANT);
  // COMPLIANT ends inside its `checklist` block: a waiver is one more key of it.
  const waiver = (expires: string) => `  waivers:\n    - { rule: image-pinned, reason: we track the main branch on purpose here, expires: ${expires}, owner: finance }\n`;

  it("a waiver turns a failure into a waived finding, until it expires", async () => {
    const live = await lintManifest(await load(failing + waiver("2027-01-01")), { asOf: "2026-12-01" });
    expect(live.findings.find((f) => f.code === "image-pinned")).toMatchObject({ status: "waived", severity: "info" });
    const expired = await lintManifest(await load(failing + waiver("2026-11-01")), { asOf: "2026-12-01" });
    expect(expired.findings.find((f) => f.code === "image-pinned")).toMatchObject({ status: "fail", severity: "warning" });
    expect(expired.findings.find((f) => f.code === "image-pinned")!.message).toContain("waiver expired 2026-11-01");
  });

  it("--no-waivers ignores them; a waiver for a passing rule is reported", async () => {
    const strict = await lintManifest(await load(failing + waiver("2027-01-01")), { ignoreWaivers: true });
    expect(strict.findings.find((f) => f.code === "image-pinned")).toMatchObject({ status: "fail" });
    const unused = await lintManifest(await load(COMPLIANT + waiver("2027-01-01")));
    expect(unused.findings.map((f) => f.code)).toEqual(["UNUSED_WAIVER"]);
  });

  it("severities follow the config, then the manifest", async () => {
    const config = await lintManifest(await load(failing), { severity: { "image-pinned": "error" } });
    expect(config.findings.find((f) => f.code === "image-pinned")!.severity).toBe("error");
    const manifest = await lintManifest(await load(failing + "  severity: { image-pinned: off }\n"), { severity: { "image-pinned": "error" } });
    expect(manifest.findings.find((f) => f.code === "image-pinned")).toBeUndefined();
  });
});
