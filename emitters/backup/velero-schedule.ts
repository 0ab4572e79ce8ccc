import { LABELS } from "../../src/model/conventions.js";
import type { Model } from "../../src/model/model.js";
import type { Schedule } from "../../src/model/schedule.js";
import { metadata } from "../../src/kube/names.js";
import { goDuration } from "./go-duration.js";

type Backup = NonNullable<Model["backup"]>;

/** Events are noise after a restore (and events.k8s.io duplicates them under a second API group). */
export const EXCLUDED_RESOURCES = ["events", "events.events.k8s.io"];

/** Velero's API objects live in Velero's namespace, labelled like the service's other objects. */
export function veleroMetadata(m: Model, backup: Backup, name: string) {
  return { ...metadata(m, name, { component: "backup" }), namespace: backup.namespace };
}

/**
 * A Velero `Schedule`: the service's namespaced objects that carry its instance label, every run
 * kept for `retentionSeconds`. Pod volume data goes in only with include_volumes (file-system
 * backup, which works without CSI snapshots); otherwise volume snapshots are turned off too.
 */
export function veleroSchedule(m: Model, backup: Backup, name: string, schedule: Schedule, retentionSeconds: number) {
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: veleroMetadata(m, backup, name),
    spec: {
      schedule: schedule.portable!,
      template: {
        includedNamespaces: [m.namespace],
        labelSelector: { matchLabels: { [LABELS.instance]: m.name } },
        excludedResources: EXCLUDED_RESOURCES,
        defaultVolumesToFsBackup: backup.includeVolumes,
        ...(backup.includeVolumes ? {} : { snapshotVolumes: false }),
        ...(backup.storage ? { storageLocation: m.names.backup.storageLocation } : {}),
        ttl: goDuration(retentionSeconds),
      },
    },
  };
}
