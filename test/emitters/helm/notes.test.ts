/** NOTES.txt tells the operator the release timeout that covers everything Helm waits for (issue 18.13). */
import { spawnSync } from "node:child_process";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { notesTxt } from "../../../emitters/helm/notes.js";
import { BASE_YAML, load } from "../../helpers.js";
import { requireTool } from "../../support/tools.js";
import { writePlan } from "./plan-on-disk.js";

const DB = `database:\n  engine: postgres\n  url: { secret: db, key: url }\n  migrations: { mode: job, command: [./app, migrate], timeout: 20m }\nnetwork: { egress: [{ cidr: 10.20.0.0/24, ports: [5432] }] }\n`;

async function notes(text: string): Promise<string> {
  const [model] = (await load(text)).models;
  return notesTxt([model!], "");
}

describe("NOTES.txt release timeout", () => {
  it("covers the migration hook and the rollout: Helm waits for both within one --timeout", async () => {
    const text = await notes(`${BASE_YAML}deploy: { health_timeout: 10s }\n${DB}`);
    expect(text).toContain("--atomic --timeout 20m10s");
    // The rollout itself is still watched with the health timeout.
    expect(text).toContain("--timeout=10s");
  }, 10_000);

  it("is the health timeout alone without a migration job", async () => {
    const text = await notes(`${BASE_YAML}deploy: { health_timeout: 10s }\n${DB.replace("mode: job, command: [./app, migrate], timeout: 20m", "mode: external")}`);
    expect(text).toContain("--atomic --timeout 10s");
  }, 10_000);

  it("says that only helm --atomic reverts a rolling deploy", async () => {
    expect(await notes(BASE_YAML)).toContain("applied with kubectl or GitOps, a failed rollout is not rolled back");
  }, 10_000);
});

describe("NOTES.txt as Helm renders it", () => {
  /** The notes through `tpl` (helm install --dry-run needs a cluster), for the release namespace `namespace`. */
  async function rendered(helm: string, namespace: string): Promise<string> {
    const loaded = await load(BASE_YAML);
    const out = writePlan(loaded.models, [helmEmitter], "berth-notes-");
    const chart = join(out, "orders-api/helm/orders-api");
    cpSync(join(chart, "templates/NOTES.txt"), join(chart, "notes.txt"));
    writeFileSync(join(chart, "templates/zz-notes.yaml"), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ tpl (.Files.Get "notes.txt") . | toJson }}\n');
    const run = spawnSync(helm, ["template", "orders-api", chart, "-n", namespace, "-f", join(chart, "values-production.yaml"), "--show-only", "templates/zz-notes.yaml"], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    return (parse(run.stdout) as { data: { notes: string } }).data.notes;
  }

  it("starts with its first line and sets the namespace warning apart by a blank line", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const own = await rendered(helm, "orders-api");
    expect(own.startsWith("orders-api (production, ghcr.io/acme/orders-api:2.1.0) is installed in namespace orders-api.\n\n")).toBe(true);
    expect(own).not.toContain("WARNING");
    const other = await rendered(helm, "other");
    expect(other.startsWith("orders-api (production, ghcr.io/acme/orders-api:2.1.0) is installed in namespace other.\n\nWARNING: the manifest declares namespace orders-api;")).toBe(true);
    expect(other).toContain("to move the service.\n\n");
  }, 60_000);
});
