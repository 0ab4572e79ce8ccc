import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backupEmitter } from "../../emitters/backup/index.js";
import { recoveryPlan, WAL_ARCHIVE_TIMEOUT_SECONDS } from "../../src/model/recovery-plan.js";
import type { Model } from "../../src/model/model.js";
import { loadManifest } from "../../src/pipeline.js";
import { BASE_YAML, load } from "../helpers.js";

const root = new URL("../../", import.meta.url).pathname;
const DAY = 86400;
const STORAGE = "  storage: { provider: aws, bucket: acme-backups }\n  drills: { cadence: 90d }\n";

async function model(text: string): Promise<Model> {
  const result = await load(text);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.models[0]!;
}

describe("recoveryPlan: the recovery promise as data (Model → table), for recovery.md and the checklist", () => {
  it("is undefined without an enabled backup", async () => {
    expect(recoveryPlan(await model(BASE_YAML))).toBeUndefined();
    expect(recoveryPlan(await model(`${BASE_YAML}backup: { enabled: false }\n`))).toBeUndefined();
  });

  it("orders-api: PITR gives the database the WAL archive timeout; the objects get the schedules' longest gap", async () => {
    const file = "examples/orders-api/service.yaml";
    const loaded = await loadManifest(file, readFileSync(join(root, file)));
    const plan = recoveryPlan(loaded.models[0]!)!;
    expect(plan.targets).toEqual({ rpoSeconds: 300, rtoSeconds: 3600 });
    expect(plan.assets.map((a) => [a.kind, a.asset.split(" ")[0], a.rpoSeconds])).toEqual([
      ["config", "Kubernetes", 4 * 3600],
      ["data", "PostgreSQL", WAL_ARCHIVE_TIMEOUT_SECONDS],
    ]);
    expect(plan.achievedRpoSeconds).toBe(300);
    expect(plan.uncovered).toEqual([]);
    expect(plan.storage).toBe("aws acme-prod-backups/orders-api (eu-west-1)");
  });

  it("weekday backups: the achieved RPO is the weekend gap", async () => {
    const plan = recoveryPlan(await model(`${BASE_YAML}backup:\n  schedule: "0 2 * * 1-5"\n  retention: 14d\n${STORAGE}`))!;
    expect(plan.achievedRpoSeconds).toBe(3 * DAY);
    expect(plan.assets[0]!.retentionSeconds).toEqual([14 * DAY]);
  });

  it("volumes not included are data left uncovered", async () => {
    const plan = recoveryPlan(await model(`${BASE_YAML}volumes: [{ name: data, mount: /data, size: 1Gi }]\nbackup:\n${STORAGE}`))!;
    expect(plan.assets.find((a) => a.asset === "Volumes data")).toMatchObject({ kind: "data", method: "none" });
    expect(plan.uncovered).toEqual(["Volumes data"]);
    expect(plan.achievedRpoSeconds).toBeUndefined();
  });

  it("an external database is the provider's business, not counted as uncovered", async () => {
    const plan = recoveryPlan(
      await model(`${BASE_YAML}database: { engine: mysql, url: { secret: db, key: uri }, migrations: { mode: external } }\nnetwork: { egress: [{ cidr: 10.50.0.0/24, ports: [3306] }] }\nbackup:\n${STORAGE}`),
    )!;
    expect(plan.assets[1]).toMatchObject({ kind: "data", method: "outside berth (the provider's backups)" });
    expect(plan.uncovered).toEqual([]);
  });

  it("YAML and HCL twins give the same backup files (but for the source named in the header)", async () => {
    for (const name of ["orders-api", "catalog-rolling"]) {
      const emit = async (ext: string) => {
        const file = `examples/${name}/service.${ext}`;
        const loaded = await loadManifest(file, readFileSync(join(root, file)));
        return loaded.models.flatMap((m) => backupEmitter.emit(m, { source: "service" }));
      };
      expect(await emit("hcl")).toEqual(await emit("yaml"));
    }
  });
});
