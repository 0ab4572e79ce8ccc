/** NOTES.txt tells the operator the release timeout that covers everything Helm waits for (issue 18.13). */
import { describe, expect, it } from "vitest";
import { notesTxt } from "../../../emitters/helm/notes.js";
import { BASE_YAML, load } from "../../helpers.js";

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
  });

  it("is the health timeout alone without a migration job", async () => {
    const text = await notes(`${BASE_YAML}deploy: { health_timeout: 10s }\n${DB.replace("mode: job, command: [./app, migrate], timeout: 20m", "mode: external")}`);
    expect(text).toContain("--atomic --timeout 10s");
  });

  it("says that only helm --atomic reverts a rolling deploy", async () => {
    expect(await notes(BASE_YAML)).toContain("applied with kubectl or GitOps, a failed rollout is not rolled back");
  });
});
