import { describe, expect, it } from "vitest";
import { volumeClaims } from "../../src/kube/storage.js";
import { base, modelOf, objectIn } from "./model.js";

describe("volumeClaims", () => {
  it("claims nothing without volumes", async () => {
    expect(volumeClaims(await modelOf(base()))).toEqual([]);
  });

  it("claims each persistent volume (ReadWriteOnce, cluster default class) and skips scratch volumes", async () => {
    const out = volumeClaims(
      await modelOf(base("volumes:\n  - { name: scratch, mount: /scratch, size: 1Gi, persistent: false }\n  - { name: data, mount: /data, size: 10Gi }\n")),
    );
    expect(out.map((o) => o.file)).toEqual(["persistentvolumeclaim-data.yaml"]);
    const pvc = objectIn(out, "persistentvolumeclaim-data.yaml");
    expect(pvc.kind).toBe("PersistentVolumeClaim");
    expect(pvc.metadata).toMatchObject({ name: "orders-api-data", namespace: "orders-api" });
    expect(pvc.spec).toEqual({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } });
  });

  it("passes storage class and access mode through, claims sorted by volume name", async () => {
    const out = volumeClaims(
      await modelOf(
        base("volumes:\n  - { name: uploads, mount: /u, size: 5Gi, storage_class: fast-ssd, access_mode: ReadWriteMany }\n  - { name: cache, mount: /c, size: 1Gi }\n"),
      ),
    );
    expect(out.map((o) => o.file)).toEqual(["persistentvolumeclaim-cache.yaml", "persistentvolumeclaim-uploads.yaml"]);
    expect(objectIn(out, "persistentvolumeclaim-uploads.yaml").spec).toEqual({
      accessModes: ["ReadWriteMany"],
      storageClassName: "fast-ssd",
      resources: { requests: { storage: "5Gi" } },
    });
  });
});
