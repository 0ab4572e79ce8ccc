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
import { crdFor, kubeconform, validateAgainstCrd } from "../../support/crd-schemas.js";
import { validateBuiltIn } from "../../support/k8s-models.js";
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
  // Velero scope: a custom selector, an extra namespace, CSI snapshots with per-class methods, a paused whole-namespace extra schedule.
  "velero-scope": `${BASE_YAML}volumes: [{ name: data, mount: /data, size: 1Gi }]\nbackup:\n  include_volumes: true\n  velero:\n    selector: { app.kubernetes.io/part-of: shop }\n    extra_namespaces: [shop-jobs]\n    volumes: snapshot\n    volumes_by_class: { standard: file-system, scratch: skip }\n  extra_schedules:\n    - { name: observability, schedule: "0 4 * * *", retention: 14d, velero: { whole_namespace: true, extra_namespaces: [monitoring], paused: true } }\n${STORAGE}`,
  // External PostgreSQL on S3-compatible storage, workload identity, no encryption key.
  "logical-minio": `${BASE_YAML}database: { engine: postgres, url: { secret: shop-db, key: url }, migrations: { mode: external } }\nnetwork: { egress: [{ cidr: 10.40.0.0/24, ports: [5432] }] }\nbackup:\n  schedule: "0 */6 * * *"\n  rpo: 6h\n  logical: { timeout: 20m }\n${STORAGE}`,
  // External PostgreSQL on Azure with account keys and an encryption key.
  "logical-azure": `${BASE_YAML}database: { engine: postgres, url: { secret: shop-db, key: url }, migrations: { mode: external } }\nnetwork: { egress: [{ cidr: 10.40.0.0/24, ports: [5432] }] }\nbackup:\n  encryption_key: { secret: shop-backup-key, key: k }\n  logical: {}\n  storage: { provider: azure, bucket: backups, endpoint: https://acme.blob.core.windows.net, database_credentials: { secret: shop-azure } }\n  drills: { cadence: 90d }\n`,
  // CloudNativePG owned on GCS (workload identity), a Pooler, WAL archiving.
  "cnpg-owned-gcs": `${BASE_YAML}database: { engine: postgres, url: { secret: pg-app, key: uri }, managed_by: cloudnative-pg, cluster: pg, cloudnative_pg: { instances: 1, storage: { size: 5Gi }, monitoring: false }, pooler: { mode: session }, migrations: { mode: external } }\nbackup:\n  pitr: true\n  rpo: 5m\n  storage: { provider: gcp, bucket: shop-pg }\n  drills: { cadence: 90d }\n`,
  // CloudNativePG owned, without PITR: cold volume snapshots.
  "cnpg-owned-no-pitr": `${BASE_YAML}database: { engine: postgres, url: { secret: pg-app, key: uri }, managed_by: cloudnative-pg, cluster: pg, cloudnative_pg: { instances: 2, storage: { size: 5Gi } }, migrations: { mode: external } }\nbackup:\n  schedule: "0 3 * * *"\n${STORAGE}`,
  // CloudNativePG not owned: the ObjectStore, and the plugin patch in recovery.md.
  "cnpg-external-cluster": `${BASE_YAML}database: { engine: postgres, url: { secret: pg-app, key: uri }, managed_by: cloudnative-pg, cluster: pg, migrations: { mode: external } }\nbackup:\n  pitr: true\n${STORAGE}`,
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

  it("every object validates: custom resources against their CRD schemas (Velero, CloudNativePG, barman-cloud, prometheus-operator), built-in kinds with kubernetes-models", (ctx) => {
    if (!sharedDir()) return ctx.skip();
    const problems = yamlObjects().flatMap(({ path, object }) => (crdFor(object) ? validateAgainstCrd(object) : validateBuiltIn(object)).map((e) => `${path}: ${e}`));
    expect(problems).toEqual([]);
    expect(new Set(yamlObjects().map((o) => o.object.kind))).toEqual(
      new Set(["Schedule", "BackupStorageLocation", "ScheduledBackup", "ObjectStore", "Cluster", "Pooler", "PodMonitor", "CronJob", "ConfigMap", "NetworkPolicy"]),
    );
  });

  it("kubeconform -strict accepts every file with the shared CRDs", (ctx) => {
    if (!requireTool("kubeconform") || !sharedDir()) return ctx.skip();
    const result = kubeconform([outDir]);
    expect(result.output).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
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
      "backup/cluster.yaml",
      "backup/kustomization.yaml",
      "backup/objectstore.yaml",
      "backup/podmonitor.yaml",
      "backup/pooler.yaml",
      "backup/recovery.md",
      "backup/schedule-support.yaml",
      "backup/schedule.yaml",
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
      "cluster.yaml",
      "objectstore.yaml",
      "podmonitor.yaml",
      "pooler.yaml",
      "schedule-support.yaml",
      "schedule.yaml",
      "scheduledbackup.yaml",
    ]);
    // The support schedule covers velero only: no CloudNativePG base backup every 4 hours.
    expect(files.some((f) => f.path === "backup/scheduledbackup-support.yaml")).toBe(false);
    // WAL archiving that runs: the ObjectStore (retention from backup.retention, credentials by reference) and the Cluster's plugin.
    expect(objectIn(files, "backup/objectstore.yaml")).toMatchObject({
      apiVersion: "barmancloud.cnpg.io/v1",
      metadata: { name: "orders-db-backups", namespace: "orders-api" },
      spec: {
        retentionPolicy: "30d",
        configuration: {
          destinationPath: "s3://acme-prod-backups/orders-api",
          s3Credentials: { accessKeyId: { name: "orders-db-backup-s3", key: "ACCESS_KEY_ID" }, secretAccessKey: { name: "orders-db-backup-s3", key: "ACCESS_SECRET_KEY" } },
        },
      },
    });
    expect(objectIn(files, "backup/cluster.yaml").spec).toEqual({
      instances: 3,
      enablePDB: true,
      storage: { size: "50Gi", storageClass: "premium-rwo" },
      resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "2Gi" } },
      plugins: [{ name: "barman-cloud.cloudnative-pg.io", isWALArchiver: true, parameters: { barmanObjectName: "orders-db-backups" } }],
    });
    expect(objectIn(files, "backup/pooler.yaml").spec).toEqual({
      cluster: { name: "orders-db" },
      instances: 2,
      type: "rw",
      pgbouncer: { poolMode: "transaction", parameters: { max_client_conn: "500", default_pool_size: "25" } },
    });
    expect(objectIn(files, "backup/podmonitor.yaml").spec.selector.matchLabels).toEqual({ "cnpg.io/cluster": "orders-db", "cnpg.io/podRole": "instance" });
  });

  it("the PodMonitor carries monitoring.rule_labels like the ServiceMonitor: a Prometheus selecting monitors by label scrapes the database the backup and replication alerts read", async () => {
    const text = readFileSync(join(root, "examples/orders-api/service.yaml"), "utf8");
    const files = await emitText(text, "examples/orders-api/service.yaml");
    const [m] = (await load(text, "examples/orders-api/service.yaml")).models;
    expect(m!.monitoring.ruleLabels).toEqual({ release: "prometheus" });
    expect(objectIn(files, "backup/podmonitor.yaml").metadata.labels).toMatchObject({ release: "prometheus" });
  });

  it("Velero scope: selector, extra namespaces, CSI snapshots, per-class methods in a resource policy, a paused whole-namespace schedule", async () => {
    const files = await emitText(VARIANTS["velero-scope"]!);
    const main = objectIn(files, "backup/schedule.yaml");
    expect(main.spec.paused).toBeUndefined();
    expect(main.spec.template).toMatchObject({
      includedNamespaces: ["orders-api", "shop-jobs"],
      labelSelector: { matchLabels: { "app.kubernetes.io/part-of": "shop" } },
      defaultVolumesToFsBackup: false,
      snapshotVolumes: true,
      resourcePolicy: { kind: "configmap", name: "orders-api-volumes" },
    });
    const policy = objectIn(files, "backup/resourcepolicy.yaml");
    expect(policy).toMatchObject({ kind: "ConfigMap", metadata: { name: "orders-api-volumes", namespace: "velero" } });
    expect(parse(policy.data["policies.yaml"])).toEqual({
      version: "v1",
      volumePolicies: [
        { conditions: { storageClass: ["scratch"] }, action: { type: "skip" } },
        { conditions: { storageClass: ["standard"] }, action: { type: "fs-backup" } },
      ],
    });
    const observability = objectIn(files, "backup/schedule-observability.yaml");
    expect(observability.spec.paused).toBe(true);
    expect(observability.spec.template.labelSelector).toBeUndefined();
    expect(observability.spec.template.includedNamespaces).toEqual(["orders-api", "monitoring"]);
    // A paused schedule protects nothing: the recovery plan judges the running one only.
    const md = files.find((f) => f.path === "backup/recovery.md")!.content;
    expect(md).toContain("| Kubernetes objects labelled app.kubernetes.io/part-of=shop in namespaces orders-api, shop-jobs (events excluded) | Velero Schedule orders-api in velero |");
    expect(md).not.toContain("monitoring");
  });

  it("logical backup of an external PostgreSQL: pg_dump into a scratch volume, rclone upload and retention, every run or none", async () => {
    const files = await emitText(VARIANTS["logical-minio"]!);
    const job = objectIn(files, "backup/cronjob-logical-backup.yaml");
    expect(job.metadata).toMatchObject({ name: "orders-api-logical-backup", namespace: "orders-api" });
    expect(job.spec).toMatchObject({ schedule: "0 */6 * * *", concurrencyPolicy: "Forbid", jobTemplate: { spec: { backoffLimit: 0, activeDeadlineSeconds: 1200 } } });
    const pod = job.spec.jobTemplate.spec.template.spec;
    expect(pod.initContainers[0]).toMatchObject({ image: "docker.io/library/postgres:17.6", command: ["pg_dump", "--format=custom", "--no-owner", "--file=/backup/dump.pgc", "--dbname=$(DATABASE_URL)"] });
    expect(pod.initContainers[0].env).toEqual([{ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "shop-db", key: "url" } } }]);
    const upload = pod.containers[0];
    expect(upload.image).toBe("docker.io/rclone/rclone:1.71.0");
    expect(upload.command[2]).toContain('rclone copyto /backup/dump.pgc "$TARGET$name"');
    expect(upload.command[2]).toContain(`rclone delete --min-age ${30 * 86400}s "$TARGET"`);
    const env = Object.fromEntries(upload.env.map((e: { name: string; value?: string }) => [e.name, e.value ?? "(secret)"]));
    expect(env).toMatchObject({ RCLONE_CONFIG_STORE_TYPE: "s3", RCLONE_CONFIG_STORE_PROVIDER: "Other", RCLONE_CONFIG_STORE_ENDPOINT: "https://minio.example.com", TARGET: "store:shop-backups/orders-api/logical/main/" });
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(env.BACKUP_ENCRYPTION_KEY).toBeUndefined();
    const md = files.find((f) => f.path === "backup/recovery.md")!.content;
    expect(md).toContain("| PostgreSQL database (external) | logical backup CronJob (pg_dump, uploaded with rclone) | `0 */6 * * *` | 30d | ≤ 6h ✓ |");
    expect(md).toMatch(/1\. \*\*Database first\.\*\* Fetch the newest dump from `shop-backups\/orders-api\/logical\/<schedule>\/`.*pg_restore --clean --if-exists/);
  });

  it("logical backup on Azure: account keys from the database-credentials Secret, encrypted through rclone's crypt remote", async () => {
    const files = await emitText(VARIANTS["logical-azure"]!);
    const upload = objectIn(files, "backup/cronjob-logical-backup.yaml").spec.jobTemplate.spec.template.spec.containers[0];
    const byName = Object.fromEntries(upload.env.map((e: { name: string }) => [e.name, e]));
    expect(byName.RCLONE_CONFIG_STORE_ACCOUNT.valueFrom.secretKeyRef).toEqual({ name: "shop-azure", key: "AZURE_STORAGE_ACCOUNT" });
    expect(byName.BACKUP_ENCRYPTION_KEY.valueFrom.secretKeyRef).toEqual({ name: "shop-backup-key", key: "k" });
    expect(byName.RCLONE_CONFIG_VAULT_REMOTE.value).toBe("store:backups/orders-api/logical/main/");
    expect(byName.TARGET.value).toBe("vault:");
    expect(upload.command[2]).toContain('rclone obscure "$BACKUP_ENCRYPTION_KEY"');
  });

  it("CloudNativePG berth owns on GCS: workload identity, one instance without a PDB, a session Pooler, no PodMonitor when monitoring is off", async () => {
    const files = await emitText(VARIANTS["cnpg-owned-gcs"]!);
    expect(objectIn(files, "backup/objectstore.yaml").spec.configuration).toMatchObject({ destinationPath: "gs://shop-pg/orders-api", googleCredentials: { gkeEnvironment: true } });
    expect(objectIn(files, "backup/cluster.yaml").spec).toMatchObject({ instances: 1, enablePDB: false, storage: { size: "5Gi" } });
    expect(objectIn(files, "backup/pooler.yaml").spec.pgbouncer).toMatchObject({ poolMode: "session", parameters: { max_client_conn: "1000", default_pool_size: "20" } });
    expect(files.some((f) => f.path === "backup/podmonitor.yaml")).toBe(false);
  });

  it("a Cluster berth does not own: the ObjectStore, and recovery.md carries the plugin patch", async () => {
    const loaded = await load(VARIANTS["cnpg-external-cluster"]!);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["BACKUP_WAL_ARCHIVER_EXTERNAL"]);
    const out = await emitText(VARIANTS["cnpg-external-cluster"]!);
    expect(out.some((f) => f.path === "backup/cluster.yaml")).toBe(false);
    expect(objectIn(out, "backup/objectstore.yaml").metadata.name).toBe("pg-backups");
    expect(out.find((f) => f.path === "backup/recovery.md")!.content).toContain(`kubectl patch cluster pg -n orders-api --type merge -p '{"spec":{"plugins":[{"name":"barman-cloud.cloudnative-pg.io","isWALArchiver":true,"parameters":{"barmanObjectName":"pg-backups"}}]}}'`);
  });

  it("without PITR, CloudNativePG takes cold snapshots; Sunday as 7 becomes 0 for Go's cron", async () => {
    const files = await emitText(VARIANTS["cnpg-no-pitr"]!);
    expect(objectIn(files, "backup/scheduledbackup.yaml").spec).toMatchObject({ schedule: "0 0 3 * * 0", method: "volumeSnapshot", online: false, target: "prefer-standby" });
    expect(objectIn(files, "backup/schedule.yaml").spec.schedule).toBe("0 3 * * 0");
    // The Cluster is not berth's: validation warns, and recovery.md carries the section the snapshots need.
    expect((await load(VARIANTS["cnpg-no-pitr"]!)).diagnostics.map((d) => d.code)).toEqual(["BACKUP_SNAPSHOTS_EXTERNAL"]);
    expect(files.find((f) => f.path === "backup/recovery.md")!.content).toContain(`kubectl patch cluster pg -n orders-api --type merge -p '{"spec":{"backup":{"volumeSnapshot":{"online":false}}}}'`);
  });

  it("without PITR, a Cluster berth owns has the volumeSnapshot section its ScheduledBackups need (CloudNativePG fails them otherwise)", async () => {
    const files = await emitText(VARIANTS["cnpg-owned-no-pitr"]!);
    expect(objectIn(files, "backup/scheduledbackup.yaml").spec).toMatchObject({ method: "volumeSnapshot", cluster: { name: "pg" } });
    const cluster = objectIn(files, "backup/cluster.yaml");
    expect(cluster.spec.backup).toEqual({ volumeSnapshot: { online: false } });
    expect(cluster.spec.plugins).toBeUndefined();
    // Every owned Cluster whose ScheduledBackups take snapshots, in the examples and variants alike.
    for (const { files } of emitted) {
      const backups = files.filter((f) => /scheduledbackup[^/]*\.yaml$/.test(f.path)).map((f) => parse(f.content) as Record<string, any>);
      const owned = files.find((f) => f.path.endsWith("backup/cluster.yaml"));
      if (!owned || !backups.some((b) => b.spec.method === "volumeSnapshot")) continue;
      expect((parse(owned.content) as Record<string, any>).spec.backup?.volumeSnapshot, owned.path).toBeDefined();
    }
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

  it("the ObjectStore asks for server-side encryption (AES256) on AWS S3 only: an S3-compatible store without a KMS refuses every upload that asks", async () => {
    const minio = objectIn(await emitText(VARIANTS["cnpg-external-cluster"]!), "backup/objectstore.yaml").spec.configuration;
    expect(minio).toMatchObject({ endpointURL: "https://minio.example.com", wal: { compression: "gzip" }, data: { compression: "gzip" } });
    expect(minio.wal.encryption).toBeUndefined();
    expect(minio.data.encryption).toBeUndefined();
    const aws = objectIn(await emitText(readFileSync(join(root, "examples/orders-api/service.yaml"), "utf8")), "backup/objectstore.yaml").spec.configuration;
    expect(aws.endpointURL).toBeUndefined();
    expect(aws).toMatchObject({ wal: { compression: "gzip", encryption: "AES256" }, data: { compression: "gzip", encryption: "AES256" } });
  });

  it("on Azure the BackupStorageLocation names the storage account (from the endpoint): Velero's Azure plugin refuses a location without one", async () => {
    const files = await emitText(VARIANTS["logical-azure"]!);
    expect(objectIn(files, "backup/backupstoragelocation.yaml").spec).toMatchObject({
      provider: "azure",
      objectStorage: { bucket: "backups" },
      config: { storageAccount: "acme", storageAccountURI: "https://acme.blob.core.windows.net" },
    });
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
    expect(md).toContain("| PostgreSQL cluster orders-db | CloudNativePG ScheduledBackup (barman-cloud plugin) + continuous WAL archiving to ObjectStore orders-db-backups | `0 2 * * *` + continuous | — | ≤ 5m ✓ | point-in-time recovery within the ObjectStore's retentionPolicy (30d) |");
    expect(md).toContain("| Kubernetes objects labelled app.kubernetes.io/instance=orders-api in namespace orders-api (events excluded) | Velero Schedules orders-api, orders-api-support in velero | `0 2 * * *` + `0 */4 * * *` | 30d / 7d | ≤ 4h |");
    expect(md).toContain("| RPO | 5m | ≤ 5m |");
    // The measured RTO/RPO of the last drill, against the targets.
    expect(md).toContain("| RTO | 1h | 42m measured in the restore drill on 2026-10-14 ✓ |");
    expect(md).toContain("| RPO measured | 5m | 3m measured in the restore drill on 2026-10-14 ✓ |");
    expect(md).toContain("next due by 2027-01-12");
    // The runbook's order: database, verify migrations and key, the application, verify.
    const steps = [...md.matchAll(/^\d\. \*\*([^*]+)\*\*/gm)].map((s) => s[1]);
    expect(steps).toEqual(["Database first.", "Verify before the application returns.", "Re-apply the application.", "Verify."]);
    expect(md).toContain("barmanObjectName: orders-db-backups");
    expect(md).toContain("No backup encryption key is declared.");
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
