import type { Model } from "../model/model.js";

/**
 * Names of the backup objects. Velero's namespace is shared by every service (and, in one cluster,
 * every environment) it protects, so its objects carry the service's namespace too unless that
 * namespace is the service's own name. Velero names each backup `<schedule>-<yyyyMMddHHmmss>`.
 */
export function backupNames(m: Model) {
  const base = m.namespace === m.name ? m.name : `${m.namespace}-${m.name}`;
  return {
    schedule: base,
    extraSchedule: (extra: string) => `${base}-${extra}`,
    storageLocation: base,
    scheduledBackup: (cluster: string) => (cluster === m.name ? m.name : `${m.name}-${cluster}`),
  };
}
