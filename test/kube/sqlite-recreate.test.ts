/**
 * A SQLite database is one file with one writer. A rolling update starts the new pod while the old one
 * still runs (and a ReadWriteOnce volume may not attach to a second node at all), so sqlite-single-writer
 * was true only between deploys. A SQLite service's Deployment is replaced with Recreate: the old pod
 * stops before the new one starts, on every path the user deploys by (the manifests and the chart).
 */
import { describe, expect, it } from "vitest";
import { buildKubeObjects } from "../../src/kube/index.js";
import { lintManifest } from "../../src/lint/lint-manifest.js";
import { BASE_YAML, load, positionOf } from "../helpers.js";

const SQLITE = `${BASE_YAML}replicas: 1
volumes: [{ name: data, mount: /data, size: 1Gi }]
database: { engine: sqlite, path: /data/app.db }
`;

const deployment = async (text: string) => {
  const loaded = await load(text);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const model = loaded.models[0]!;
  return { model, object: buildKubeObjects(model).find((o) => o.object.kind === "Deployment")!.object as unknown as { spec: { strategy: unknown } } };
};

describe("SQLite: the Deployment never runs two writers", () => {
  it("replaces its pod with Recreate; the peak is the one pod, and sqlite-single-writer passes", async () => {
    const { model, object } = await deployment(SQLITE);
    expect(object.spec.strategy).toEqual({ type: "Recreate" });
    expect(model.deploy.update).toBe("Recreate");
    expect(model.deploy.peakPods).toBe(1);
    const { findings } = await lintManifest(await load(SQLITE));
    expect(findings.filter((f) => f.code === "sqlite-single-writer")).toEqual([]);
  });

  it("any other database keeps the rolling update with its bounds", async () => {
    const postgres = `${BASE_YAML}database: { engine: postgres, url: { secret: db, key: url } }\nnetwork: { egress: [{ cidr: 10.0.0.0/24, ports: [5432] }] }\ndeploy: { max_surge: 2 }\n`;
    const { model, object } = await deployment(postgres);
    expect(object.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 2 } });
    expect(model.deploy.update).toBe("RollingUpdate");
  });

  it("a rolling update's bounds given for a SQLite service have no effect: FIELD_NOT_APPLICABLE at each key", async () => {
    const text = `${SQLITE}deploy: { max_surge: 0, max_unavailable: 1 }\n`;
    const loaded = await load(text);
    expect(loaded.diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.message}`)).toEqual([
      `FIELD_NOT_APPLICABLE@${positionOf(text, "max_surge")} deploy.max_surge has no effect with SQLite`,
      `FIELD_NOT_APPLICABLE@${positionOf(text, "max_unavailable")} deploy.max_unavailable has no effect with SQLite`,
    ]);
  });
});
