import type { Model } from "../../src/model/model.js";
import { veleroMetadata } from "./velero-schedule.js";

type Backup = NonNullable<Model["backup"]>;
type Storage = NonNullable<Backup["storage"]>;

/**
 * The `config` keys of Velero's object-store plugins that the manifest can fill. The AWS plugin
 * (S3 and S3-compatible stores) takes a region and an endpoint; a custom endpoint (MinIO, Ceph)
 * needs path-style addressing. The Azure plugin refuses to start without `storageAccount` (the
 * Model's, from the endpoint), and with `storageAccountURI` needs no Azure Resource Manager lookup.
 * Values are strings: the CRD types `config` as map[string]string.
 */
function providerConfig(storage: Storage): Record<string, string> | undefined {
  if (storage.provider === "azure") {
    return storage.storageAccount ? { storageAccount: storage.storageAccount, storageAccountURI: storage.endpoint! } : undefined;
  }
  if (storage.provider !== "aws") return undefined;
  const config: Record<string, string> = {};
  if (storage.region) config.region = storage.region;
  if (storage.endpoint) {
    config.s3Url = storage.endpoint;
    config.s3ForcePathStyle = "true";
  }
  return Object.keys(config).length ? config : undefined;
}

/** A Velero `BackupStorageLocation` for the service's schedules (its credential Secret lives in Velero's namespace). */
export function backupStorageLocation(m: Model, backup: Backup, storage: Storage) {
  const config = providerConfig(storage);
  return {
    apiVersion: "velero.io/v1",
    kind: "BackupStorageLocation",
    metadata: veleroMetadata(m, backup, "BackupStorageLocation", m.names.backup.storageLocation),
    spec: {
      provider: storage.provider,
      objectStorage: { bucket: storage.bucket, prefix: storage.prefix },
      ...(config ? { config } : {}),
      ...(storage.credentials ? { credential: { name: storage.credentials.secret, key: storage.credentials.key } } : {}),
    },
  };
}
