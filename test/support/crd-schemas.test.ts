import { describe, expect, it, vi } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crdSchemaDir, loadCrds, validateAgainstCrd } from "./crd-schemas.js";
import * as fx from "./fixtures.js";
import { crdToJsonSchema, re2ToJs, type Json } from "./openapi-schema.js";
import { sharedDir } from "./tools.js";

// Compiles the shared CRDs' schemas with ajv: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe("crdToJsonSchema (OpenAPI v3 structural → JSON Schema)", () => {
  const openapi: Json = {
    type: "object",
    properties: {
      metadata: { type: "object" },
      spec: {
        type: "object",
        required: ["port"],
        properties: {
          port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
          bare: { "x-kubernetes-int-or-string": true },
          note: { type: "string", nullable: true, description: "dropped" },
          mode: { type: "string", enum: ["a", "b"], nullable: true },
          free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          map: { type: "object", additionalProperties: { type: "string" } },
          rules: { type: "array", items: { type: "object", properties: { x: { type: "string" } } }, "x-kubernetes-list-type": "atomic" },
          strategy: { type: "string", pattern: "^(?i)(abort|warn)?$" },
        },
        "x-kubernetes-validations": [{ rule: "self == oldSelf" }],
      },
    },
  };

  it("closes objects, keeps preserve-unknown open, handles nullable and int-or-string", () => {
    const s = crdToJsonSchema(openapi, { root: { apiVersion: "x.io/v1", kind: "Thing" } }) as any;
    const spec = s.properties.spec;
    expect(spec.additionalProperties).toBe(false);
    expect(spec["x-kubernetes-validations"]).toBeUndefined();
    expect(spec.properties.bare).toEqual({ anyOf: [{ type: "integer" }, { type: "string" }] });
    expect(spec.properties.note).toEqual({ type: ["string", "null"] });
    expect(spec.properties.mode.enum).toEqual(["a", "b", null]);
    expect(spec.properties.free.additionalProperties).toBeUndefined();
    expect(spec.properties.map.additionalProperties).toEqual({ type: "string" });
    expect(spec.properties.rules.items.additionalProperties).toBe(false);
    expect(spec.properties.strategy.pattern).toBe("^(?i)(abort|warn)?$"); // RE2 kept for kubeconform
    expect(s.properties.apiVersion.enum).toEqual(["x.io/v1"]);
    expect(s.properties.metadata.additionalProperties).toBe(false);
    expect(s.properties.metadata.properties.labels).toEqual({ type: "object", additionalProperties: { type: "string" } });
  });

  it("non-strict mode leaves objects open; js mode rewrites (?i)", () => {
    const s = crdToJsonSchema(openapi, { strict: false, regex: "js" }) as any;
    expect(s.properties.spec.additionalProperties).toBeUndefined();
    const re = new RegExp(s.properties.spec.properties.strategy.pattern);
    expect(["", "abort", "WARN", "Abort"].every((v) => re.test(v))).toBe(true);
    expect(re.test("drop")).toBe(false);
  });

  it("re2ToJs leaves escapes and classes intact", () => {
    expect(re2ToJs("(?i)a\\d[x-z]")).toBe("[aA]\\d[xX-zZ]");
    expect(re2ToJs("^abc$")).toBe("^abc$");
  });
});

describe("the shared CRDs", () => {
  it("load with their kinds and a schema file per served version", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const kinds = loadCrds().map((c) => `${c.apiVersion}/${c.kind}`);
    for (const k of [
      "argoproj.io/v1alpha1/Rollout",
      "argoproj.io/v1alpha1/AnalysisTemplate",
      "velero.io/v1/Schedule",
      "velero.io/v1/BackupStorageLocation",
      "velero.io/v1/Backup",
      "postgresql.cnpg.io/v1/ScheduledBackup",
      "postgresql.cnpg.io/v1/Backup",
      "monitoring.coreos.com/v1/PrometheusRule",
      "monitoring.coreos.com/v1/ServiceMonitor",
      "monitoring.coreos.com/v1/PodMonitor",
      "postgresql.cnpg.io/v1/Cluster",
      "postgresql.cnpg.io/v1/Pooler",
      "barmancloud.cnpg.io/v1/ObjectStore",
    ]) {
      expect(kinds).toContain(k);
    }
    const dir = crdSchemaDir();
    expect(crdSchemaDir()).toBe(dir); // cached
    const rollout = join(dir, "argoproj.io", "rollout_v1alpha1.json");
    expect(existsSync(rollout)).toBe(true);
    expect(existsSync(join(dir, "velero.io", "backup_v1.json"))).toBe(true);
    expect(existsSync(join(dir, "postgresql.cnpg.io", "backup_v1.json"))).toBe(true);
    expect(JSON.parse(readFileSync(rollout, "utf8")).$schema).toMatch(/draft-04/);
  });
});

describe("validateAgainstCrd", () => {
  const good = [
    fx.rollout(),
    fx.analysisTemplate(),
    fx.veleroSchedule(),
    fx.veleroBackupStorageLocation(),
    fx.cnpgScheduledBackup(),
    fx.prometheusRule(),
    fx.serviceMonitor(),
  ];

  for (const object of good) {
    it(`accepts a good ${object.kind}`, (ctx) => {
      if (!sharedDir()) return ctx.skip();
      expect(validateAgainstCrd(object)).toEqual([]);
    });
  }

  it("the barman-cloud ObjectStore and CloudNativePG Pooler schemas constrain what berth emits", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const store = (retentionPolicy: string) => ({
      apiVersion: "barmancloud.cnpg.io/v1",
      kind: "ObjectStore",
      metadata: { name: "pg-backups", namespace: "shop" },
      spec: { retentionPolicy, configuration: { destinationPath: "s3://b/p", s3Credentials: { inheritFromIAMRole: true } } },
    });
    expect(validateAgainstCrd(store("30d"))).toEqual([]);
    expect(validateAgainstCrd(store("30 days")).join("\n")).toMatch(/\/spec\/retentionPolicy: must match pattern/);
    const pooler = (poolMode: string) => ({
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "Pooler",
      metadata: { name: "pg-pooler-rw", namespace: "shop" },
      spec: { cluster: { name: "pg" }, instances: 2, type: "rw", pgbouncer: { poolMode } },
    });
    expect(validateAgainstCrd(pooler("transaction"))).toEqual([]);
    expect(validateAgainstCrd(pooler("statement")).join("\n")).toMatch(/\/spec\/pgbouncer\/poolMode: must be equal to one of the allowed values/);
  });

  it("rejects a typo'd field (strict) with its path", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const bad = fx.changed(fx.rollout(), (r: any) => {
      r.spec.strategy.canary.steps[0] = { setWeigth: 10 };
    });
    expect(validateAgainstCrd(bad)).toContain('/spec/strategy/canary/steps/0: must NOT have additional property "setWeigth"');
    const badContainer = fx.changed(fx.rollout(), (r: any) => {
      r.spec.template.spec.containers[0].imagePullPolice = "Always";
    });
    expect(validateAgainstCrd(badContainer).join("\n")).toMatch(/containers\/0: must NOT have additional property "imagePullPolice"/);
    const badMeta = fx.changed(fx.serviceMonitor(), (s: any) => {
      s.metadata.lables = {};
    });
    expect(validateAgainstCrd(badMeta)).toEqual(['/metadata: must NOT have additional property "lables"']);
  });

  it("rejects a wrong type, a bad enum and a missing required field", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const wrongType = fx.changed(fx.rollout(), (r: any) => {
      r.spec.strategy.canary.steps[1].pause.duration = true; // int-or-string: neither
    });
    expect(validateAgainstCrd(wrongType).join("\n")).toMatch(/steps\/1\/pause\/duration/);
    const badEnum = fx.changed(fx.cnpgScheduledBackup(), (b: any) => {
      b.spec.method = "tape";
    });
    expect(validateAgainstCrd(badEnum).join("\n")).toMatch(/\/spec\/method: must be equal to one of the allowed values/);
    const noSchedule = fx.changed(fx.veleroSchedule(), (s: any) => {
      delete s.spec.schedule;
    });
    expect(validateAgainstCrd(noSchedule)).toContain("/spec: must have required property 'schedule'");
  });

  it("keeps preserve-unknown-fields objects open and knows the kinds it has", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    // Velero's Schedule template hooks… are typed; the BackupStorageLocation config map is a string map.
    const badConfig = fx.changed(fx.veleroBackupStorageLocation(), (b: any) => {
      b.spec.config.region = 5;
    });
    expect(validateAgainstCrd(badConfig).join("\n")).toMatch(/\/spec\/config\/region: must be string/);
    expect(validateAgainstCrd({ apiVersion: "example.com/v1", kind: "Nope" })[0]).toMatch(/no CRD here/);
  });
});
