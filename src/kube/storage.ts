import type { Model } from "../model/model.js";
import { metadata } from "./names.js";
import type { NamedObject } from "./object.js";

/** A PersistentVolumeClaim for each persistent volume. */
export function volumeClaims(m: Model): NamedObject[] {
  const names = m.names;
  return m.volumes
    .filter((v) => v.persistent)
    .map((v) => ({
      file: `persistentvolumeclaim-${v.name}.yaml`,
      object: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: metadata(m, "PersistentVolumeClaim", names.claims[v.name]!),
        spec: {
          accessModes: [v.accessMode],
          ...(v.storageClass ? { storageClassName: v.storageClass } : {}),
          resources: { requests: { storage: v.size.text } },
        },
      },
    }));
}
