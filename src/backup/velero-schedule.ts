import { LABELS } from "../model/conventions.js";
import { parseCron } from "../model/cron.js";
import { portableCron } from "../model/cron-gap.js";
import type { Model } from "../model/model.js";
import { metadata } from "../kube/names.js";
import { goDuration } from "./go-duration.js";
import { backupNames } from "./names.js";

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
export function veleroSchedule(m: Model, backup: Backup, name: string, schedule: string, retentionSeconds: number) {
  const parsed = parseCron(schedule);
  if (!parsed.ok) throw new Error(`internal: schedule ${schedule} passed validation but does not parse`);
  const names = backupNames(m);
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: veleroMetadata(m, backup, name),
    spec: {
      schedule: portableCron(parsed.schedule),
      template: {
        includedNamespaces: [m.namespace],
        labelSelector: { matchLabels: { [LABELS.instance]: m.name } },
        excludedResources: EXCLUDED_RESOURCES,
        defaultVolumesToFsBackup: backup.includeVolumes,
        ...(backup.includeVolumes ? {} : { snapshotVolumes: false }),
        ...(backup.storage ? { storageLocation: names.storageLocation } : {}),
        ttl: goDuration(retentionSeconds),
      },
    },
  };
}
