import type { BackupSchedule, Model } from "../../src/model/model.js";
import { metadata } from "../../src/kube/names.js";
import { goDuration } from "./go-duration.js";

type Backup = NonNullable<Model["backup"]>;

/** Events are noise after a restore (and events.k8s.io duplicates them under a second API group). */
export const EXCLUDED_RESOURCES = ["events", "events.events.k8s.io"];

/** Velero's API objects live in Velero's namespace, labelled like the service's other objects. */
export function veleroMetadata(m: Model, backup: Backup, kind: "Schedule" | "BackupStorageLocation" | "ConfigMap", name: string) {
  return { ...metadata(m, kind, name, { component: "backup" }), namespace: backup.namespace };
}

/**
 * A Velero `Schedule`: the schedule's namespaces (the service's, plus any extra ones), the objects
 * its selector matches (the service's instance label unless the manifest says, none with
 * whole_namespace), every run kept for its retention. Volume data goes in only with include_volumes:
 * by file-system backup (works without CSI) or as CSI snapshots, per StorageClass when a resource
 * policy names one (`resourcePolicy`); otherwise volume snapshots are turned off too. `paused`
 * keeps the Schedule but takes nothing.
 */
export function veleroSchedule(m: Model, backup: Backup, name: string, s: BackupSchedule, resourcePolicy?: string) {
  const scope = s.velero;
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: veleroMetadata(m, backup, "Schedule", name),
    spec: {
      schedule: s.schedule.portable!,
      ...(scope.paused ? { paused: true } : {}),
      template: {
        includedNamespaces: scope.namespaces,
        ...(scope.selector ? { labelSelector: { matchLabels: scope.selector } } : {}),
        excludedResources: EXCLUDED_RESOURCES,
        defaultVolumesToFsBackup: scope.volumes === "file-system",
        ...(scope.volumes === "snapshot" ? { snapshotVolumes: true } : scope.volumes === "none" ? { snapshotVolumes: false } : {}),
        ...(resourcePolicy ? { resourcePolicy: { kind: "configmap", name: resourcePolicy } } : {}),
        ...(backup.storage ? { storageLocation: m.names.backup.storageLocation } : {}),
        ttl: goDuration(s.retentionSeconds),
      },
    },
  };
}

const POLICY_ACTION = { "file-system": "fs-backup", snapshot: "snapshot", skip: "skip" } as const;

/**
 * Velero's resource policy (a ConfigMap in Velero's namespace, `policies.yaml`): how each
 * StorageClass's volumes are taken, `fs-backup`, `snapshot` or `skip`. Undefined without per-class methods.
 */
export function resourcePolicy(m: Model, backup: Backup, name: string, s: BackupSchedule) {
  const classes = s.velero.volumesByClass;
  if (!classes.length) return undefined;
  const policies = [
    "version: v1",
    "volumePolicies:",
    ...classes.flatMap((c) => [`  - conditions:`, `      storageClass: [${JSON.stringify(c.storageClass)}]`, `    action:`, `      type: ${POLICY_ACTION[c.method]}`]),
    "",
  ].join("\n");
  return { apiVersion: "v1", kind: "ConfigMap", metadata: veleroMetadata(m, backup, "ConfigMap", name), data: { "policies.yaml": policies } };
}
