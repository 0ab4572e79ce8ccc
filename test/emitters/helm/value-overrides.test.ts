/**
 * Values an operator sets at install time that values.schema.json admits must render to the objects
 * they name, read as Helm and kubectl read YAML (1.1: `ON`, `Y`, `no` are booleans, `1.10` a number).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { helmEmitter } from "../../../emitters/helm/index.js";
import { BASE_YAML, load } from "../../helpers.js";
import { requireTool, tempDir } from "../../support/tools.js";
import { writePlan } from "./plan-on-disk.js";

const MANIFEST = `${BASE_YAML}env: { GREETING: hello }\nsecrets: { DATABASE_URL: { secret: orders-db, key: uri } }\n`;

type Obj = { kind: string; metadata: { name: string; labels?: Record<string, string> }; data?: Record<string, unknown>; spec?: any };

let chart = "";

/** The manifest's chart, written to a temporary folder: its path. */
async function writeChart(manifest: string): Promise<string> {
  const loaded = await load(manifest);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const out = writePlan(loaded.models, [helmEmitter], "berth-overrides-");
  return join(out, "orders-api/helm/orders-api");
}

beforeAll(async () => {
  chart = await writeChart(MANIFEST);
}, 60_000);

/** `helm template` with the production values and `args`, its objects parsed as YAML 1.1 (as Helm and the API server parse them). */
function render(helm: string, ...args: string[]): Obj[] {
  const run = spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml"), ...args], { encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return parseAllDocuments(run.stdout, { version: "1.1" }).map((d) => d.toJS() as Obj).filter(Boolean);
}

describe("install-time values that YAML 1.1 reads as other types", () => {
  it("keep variable names, Secret names and keys as strings", (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const objects = render(helm, "--set", "env.ON=1", "--set", "env.Y=2", "--set", "secrets.NO.secret=app", "--set", "secrets.NO.key=token", "--set-string", "secrets.DATABASE_URL.secret=123", "--set-string", "secrets.DATABASE_URL.key=true");
    const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "orders-api-env")!;
    expect(config.data).toMatchObject({ GREETING: "hello", ON: "1", Y: "2" });
    expect(config.data).not.toHaveProperty("true");
    const env = objects.find((o) => o.kind === "Deployment")!.spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "123", key: "true" } } },
      { name: "NO", valueFrom: { secretKeyRef: { name: "app", key: "token" } } },
    ]);
  }, 60_000);

  it("write numbers from a values file as written, not in Go's float notation", (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    // The schema admits numbers and booleans as env values; a values file's numbers reach Helm as floats.
    const file = join(tempDir("berth-overrides-values-"), "values.yaml");
    writeFileSync(file, "env:\n  MAX_BODY_BYTES: 10485760\n  SAMPLE_RATIO: 0.25\n  RETRIES: 3\n  TRACING: true\n");
    const config = render(helm, "-f", file).find((o) => o.kind === "ConfigMap" && o.metadata.name === "orders-api-env")!;
    expect(config.data).toMatchObject({ MAX_BODY_BYTES: "10485760", SAMPLE_RATIO: "0.25", RETRIES: "3", TRACING: "true", GREETING: "hello" });
  }, 60_000);
});

describe("values.schema.json on the image", () => {
  it("rejects a repository with a tag, a digest, upper case or a quote in it, and admits one with a registry port", (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const template = (repository: string) =>
      spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml"), "--set-string", `image.repository=${repository}`], { encoding: "utf8", timeout: 60_000 });
    for (const bad of ["ghcr.io/acme/orders-api:2.1.0", `ghcr.io/acme/orders-api@sha256:${"0".repeat(64)}`, "GHCR.io/Acme/orders-api", 'ghcr.io/acme/"x', "ghcr.io/acme/orders api"]) {
      const run = template(bad);
      expect(run.status, bad).not.toBe(0);
      expect(run.stderr, bad).toMatch(/image\/repository/);
    }
    for (const good of ["registry.example.com:5000/team/orders-api", "nginx", "ghcr.io/acme/orders__api"]) {
      const run = template(good);
      expect(run.status, `${good}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toContain(`image: "${good}:2.1.0"`);
    }
  }, 60_000);
});

describe("a numeric image tag", () => {
  it("from --set (a build number) or a values file, deploys and labels its digits; a float is refused", (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const file = join(tempDir("berth-overrides-values-"), "values.yaml");
    const deployment = (...args: string[]) => render(helm, ...args).find((o) => o.kind === "Deployment")!;
    for (const args of [["--set", "image.tag=20240101"], ["-f", file]]) {
      writeFileSync(file, "image:\n  tag: 20240101\n");
      const d = deployment(...args);
      expect(d.spec.template.spec.containers[0].image, args.join(" ")).toBe("ghcr.io/acme/orders-api:20240101");
      expect(d.metadata.labels?.["app.kubernetes.io/version"], args.join(" ")).toBe("20240101");
    }
    writeFileSync(file, "image:\n  tag: 1.10\n");
    const run = spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml"), "-f", file], { encoding: "utf8", timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("/image/tag");
  }, 60_000);
});

describe("values the schema cannot compare", () => {
  it("an autoscaler minimum above its maximum fails at render time, saying which values", (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const template = (...sets: string[]) =>
      spawnSync(helm, ["template", "orders-api", chart, "-n", "orders-api", "-f", join(chart, "values-production.yaml"), ...sets.flatMap((s) => ["--set", s])], { encoding: "utf8", timeout: 60_000 });
    const bad = template("autoscaling.enabled=true", "autoscaling.minReplicas=5", "autoscaling.maxReplicas=3");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("autoscaling.minReplicas (5) is above autoscaling.maxReplicas (3)");
    // Off, the autoscaler is not rendered: nothing to reject.
    expect(template("autoscaling.enabled=false", "autoscaling.minReplicas=5", "autoscaling.maxReplicas=3").status).toBe(0);
    expect(template("autoscaling.enabled=true", "autoscaling.minReplicas=3", "autoscaling.maxReplicas=3").status).toBe(0);
  }, 60_000);
});

describe("knobs that have nothing to reach", () => {
  it("no env knob without plain configuration: --set env.X fails instead of rendering nothing", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    // A third-party image that reads none of berth's settings, and no env of its own: no ConfigMap, no envFrom.
    const bare = await writeChart(`${BASE_YAML}app_settings: { inject: false }\n`);
    expect(readFileSync(join(bare, "values.yaml"), "utf8")).not.toMatch(/^env:/m);
    const template = (...args: string[]) => spawnSync(helm, ["template", "orders-api", bare, "-n", "orders-api", "-f", join(bare, "values-production.yaml"), ...args], { encoding: "utf8", timeout: 60_000 });
    expect(template().status, template().stderr).toBe(0);
    const run = template("--set", "env.FEATURE=on");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/schema/);
  }, 60_000);

  it("a knob only some environments have is refused for the others", async (ctx) => {
    const helm = requireTool("helm");
    if (!helm) return ctx.skip();
    const sidecar = "sidecars: [{ name: shipper, image: ghcr.io/acme/shipper:2.0.0, resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 100m, memory: 64Mi } } }]";
    const split = await writeChart(`${BASE_YAML}environments:\n  alpha: {}\n  beta:\n    ${sidecar}\n`);
    // An operator's own values file, written for beta, given to alpha: alpha's Deployment has no such container.
    const file = join(tempDir("berth-overrides-values-"), "values.yaml");
    writeFileSync(file, "sidecars:\n  shipper:\n    image: { repository: ghcr.io/acme/shipper, tag: 2.1.0, digest: '' }\n    resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 100m, memory: 64Mi } }\n");
    const template = (env: string) => spawnSync(helm, ["template", "orders-api", split, "-n", "orders-api", "-f", join(split, `values-${env}.yaml`), "-f", file], { encoding: "utf8", timeout: 60_000 });
    expect(template("beta").status, template("beta").stderr).toBe(0);
    const alpha = template("alpha");
    expect(alpha.status).not.toBe(0);
    expect(alpha.stderr).toContain("/sidecars");
  }, 60_000);
});
