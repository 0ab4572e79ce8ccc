import type { Model } from "../../src/model/model.js";
import { metadata } from "../../src/kube/names.js";
import { BARMAN_CLOUD_PLUGIN } from "./scheduled-backup.js";

type Backup = NonNullable<Model["backup"]>;
type Database = NonNullable<Model["database"]>;
type Ref = { name: string; key: string };

/**
 * The object-store credentials barman-cloud reads, by the provider's keys in the Secret the manifest
 * names (`backup.storage.database_credentials`); without one, the pod's workload identity.
 */
function credentials(backup: Backup): Record<string, unknown> {
  const storage = backup.storage!;
  const secret = storage.databaseCredentials;
  const ref = (key: string): Ref => ({ name: secret!, key });
  switch (storage.provider) {
    case "aws":
      return { s3Credentials: secret ? { accessKeyId: ref("ACCESS_KEY_ID"), secretAccessKey: ref("ACCESS_SECRET_KEY") } : { inheritFromIAMRole: true } };
    case "gcp":
      return { googleCredentials: secret ? { applicationCredentials: ref("gcsCredentials") } : { gkeEnvironment: true } };
    case "azure":
      return { azureCredentials: secret ? { storageAccount: ref("AZURE_STORAGE_ACCOUNT"), storageKey: ref("AZURE_STORAGE_KEY") } : { inheritFromAzureAD: true } };
  }
}

/**
 * The barman-cloud `ObjectStore` (plugin barman-cloud.cloudnative-pg.io): where the Cluster archives
 * WAL and writes base backups, compressed and, on AWS S3, encrypted at rest by the store (AES256), kept for
 * `retentionPolicy` (the longest retention of the schedules covering the database).
 */
export function objectStore(m: Model, backup: Backup) {
  const store = backup.objectStore;
  if (!store) return undefined;
  return {
    apiVersion: "barmancloud.cnpg.io/v1",
    kind: "ObjectStore",
    metadata: metadata(m, "ObjectStore", m.names.backup.objectStore, { component: "backup" }),
    spec: {
      retentionPolicy: store.retentionPolicy,
      configuration: {
        destinationPath: store.destinationPath,
        ...(store.endpoint ? { endpointURL: store.endpoint } : {}),
        ...credentials(backup),
        wal: { compression: "gzip", ...(store.encryption ? { encryption: store.encryption } : {}) },
        data: { compression: "gzip", ...(store.encryption ? { encryption: store.encryption } : {}) },
      },
    },
  };
}

/** The Cluster's plugin entry that makes barman-cloud its WAL archiver, writing to the ObjectStore. */
export function walArchiverPlugin(m: Model) {
  return { name: BARMAN_CLOUD_PLUGIN, isWALArchiver: true, parameters: { barmanObjectName: m.names.backup.objectStore } };
}

/**
 * Without WAL archiving the ScheduledBackups take cold volume snapshots, which CloudNativePG refuses
 * ("no volumeSnapshot section defined on the target cluster") unless the Cluster has a
 * `backup.volumeSnapshot` section: the cluster's default VolumeSnapshotClass, offline like the ScheduledBackups.
 */
const volumeSnapshotBackup = { volumeSnapshot: { online: false } };

const quantities = (r: { cpu?: { text: string }; memory?: { text: string } }) => ({
  ...(r.cpu ? { cpu: r.cpu.text } : {}),
  ...(r.memory ? { memory: r.memory.text } : {}),
});

/**
 * The CloudNativePG `Cluster`, when the manifest asks berth to own it (`database.cloudnative_pg`):
 * instances, storage, resources, a PodDisruptionBudget (the operator's), and with WAL archiving
 * the barman-cloud plugin as its WAL archiver, otherwise the volume-snapshot section its cold backups need.
 */
export function cluster(m: Model, db: Database, backup: Backup | undefined) {
  const own = db.cnpgCluster;
  if (!own || !db.cluster) return undefined;
  const resources = own.resources ? { requests: quantities(own.resources.requests), limits: quantities(own.resources.limits) } : undefined;
  return {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "Cluster",
    metadata: metadata(m, "Cluster", db.cluster, { component: "database" }),
    spec: {
      instances: own.instances,
      ...(own.image ? { imageName: own.image } : {}),
      enablePDB: own.instances > 1,
      storage: { size: own.storage.size.text, ...(own.storage.storageClass ? { storageClass: own.storage.storageClass } : {}) },
      ...(resources ? { resources } : {}),
      ...(backup?.databaseMethod === "wal-archive" ? { plugins: [walArchiverPlugin(m)] } : {}),
      ...(backup?.databaseMethod === "volume-snapshot" ? { backup: volumeSnapshotBackup } : {}),
    },
  };
}

/** A PgBouncer `Pooler` in front of the primary (type rw). */
export function pooler(m: Model, db: Database) {
  const p = db.pooler;
  const name = m.names.backup.pooler;
  if (!p || !db.cluster || !name) return undefined;
  return {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "Pooler",
    metadata: metadata(m, "Pooler", name, { component: "database" }),
    spec: {
      cluster: { name: db.cluster },
      instances: p.instances,
      type: "rw",
      pgbouncer: {
        poolMode: p.mode,
        parameters: { max_client_conn: String(p.maxClientConnections), default_pool_size: String(p.defaultPoolSize) },
      },
    },
  };
}

/**
 * A `PodMonitor` for the Cluster berth owns: Prometheus scrapes each instance's `metrics` port
 * (CloudNativePG deprecates its own `enablePodMonitor`), so the backup and WAL-archive alerts have data.
 */
export function podMonitor(m: Model, db: Database) {
  if (!db.cnpgCluster?.monitoring || !db.cluster) return undefined;
  const meta = metadata(m, "PodMonitor", db.cluster, { component: "database" });
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    // `monitoring.rule_labels`, as on the ServiceMonitor: a Prometheus that selects monitors by label must select this one too.
    metadata: { ...meta, labels: { ...meta.labels, ...m.monitoring.ruleLabels } },
    spec: {
      selector: { matchLabels: { "cnpg.io/cluster": db.cluster, "cnpg.io/podRole": "instance" } },
      podMetricsEndpoints: [{ port: "metrics" }],
    },
  };
}
