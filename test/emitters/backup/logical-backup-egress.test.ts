/**
 * The logical-backup pods are held by the service's default-deny NetworkPolicy (they carry its name
 * label): a policy of their own opens the object store, or every upload would be dropped (issue 14).
 */
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { backupEmitter } from "../../../emitters/backup/index.js";
import { BASE_YAML, load } from "../../helpers.js";

const DB = "database: { engine: postgres, url: { secret: shop-db, key: url }, migrations: { mode: external } }\nnetwork: { egress: [{ cidr: 10.40.0.0/24, ports: [5432] }] }\n";
const backup = (storage: string) => `${BASE_YAML}${DB}backup:\n  schedule: "0 */6 * * *"\n  logical: {}\n  storage: ${storage}\n  drills: { cadence: 90d }\n`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function objects(text: string): Promise<Record<string, any>> {
  const loaded = await load(text);
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  const files = backupEmitter.emit(loaded.models[0]!, { source: "service.yaml" });
  return Object.fromEntries(files.filter((f) => f.path.endsWith(".yaml")).map((f) => [f.path, parseAllDocuments(f.content)[0]!.toJS()]));
}

describe("logical backup egress", () => {
  it("opens HTTPS for the backup pods only, and selects exactly the CronJob's pods", async () => {
    const out = await objects(backup("{ provider: aws, bucket: acme-backups, region: eu-west-1 }"));
    const policy = out["backup/networkpolicy-logical-backup.yaml"];
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "orders-api", "app.kubernetes.io/component": "backup" } },
      policyTypes: ["Egress"],
      egress: [{ ports: [{ protocol: "TCP", port: 443 }] }],
    });
    const podLabels = out["backup/cronjob-logical-backup.yaml"].spec.jobTemplate.spec.template.metadata.labels;
    expect(podLabels).toMatchObject(policy.spec.podSelector.matchLabels);
  });

  it("opens the endpoint's own port for an in-cluster object store", async () => {
    const out = await objects(backup("{ provider: aws, bucket: backups, endpoint: http://minio.minio.svc:9000 }"));
    expect(out["backup/networkpolicy-logical-backup.yaml"].spec.egress).toEqual([{ ports: [{ protocol: "TCP", port: 9000 }] }]);
  });

  it("is not written without a logical backup", async () => {
    const out = await objects(`${BASE_YAML}backup:\n  storage: { provider: aws, bucket: acme-backups }\n  drills: { cadence: 90d }\n`);
    expect(Object.keys(out)).not.toContain("backup/networkpolicy-logical-backup.yaml");
  });
});
