// Per-job settings (issue 13): scheduled jobs and the migration Job with their own image, size,
// backoff limit, concurrency policy and history; the Helm chart keeps them instead of the service's knobs.
import { describe, expect, it } from "vitest";
import { chartTemplates } from "../../emitters/helm/chart-templates.js";
import { buildKubeObjects } from "../../src/kube/index.js";
import { lintManifest } from "../../src/lint/lint-manifest.js";
import { codesAt, load, positionOf } from "../helpers.js";
import { base, modelOf, objectIn } from "../kube/model.js";
import { validateBuiltIn } from "../support/k8s-models.js";

const TIMEOUT = { timeout: 60_000 };

const SIZED = `resources:
  requests: { cpu: "1", memory: 3Gi }
  limits: { cpu: "2", memory: 3Gi }
scheduled_jobs:
  - name: worker
    schedule: "*/5 * * * *"
    command: [./worker]
    image: ghcr.io/acme/worker:1.0.0
    resources: { requests: { cpu: 50m, memory: 64Mi }, limits: { cpu: 200m, memory: 128Mi } }
    backoff_limit: 3
    concurrency_policy: Replace
    history: { successful: 1, failed: 2 }
  - name: cleanup
    schedule: "0 3 * * *"
    command: [./cleanup]
database:
  engine: postgres
  url: { secret: db, key: url }
  migrations:
    command: [./migrate]
    resources: { requests: { cpu: 100m, memory: 256Mi }, limits: { cpu: 500m, memory: 512Mi } }
    backoff_limit: 2
network:
  egress: [{ cidr: 10.0.0.0/8, ports: [5432] }]
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const container = (o: any) => (o.kind === "CronJob" ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec).containers[0];

describe("per-job settings: the objects", TIMEOUT, () => {
  it("a CronJob runs in its own image and size with its backoff, concurrency and history", async () => {
    const out = buildKubeObjects(await modelOf(base(SIZED)));
    const worker = objectIn(out, "cronjob-worker.yaml");
    expect(worker.spec).toMatchObject({ concurrencyPolicy: "Replace", successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 2, jobTemplate: { spec: { backoffLimit: 3 } } });
    expect(container(worker).image).toBe("ghcr.io/acme/worker:1.0.0");
    expect(container(worker).resources).toEqual({ requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } });
    expect(validateBuiltIn(worker)).toEqual([]);
  });

  it("undeclared, a CronJob keeps the defaults it always had: the service's image and size, Forbid, backoff 1, no history limits", async () => {
    const cleanup = objectIn(buildKubeObjects(await modelOf(base(SIZED))), "cronjob-cleanup.yaml");
    expect(cleanup.spec.concurrencyPolicy).toBe("Forbid");
    expect(cleanup.spec.jobTemplate.spec.backoffLimit).toBe(1);
    expect(cleanup.spec.successfulJobsHistoryLimit).toBeUndefined();
    expect(container(cleanup).image).toBe("ghcr.io/acme/orders-api:2.1.0");
    expect(container(cleanup).resources.requests).toEqual({ cpu: "1", memory: "3Gi" });
  });

  it("the migration Job has its own size and backoff limit", async () => {
    const job = objectIn(buildKubeObjects(await modelOf(base(SIZED))), "job-migrate.yaml");
    expect(job.spec.backoffLimit).toBe(2);
    expect(container(job).resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
    expect(container(job).image).toBe("ghcr.io/acme/orders-api:2.1.0");
  });

  it("the Helm chart keeps a job's own image and size, and templates the service's elsewhere", async () => {
    const templates = chartTemplates([await modelOf(base(SIZED))]);
    const text = (file: string) => templates.find((t) => t.file === file)!.text;
    expect(text("cronjob-worker.yaml")).toContain("image: ghcr.io/acme/worker:1.0.0");
    expect(text("cronjob-worker.yaml")).toContain("64Mi");
    expect(text("cronjob-worker.yaml")).not.toContain(".Values.resources");
    expect(text("cronjob-cleanup.yaml")).toContain(".Values.resources");
    expect(text("cronjob-cleanup.yaml")).toContain(".Values.image }}");
    expect(text("job-migrate.yaml")).toContain("512Mi");
    expect(text("job-migrate.yaml")).toContain(".Values.image }}");
  });
});

describe("per-job settings: errors and the checklist", TIMEOUT, () => {
  it("CronJob settings on a job without a command are located errors", async () => {
    const text = base('scheduled_jobs:\n  - { name: digest, schedule: "0 * * * *", lock: database, resources: { requests: { cpu: 10m } } }\n');
    expect(codesAt(await load(text))).toEqual([`FIELD_NOT_APPLICABLE@${positionOf(text, "resources")}`]);
    expect((await load(text)).diagnostics[0]!.message).toContain("job digest has no command");
  });

  it("a job's floating image is an image-pinned finding at the job", async () => {
    const text = base(SIZED.replace("ghcr.io/acme/worker:1.0.0", "ghcr.io/acme/worker:latest"));
    const found = (await lintManifest(await load(text))).findings.filter((f) => f.code === "image-pinned");
    expect(found.map((f) => `${f.line}:${f.col}`)).toEqual([positionOf(text, "image: ghcr.io/acme/worker")]);
    expect(found[0]!.message).toContain('of the container "worker"');
  });
});
