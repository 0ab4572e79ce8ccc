import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { backupEmitter } from "../../../emitters/backup/index.js";
import type { OutputFile } from "../../../emitters/types.js";
import { goDuration } from "../../../emitters/backup/go-duration.js";
import { isGenerated } from "../../../src/output/header.js";
import { loadManifest } from "../../../src/pipeline.js";
import { BASE_YAML, load } from "../../helpers.js";
import { kubeconform, validateAgainstCrd } from "../../support/crd-schemas.js";
import { kustomizeBuild, requireKustomize } from "../../support/kustomize.js";
import { requireTool, sharedDir, tempDir } from "../../support/tools.js";

// Compiles every example and runs kubeconform and kubectl kustomize over the backup output: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const root = new URL("../../..", import.meta.url).pathname;
const examples = readdirSync(join(root, "examples")).sort();

async function emitText(text: string, source = "service.yaml"): Promise<OutputFile[]> {
  const loaded = await load(text, source);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return loaded.models.flatMap((m) => backupEmitter.emit(m, { source }));
}

const objectIn = (files: OutputFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} not emitted; got ${files.map((f) => f.path).join(", ")}`);
  return parse(file.content) as Record<string, any>;
};

/** Variants that reach every branch: each example as written, plus manifests made for the branches examples miss. */
const STORAGE = "  storage: { provider: aws, bucket: shop-backups, region: eu-west-1, endpoint: https://minio.example.com, credentials: { secret: s3, key: cloud } }\n  drills: { cadence: 90d }\n";
const VARIANTS: Record<string, string> = {
  "cnpg-no-pitr": `${BASE_YAML}database: { engine: postgres, url: { secret: db, key: uri }, managed_by: cloudnative-pg, cluster: pg, migrations: { mode: external } }\nbackup:\n  schedule: "0 3 * * 7"\n  retention: 14d\n${STORAGE}`,
  "minio-volumes": `${BASE_YAML}namespace: shop\nvolumes: [{ name: data, mount: /data, size: 1Gi }]\nbackup:\n  include_volumes: true\n${STORAGE}`,
  "gcp-no-storage": `${BASE_YAML}backup: { schedule: hourly, retention: 2d, drills: { cadence: 30d } }\n`,
};

describe("backup emitter", () => {
  const outDir = tempDir("berth-backup-");
  const emitted: Array<{ name: string; files: OutputFile[] }> = [];

  beforeAll(async () => {
    for (const name of examples) {
      const file = `examples/${name}/service.yaml`;
      const loaded = await loadManifest(file, readFileSync(join(root, file)));
      const files = loaded.models.flatMap((m) => backupEmitter.emit(m, { source: file }).map((f) => ({ ...f, path: `${m.name}/${m.environment.name}/${f.path}` })));
      emitted.push({ name, files });
    }
    for (const [name, text] of Object.entries(VARIANTS)) {
      const files = (await emitText(text)).map((f) => ({ ...f, path: `${name}/${f.path}` }));
      emitted.push({ name, files });
    }
    for (const { files } of emitted) {
      for (const f of files) {
        const path = join(outDir, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
      }
    }
  });

  const yamlObjects = () =>
    emitted.flatMap(({ files }) => files.filter((f) => f.path.endsWith(".yaml") && !f.path.endsWith("kustomization.yaml")).map((f) => ({ path: f.path, object: parse(f.content) })));

  it("emits for the examples with backups, nothing for the others", () => {
    const withBackup = emitted.filter((e) => e.files.length > 0).map((e) => e.name);
    expect(withBackup).toEqual(expect.arrayContaining(["catalog-rolling", "orders-api", ...Object.keys(VARIANTS)]));
    expect(emitted.find((e) => e.name === "minimal-web")!.files).toEqual([]);
  });

  it("every object validates against the Velero and CloudNativePG CRD schemas", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const problems = yamlObjects().flatMap(({ path, object }) => validateAgainstCrd(object).map((e) => `${path}: ${e}`));
    expect(problems).toEqual([]);
    expect(new Set(yamlObjects().map((o) => o.object.kind))).toEqual(new Set(["Schedule", "BackupStorageLocation", "ScheduledBackup"]));
  });

  it("kubeconform -strict accepts every file with the shared CRDs", (ctx) => {
    if (!requireTool("kubeconform") || !sharedDir()) return ctx.skip();
    const result = kubeconform([outDir]);
    expect(result.output).toMatch(/Invalid: 0, Errors: 0/);
    expect(result.ok, result.output).toBe(true);
  });

  it("kubectl kustomize builds every backup/ folder", (ctx) => {
    if (!requireKustomize()) return ctx.skip();
    const dirs = [...new Set(emitted.flatMap((e) => e.files.filter((f) => f.path.endsWith("/kustomization.yaml")).map((f) => dirname(join(outDir, f.path)))))];
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) {
      const result = kustomizeBuild(dir);
      expect(result.ok, `${dir}\n${result.output}`).toBe(true);
    }
  });

  it("orders-api: the daily Velero schedule, as the issue describes it", async () => {
    const files = await emitText(readFileSync(join(root, "examples/orders-api/service.yaml"), "utf8"), "examples/orders-api/service.yaml");
    expect(files.map((f) => f.path)).toEqual([
      "backup/backupstoragelocation.yaml",
      "backup/kustomization.yaml",
      "backup/recovery.md",
      "backup/schedule-support.yaml",
      "backup/schedule.yaml",
      "backup/scheduledbackup-support.yaml",
      "backup/scheduledbackup.yaml",
    ]);
    const schedule = objectIn(files, "backup/schedule.yaml");
    expect(schedule.metadata).toMatchObject({ name: "orders-api", namespace: "velero" });
    expect(schedule.spec).toEqual({
      schedule: "0 2 * * *",
      template: {
        includedNamespaces: ["orders-api"],
        labelSelector: { matchLabels: { "app.kubernetes.io/instance": "orders-api" } },
        excludedResources: ["events", "events.events.k8s.io"],
        defaultVolumesToFsBackup: false,
        snapshotVolumes: false,
        storageLocation: "orders-api",
        ttl: "720h0m0s",
      },
    });
    const extra = objectIn(files, "backup/schedule-support.yaml");
    expect(extra.metadata.name).toBe("orders-api-support");
    expect(extra.spec).toMatchObject({ schedule: "0 */4 * * *", template: { ttl: "168h0m0s" } });
    expect(objectIn(files, "backup/backupstoragelocation.yaml").spec).toEqual({
      provider: "aws",
      objectStorage: { bucket: "acme-prod-backups", prefix: "orders-api" },
      config: { region: "eu-west-1" },
      credential: { name: "velero-aws-credentials", key: "cloud" },
    });
    const cnpg = objectIn(files, "backup/scheduledbackup.yaml");
    expect(cnpg.metadata).toMatchObject({ name: "orders-api-orders-db", namespace: "orders-api" });
    expect(cnpg.spec).toEqual({
      schedule: "0 0 2 * * *",
      cluster: { name: "orders-db" },
      immediate: true,
      backupOwnerReference: "self",
      method: "plugin",
      pluginConfiguration: { name: "barman-cloud.cloudnative-pg.io" },
    });
    expect(objectIn(files, "backup/kustomization.yaml").resources).toEqual([
      "backupstoragelocation.yaml",
      "schedule-support.yaml",
      "schedule.yaml",
      "scheduledbackup-support.yaml",
      "scheduledbackup.yaml",
    ]);
    expect(objectIn(files, "backup/scheduledbackup-support.yaml")).toMatchObject({ metadata: { name: "orders-api-orders-db-support" }, spec: { schedule: "0 0 */4 * * *", method: "plugin" } });
  });

  it("without PITR, CloudNativePG takes cold snapshots; Sunday as 7 becomes 0 for Go's cron", async () => {
    const files = await emitText(VARIANTS["cnpg-no-pitr"]!);
    expect(objectIn(files, "backup/scheduledbackup.yaml").spec).toMatchObject({ schedule: "0 0 3 * * 0", method: "volumeSnapshot", online: false, target: "prefer-standby" });
    expect(objectIn(files, "backup/schedule.yaml").spec.schedule).toBe("0 3 * * 0");
  });

  it("a custom S3 endpoint gets s3Url and path-style addressing; volumes go in with file-system backup", async () => {
    const files = await emitText(VARIANTS["minio-volumes"]!);
    expect(objectIn(files, "backup/backupstoragelocation.yaml").spec.config).toEqual({ region: "eu-west-1", s3Url: "https://minio.example.com", s3ForcePathStyle: "true" });
    const schedule = objectIn(files, "backup/schedule.yaml");
    expect(schedule.metadata.name).toBe("shop-orders-api");
    expect(schedule.spec.template).toMatchObject({ includedNamespaces: ["shop"], defaultVolumesToFsBackup: true, ttl: "720h0m0s" });
    expect(schedule.spec.template.snapshotVolumes).toBeUndefined();
    expect(schedule.spec.schedule).toBe("0 0 * * *");
  });

  it("without storage: no BackupStorageLocation, and the schedule names none (Velero's default)", async () => {
    const files = await emitText(VARIANTS["gcp-no-storage"]!);
    expect(files.map((f) => f.path)).toEqual(["backup/kustomization.yaml", "backup/recovery.md", "backup/schedule.yaml"]);
    expect(objectIn(files, "backup/schedule.yaml").spec.template.storageLocation).toBeUndefined();
  });

  it("recovery.md: a Markdown header berth recognises as its own, and the asset table", async () => {
    const files = await emitText(readFileSync(join(root, "examples/orders-api/service.yaml"), "utf8"), "examples/orders-api/service.yaml");
    const md = files.find((f) => f.path === "backup/recovery.md")!.content;
    expect(md.startsWith("<!-- Generated by berth from examples/orders-api/service.yaml. Do not edit")).toBe(true);
    expect(md.split("\n")[0]).toMatch(/-->$/);
    expect(isGenerated(md)).toBe(true);
    expect(md).toContain("| PostgreSQL cluster orders-db | CloudNativePG ScheduledBackup (barman-cloud plugin) + continuous WAL archiving | `0 2 * * *` + `0 */4 * * *` + continuous | — | ≤ 5m ✓ |");
    expect(md).toContain("| Kubernetes objects labelled app.kubernetes.io/instance=orders-api in namespace orders-api (events excluded) | Velero Schedules in velero | `0 2 * * *` + `0 */4 * * *` | 30d / 7d | ≤ 4h |");
    expect(md).toContain("| RPO | 5m | ≤ 5m |");
    expect(md).toContain("last tested by a restore drill on 2026-10-14");
  });

  it("is deterministic: the same model gives the same bytes, and files come sorted", async () => {
    const text = readFileSync(join(root, "examples/orders-api/service.yaml"), "utf8");
    const a = await emitText(text);
    const b = await emitText(text);
    expect(a).toEqual(b);
    expect(a.map((f) => f.path)).toEqual([...a.map((f) => f.path)].sort());
    for (const f of a) expect(f.content.endsWith("\n") && !f.content.includes("\r")).toBe(true);
  });

  it("reordering extra schedules changes nothing", async () => {
    const extras = (order: string[]) => `${BASE_YAML}backup:\n  extra_schedules:\n${order.map((n) => `    - { name: ${n}, schedule: "0 */${n === "a" ? 4 : 6} * * *", retention: 7d }\n`).join("")}${STORAGE}`;
    expect(await emitText(extras(["a", "b"]))).toEqual(await emitText(extras(["b", "a"])));
  });
});

describe("goDuration: Velero's ttl as Go writes durations", () => {
  it.each([
    [30 * 86400, "720h0m0s"],
    [7 * 86400, "168h0m0s"],
    [5400, "1h30m0s"],
    [300, "5m0s"],
    [45, "45s"],
    [0, "0s"],
  ])("%i s → %s", (seconds, text) => expect(goDuration(seconds)).toBe(text));
});
