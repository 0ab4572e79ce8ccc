import type { BackupSchedule, Model } from "../../src/model/model.js";
import { commonLabels, metadata } from "../../src/kube/names.js";
import { LABELS } from "../../src/model/conventions.js";

type Backup = NonNullable<Model["backup"]>;
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };

const DUMP = "/backup/dump.pgc";
const GCS_KEY_DIR = "/var/run/secrets/backup-storage";
/** UID of the `postgres` user in the official images; rclone runs as it too. */
const UID = 999;

/** Where a schedule's dumps go inside the bucket. */
export function logicalBackupPath(backup: Backup, s: BackupSchedule): string {
  return `${backup.storage!.bucket}/${backup.storage!.prefix}/logical/${s.name}`;
}

/** rclone's remote `store`, configured by environment (no config file), with the database backups' credentials. */
function storeEnv(backup: Backup): EnvVar[] {
  const storage = backup.storage!;
  const secret = storage.databaseCredentials;
  const fromSecret = (name: string, key: string): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret!, key } } });
  const env = (name: string, value: string): EnvVar => ({ name, value });
  switch (storage.provider) {
    case "aws":
      return [
        env("RCLONE_CONFIG_STORE_TYPE", "s3"),
        env("RCLONE_CONFIG_STORE_PROVIDER", storage.endpoint ? "Other" : "AWS"),
        env("RCLONE_CONFIG_STORE_ENV_AUTH", "true"),
        ...(storage.region ? [env("RCLONE_CONFIG_STORE_REGION", storage.region)] : []),
        ...(storage.endpoint ? [env("RCLONE_CONFIG_STORE_ENDPOINT", storage.endpoint)] : []),
        ...(secret ? [fromSecret("AWS_ACCESS_KEY_ID", "ACCESS_KEY_ID"), fromSecret("AWS_SECRET_ACCESS_KEY", "ACCESS_SECRET_KEY")] : []),
      ];
    case "gcp":
      return [
        env("RCLONE_CONFIG_STORE_TYPE", "google cloud storage"),
        env("RCLONE_CONFIG_STORE_ENV_AUTH", "true"),
        env("RCLONE_CONFIG_STORE_BUCKET_POLICY_ONLY", "true"),
        ...(secret ? [env("GOOGLE_APPLICATION_CREDENTIALS", `${GCS_KEY_DIR}/gcsCredentials`)] : []),
      ];
    case "azure":
      return [
        env("RCLONE_CONFIG_STORE_TYPE", "azureblob"),
        ...(storage.endpoint ? [env("RCLONE_CONFIG_STORE_ENDPOINT", storage.endpoint)] : []),
        ...(secret ? [fromSecret("RCLONE_CONFIG_STORE_ACCOUNT", "AZURE_STORAGE_ACCOUNT"), fromSecret("RCLONE_CONFIG_STORE_KEY", "AZURE_STORAGE_KEY")] : [env("RCLONE_CONFIG_STORE_ENV_AUTH", "true")]),
      ];
  }
}

/**
 * The upload step: the dump goes to `<bucket>/<prefix>/logical/<schedule>/<UTC time>.pgc` (through
 * rclone's crypt remote when an encryption key is declared: the key never leaves its Secret), then
 * dumps older than the schedule's retention are deleted. `set -eu`: any failure fails the Job.
 */
function uploadScript(encrypted: boolean, retentionSeconds: number): string {
  return [
    "set -eu",
    'name="$(date -u +%Y%m%dT%H%M%SZ).pgc"',
    ...(encrypted ? ['export RCLONE_CONFIG_VAULT_PASSWORD="$(rclone obscure "$BACKUP_ENCRYPTION_KEY")"'] : []),
    `rclone copyto ${DUMP} "$TARGET$name"`,
    `rclone delete --min-age ${Math.round(retentionSeconds)}s "$TARGET"`,
    "",
  ].join("\n");
}

const restricted = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
};

/**
 * The logical backup of an external PostgreSQL on one schedule: a CronJob (never overlapping, no
 * retries that would hide a failure from the alert) whose init container runs `pg_dump` (custom
 * format, restorable with `pg_restore`) into a scratch volume and whose container uploads it with rclone.
 * Built here, not in src/kube: only the backup output has it, and the workload builders stay untouched.
 */
export function logicalBackupCronJob(m: Model, backup: Backup, s: BackupSchedule) {
  const logical = backup.logical;
  const url = m.database?.url;
  if (!logical || !url || !backup.storage) return undefined;
  const name = m.names.backup.logicalBackups[s.name]!;
  const encrypted = backup.encryptionKey !== undefined;
  const target = `store:${logicalBackupPath(backup, s)}/`;
  const gcsKey = backup.storage.provider === "gcp" && backup.storage.databaseCredentials;
  const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) => ({ requests: { cpu, memory }, limits: { cpu: cpuLimit, memory: memoryLimit } });
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: metadata(m, "CronJob", name, { component: "backup", instance: name }),
    spec: {
      schedule: s.schedule.portable!,
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          activeDeadlineSeconds: Math.ceil(logical.timeoutSeconds),
          template: {
            metadata: { labels: commonLabels(m, "backup", name) },
            spec: {
              restartPolicy: "Never",
              automountServiceAccountToken: false,
              securityContext: { runAsNonRoot: true, runAsUser: UID, runAsGroup: UID, fsGroup: UID, seccompProfile: { type: "RuntimeDefault" } },
              initContainers: [
                {
                  name: "dump",
                  image: logical.image,
                  command: ["pg_dump", "--format=custom", "--no-owner", `--file=${DUMP}`, "--dbname=$(DATABASE_URL)"],
                  env: [{ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: url.secret, key: url.key } } }],
                  resources: resources("100m", "256Mi", "1", "1Gi"),
                  securityContext: restricted,
                  volumeMounts: [{ name: "dump", mountPath: "/backup" }, { name: "tmp", mountPath: "/tmp" }],
                },
              ],
              containers: [
                {
                  name: "upload",
                  image: logical.uploaderImage,
                  command: ["/bin/sh", "-c", uploadScript(encrypted, s.retentionSeconds)],
                  env: [
                    { name: "HOME", value: "/tmp" },
                    ...storeEnv(backup),
                    ...(encrypted
                      ? [
                          { name: "RCLONE_CONFIG_VAULT_TYPE", value: "crypt" },
                          { name: "RCLONE_CONFIG_VAULT_REMOTE", value: target },
                          { name: "RCLONE_CONFIG_VAULT_FILENAME_ENCRYPTION", value: "off" },
                          { name: "BACKUP_ENCRYPTION_KEY", valueFrom: { secretKeyRef: { name: backup.encryptionKey!.secret, key: backup.encryptionKey!.key } } },
                          { name: "TARGET", value: "vault:" },
                        ]
                      : [{ name: "TARGET", value: target }]),
                  ],
                  resources: resources("50m", "64Mi", "500m", "256Mi"),
                  securityContext: restricted,
                  volumeMounts: [
                    { name: "dump", mountPath: "/backup", readOnly: true },
                    { name: "tmp", mountPath: "/tmp" },
                    ...(gcsKey ? [{ name: "storage-credentials", mountPath: GCS_KEY_DIR, readOnly: true }] : []),
                  ],
                },
              ],
              volumes: [
                { name: "dump", emptyDir: {} },
                { name: "tmp", emptyDir: {} },
                ...(gcsKey ? [{ name: "storage-credentials", secret: { secretName: gcsKey } }] : []),
              ],
            },
          },
        },
      },
    },
  };
}

/**
 * The logical-backup pods carry the service's name label, so its default-deny NetworkPolicy holds
 * them too: it opens the database port (the dependency-egress rule requires it) but not the object
 * storage the dump is uploaded to. This policy, selecting only the backup pods, adds that egress:
 * the endpoint's port when one is declared (an in-cluster MinIO), else HTTPS to any address (a
 * cloud object store has no fixed IP range). NetworkPolicies add up, so nothing else widens.
 */
export function logicalBackupNetworkPolicy(m: Model, backup: Backup) {
  if (!backup.storage || !backup.logical) return undefined;
  const port = endpointPort(backup.storage.endpoint);
  const name = `${m.name}-logical-backup`;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: metadata(m, "NetworkPolicy", name, { component: "backup", instance: name }),
    spec: {
      podSelector: { matchLabels: { [LABELS.name]: m.name, [LABELS.component]: "backup" } },
      policyTypes: ["Egress"],
      egress: [{ ports: [{ protocol: "TCP", port }] }],
    },
  };
}

/** The object store's port: the endpoint's own, or HTTPS. */
function endpointPort(endpoint: string | undefined): number {
  if (!endpoint) return 443;
  const match = /^(https?):\/\/(?:\[[^\]]+\]|[^/:]+)(?::(\d+))?/.exec(endpoint);
  if (match?.[2]) return Number(match[2]);
  return match?.[1] === "http" ? 80 : 443;
}
