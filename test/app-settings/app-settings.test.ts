// The application settings contract (issue 13): the variables berth passes for app-enforced settings
// can be prefixed, renamed, left out or turned off, and the checklist rules that rely on them never
// pass a setting that does not reach the application.
import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../src/kube/index.js";
import { lintManifest } from "../../src/lint/lint-manifest.js";
import { modelChecklist } from "../../src/rules/evaluate.js";
import { codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf, objectIn } from "../kube/model.js";
import { validateBuiltIn } from "../support/k8s-models.js";

const TIMEOUT = { timeout: 60_000 };
const SETTINGS = `env: { FEATURE: on }
logging: { format: json, level: info }
http: { cors: { origins: [https://shop.example.com] } }
`;

/** The ConfigMap the pods read their plain configuration from. */
async function configData(extra: string): Promise<Record<string, string>> {
  const objects = buildKubeObjects(await modelOf(base(SETTINGS + extra)));
  const map = objectIn(objects, "configmap-env.yaml");
  expect(validateBuiltIn(map)).toEqual([]);
  return map.data;
}

/** Each checklist rule's status and its findings' messages, for one manifest's first environment. */
async function checklistOf(text: string) {
  const report = modelChecklist(await modelOf(text));
  return new Map(report.results.map((r) => [r.rule.id, { status: r.status, severity: r.severity, findings: r.findings }]));
}

describe("app settings: the variables", TIMEOUT, () => {
  it("by default, berth's names", async () => {
    const data = await configData("");
    expect(data).toMatchObject({ FEATURE: "on", LOG_LEVEL: "info", LOG_FORMAT: "json", CORS_ALLOWED_ORIGINS: "https://shop.example.com" });
  });

  it("env_prefix prefixes every one (the user's own env untouched), rename gives one its exact name, exclude leaves one out", async () => {
    const data = await configData("app_settings: { env_prefix: MYCEL_, rename: { LOG_LEVEL: LOGLEVEL }, exclude: [CORS_MAX_AGE] }\n");
    expect(data.FEATURE).toBe("on");
    expect(data.LOGLEVEL).toBe("info");
    expect(data.MYCEL_LOG_FORMAT).toBe("json");
    expect(data.MYCEL_CORS_ALLOWED_ORIGINS).toBe("https://shop.example.com");
    expect(Object.keys(data).filter((k) => k !== "FEATURE" && k !== "LOGLEVEL" && !k.startsWith("MYCEL_"))).toEqual([]);
    expect(Object.keys(data).some((k) => k.includes("CORS_MAX_AGE"))).toBe(false);
  });

  it("inject: false passes none of them, but keeps the user's env and the secret references", async () => {
    const m = await modelOf(base(SETTINGS + "database: { engine: postgres, url: { secret: db, key: url } }\nnetwork: { open_egress: true }\napp_settings: { inject: false }\n"));
    expect(m.env.map((e) => e.name)).toEqual(["FEATURE"]);
    expect(m.secretEnv.map((e) => e.name)).toEqual(["DATABASE_URL"]);
    expect(m.appSettings.inject).toBe(false);
    expect(m.appSettings.settings.every((s) => s.env === undefined && s.withheld?.by === "inject")).toBe(true);
    expect(m.appSettings.settings.map((s) => s.setting)).toContain("DATABASE_POOL_MAX");
    const objects = buildKubeObjects(m);
    expect(objectIn(objects, "configmap-env.yaml").data).toEqual({ FEATURE: "on" });
    expect(validateBuiltIn(objectIn(objects, "deployment.yaml"))).toEqual([]);
  });

  it("the Model says, once, how each setting reaches the application", async () => {
    const m = await modelOf(base(SETTINGS + "app_settings: { env_prefix: APP_, rename: { LOG_LEVEL: LEVEL }, exclude: [LOG_FORMAT] }\n"));
    const bySetting = new Map(m.appSettings.settings.map((s) => [s.setting, s]));
    expect(bySetting.get("LOG_LEVEL")).toMatchObject({ env: "LEVEL", from: "logging.level", value: "info" });
    expect(bySetting.get("SHUTDOWN_TIMEOUT")).toMatchObject({ env: "APP_SHUTDOWN_TIMEOUT" });
    expect(bySetting.get("LOG_FORMAT")).toMatchObject({ withheld: { by: "exclude", index: 0 } });
    expect(bySetting.get("LOG_FORMAT")!.env).toBeUndefined();
  });

  it("an environment may turn injection off for itself", async () => {
    const loaded = await load(base(SETTINGS + "environments:\n  staging: {}\n  vendor:\n    app_settings: { inject: false }\n"));
    const [staging, vendor] = loaded.models;
    expect(staging!.env.some((e) => e.name === "LOG_LEVEL")).toBe(true);
    expect(vendor!.env.map((e) => e.name)).toEqual(["FEATURE"]);
  });
});

describe("app settings: located errors", TIMEOUT, () => {
  it.each([
    ["renaming a variable berth does not pass", "app_settings: { rename: { LOG_LEVL: LEVEL } }\n", "UNKNOWN_APP_SETTING", "LOG_LEVL"],
    ["excluding a variable berth does not pass", "app_settings: { exclude: [CORS_ORIGINS] }\n", "UNKNOWN_APP_SETTING", "CORS_ORIGINS"],
    ["renaming onto the user's own variable", "app_settings: { rename: { LOG_LEVEL: FEATURE } }\n", "ENV_CONFLICT", "FEATURE }"],
    ["renaming onto another passed variable", "app_settings: { rename: { LOG_LEVEL: LOG_FORMAT } }\n", "ENV_CONFLICT", "LOG_FORMAT }"],
    ["renaming onto a secret", "secrets: { APP_KEY: { secret: s, key: k } }\napp_settings: { rename: { LOG_LEVEL: APP_KEY } }\n", "ENV_CONFLICT", "APP_KEY }"],
    ["a prefix that is no variable name", "app_settings: { env_prefix: my-app- }\n", "INVALID_ENV_NAME", "my-app-"],
    ["a new name that is no variable name", "app_settings: { rename: { LOG_LEVEL: log.level } }\n", "INVALID_ENV_NAME", "log.level"],
    ["renaming a variable it also excludes", "app_settings: { rename: { LOG_LEVEL: LEVEL }, exclude: [LOG_LEVEL] }\n", "FIELD_NOT_APPLICABLE", "LOG_LEVEL: LEVEL"],
  ])("%s", async (_what, extra, code, at) => {
    const text = base(SETTINGS + extra);
    expect(codesAt(await load(text))).toEqual([`${code}@${positionOf(text, at, "app_settings")}`]);
  });

  it("an unknown name suggests the closest one berth passes (a job's own name included)", async () => {
    const text = base(SETTINGS + 'scheduled_jobs: [{ name: digest, schedule: "0 * * * *", lock: database }]\napp_settings: { rename: { LOG_LEVL: LEVEL, JOB_DIGEST_LOK: DIGEST_LOCK, JOB_DIGEST_LOCK: DIGEST_LOCK_BACKEND } }\n');
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`UNKNOWN_APP_SETTING@${positionOf(text, "LOG_LEVL")}`, `UNKNOWN_APP_SETTING@${positionOf(text, "JOB_DIGEST_LOK")}`]);
    expect(loaded.diagnostics[0]!.message).toContain('did you mean "LOG_LEVEL"');
    expect(loaded.diagnostics[1]!.hint).toContain('"JOB_DIGEST_LOCK"');
  });

  it("names, a prefix or exclusions with injection off are a warning (an environment may turn it off under a base that names them)", async () => {
    const text = base(SETTINGS + "app_settings: { inject: false, env_prefix: APP_ }\n");
    const loaded = await load(text);
    expect(codesAt(loaded)).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "env_prefix")}`]);
    expect(loaded.diagnostics[0]!.severity).toBe("warning");
    expect(loaded.diagnostics[0]!.message).toContain("app_settings.inject is false");
    expect(loaded.models).toHaveLength(1);
  });

  it("a rename collision names the setting and the name it was given", async () => {
    const loaded = await load(base(SETTINGS + "app_settings: { rename: { LOG_LEVEL: FEATURE } }\n"));
    expect(loaded.diagnostics[0]!.message).toContain("gives LOG_LEVEL the name FEATURE");
  });
});

describe("app settings: checklist rules that rely on the application", TIMEOUT, () => {
  const PRODUCTION = `env: { FEATURE: on }
logging: { format: json, level: info }
shutdown: { timeout: 30s }
expose: { hosts: [shop.example.com], tls: { secret: shop-tls }, ingress: { class: nginx } }
http:
  cors: { origins: [https://shop.example.com] }
  rate_limit: { requests_per_second: 50, burst: 100 }
  timeouts: { request: 20s }
`;
  /** A production service exposed on its http port, with `extra` appended. */
  const exposed = (text: string) => base(text).replace("{ name: http, port: 8080 }", "{ name: http, port: 8080, expose: true }");

  it("pass when the setting reaches the application, under its name, a prefix or a rename", async () => {
    for (const contract of ["", "app_settings: { env_prefix: SHOP_, rename: { LOG_FORMAT: LOGFMT } }\n"]) {
      const results = await checklistOf(exposed(PRODUCTION + contract));
      for (const id of ["json-logs", "production-log-level", "cors-no-wildcard", "rate-limit-enabled"]) expect(results.get(id)!.status, `${id} ${contract}`).toBe("pass");
    }
  });

  it("with injection off, report unverified (a warning at app_settings.inject), never pass", async () => {
    const text = exposed(PRODUCTION + "app_settings: { inject: false }\n");
    const results = await checklistOf(text);
    for (const id of ["json-logs", "production-log-level", "cors-no-wildcard", "rate-limit-enabled", "shutdown-covers-requests"]) {
      const r = results.get(id)!;
      expect(r.status, id).toBe("unverified");
      expect(r.severity, id).toBe("warning");
      expect(r.findings.map((f) => f.path), id).toEqual([["app_settings", "inject"]]);
    }
    const lint = await lintManifest(await load(text));
    const json = lint.findings.find((f) => f.code === "json-logs")!;
    expect(`${json.line}:${json.col}`).toBe(positionOf(text, "inject: false"));
    expect(json.message).toContain("unverified: the application is not told logging.format (LOG_FORMAT is not passed: app_settings.inject is false)");
    expect(json.hint).toContain("app_settings.inject: true");
    expect(json.severity).toBe("warning");
  });

  it("the compiled checklist shows them as unverified, apart from failures, with what to do", async () => {
    const { checklistEmitter } = await import("../../emitters/checklist/index.js");
    const { planCompile } = await import("../../src/compile.js");
    const loaded = await load(exposed(PRODUCTION + "app_settings: { inject: false }\n"));
    const plan = planCompile([{ source: "service.yaml", models: loaded.models }], [checklistEmitter]);
    if (!plan.ok) throw new Error(plan.error);
    const md = plan.plan.files.find((f) => f.path.endsWith("checklist.md"))!.content;
    const json = JSON.parse(plan.plan.files.find((f) => f.path.endsWith("checklist.json"))!.content);
    expect(md).toMatch(/❔ \| \*\*Production logs are structured JSON\*\* \(`json-logs`\) \| warning \| \*\*unverified\*\*: the application is not told logging.format/);
    expect(md).not.toContain("unverified: unverified");
    expect(json.rules.find((r: { id: string }) => r.id === "json-logs").status).toBe("unverified");
    expect(json.counts.unverified).toBeGreaterThanOrEqual(5);
    expect(json.summary).toMatch(/ready with warnings: .* \d+ unverified$/);
  });

  it("a wildcard origin the application is never told is unverified, not a failed error", async () => {
    const results = await checklistOf(exposed(PRODUCTION.replace("[https://shop.example.com] }\n  rate", '["*"] }\n  rate') + "app_settings: { exclude: [CORS_ALLOWED_ORIGINS] }\n"));
    const cors = results.get("cors-no-wildcard")!;
    expect(cors.status).toBe("unverified");
    expect(cors.severity).toBe("warning");
    expect(cors.findings).toEqual([expect.objectContaining({ path: ["app_settings", "exclude", 0], params: expect.objectContaining({ unverified: true, variables: "CORS_ALLOWED_ORIGINS", by: "exclude" }) })]);
    // With the origins passed, the same wildcard fails as an error.
    expect((await checklistOf(exposed(PRODUCTION.replace("[https://shop.example.com] }\n  rate", '["*"] }\n  rate')))).get("cors-no-wildcard")).toMatchObject({ status: "fail", severity: "error" });
  });

  it("excluding one variable makes only the rules that rely on it unverified", async () => {
    const results = await checklistOf(exposed(PRODUCTION + "app_settings: { exclude: [LOG_LEVEL] }\n"));
    expect(results.get("production-log-level")).toMatchObject({ status: "unverified", severity: "warning" });
    expect(results.get("json-logs")!.status).toBe("pass");
  });

  it("findings that do not depend on the application stay: an undeclared server limit, a weak sslmode in env", async () => {
    const text = base("env: { REPORTING_URL: \"postgres://reports/db?sslmode=disable\" }\ndatabase: { engine: postgres, url: { secret: db, key: url } }\nnetwork: { open_egress: true }\napp_settings: { inject: false }\n");
    const results = await checklistOf(text);
    expect(results.get("pool-fits-connections")!.findings.map((f) => (f.params as { reason?: string }).reason ?? "unverified")).toEqual(["undeclared", "unverified"]);
    expect(results.get("database-tls-verify-full")!.findings.map((f) => (f.params as { reason?: string }).reason ?? "unverified")).toEqual(["url", "unverified"]);
  });

  it("say in their why that the application enforces them", async () => {
    const { findRule } = await import("../../src/rules/registry.js");
    for (const id of ["json-logs", "production-log-level", "cors-no-wildcard", "rate-limit-enabled", "pool-fits-connections", "queue-retries", "shared-session-store", "health-check-budget"]) {
      expect(findRule(id)!.checklist!.why, id).toContain("The application enforces this itself, from `");
    }
    expect(findRule("json-logs")!.checklist!.why).toContain("from `LOG_FORMAT`");
    expect(findRule("min-replicas")!.checklist!.why).not.toContain("application enforces");
  });
});

describe("app settings: the README", () => {
  it("lists exactly the checklist rules that rely on the application", async () => {
    const { readFileSync } = await import("node:fs");
    const { CHECKLIST_RULES } = await import("../../src/rules/registry.js");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const paragraph = /\*\*The checklist only trusts what the application is told\.\*\*[^(]*\(([^)]*)\)/.exec(readme)![1]!;
    const listed = [...paragraph.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).sort();
    const relying = CHECKLIST_RULES.filter((r) => r.checklist!.why.includes("The application enforces this itself")).map((r) => r.id).sort();
    expect(listed).toEqual(relying);
    expect(relying.length).toBeGreaterThan(10);
  });
});

describe("app settings: the contract's names", () => {
  it("are every fixed name the README's \"Application environment\" table lists (secrets aside)", async () => {
    const { readFileSync } = await import("node:fs");
    const { CONTRACT_NAMES } = await import("../../src/model/app-env.js");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Application environment"), readme.indexOf("The secret variables' names"));
    const rows = section.split("\n").filter((l) => l.startsWith("| `")).map((l) => l.split("; secret")[0]!);
    const listed = rows.flatMap((row) => [...row.split("|")[2]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)).filter((n) => !n.endsWith("_"));
    expect(listed.length).toBeGreaterThan(30);
    expect([...CONTRACT_NAMES].sort()).toEqual([...new Set(listed)].sort());
  });
});
