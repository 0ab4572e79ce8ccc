import { describe, expect, it } from "vitest";
import { cronJobs, migrationJob } from "../../src/kube/jobs.js";
import { base, modelOf, objectIn } from "./model.js";

// An external database needs an egress path (dependency-egress): the tests declare one.
const DB = (migrations: string) => base(`database: { engine: postgres, url: { secret: db, key: uri }, migrations: ${migrations} }\nnetwork: { egress: [{ cidr: 10.20.0.0/24, ports: [5432] }] }\n`);

describe("migrationJob", () => {
  it("runs the migration command once, before the new version, as an Argo CD PreSync hook", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const job: any = migrationJob(await modelOf(DB("{ command: [./app, migrate], timeout: 90s }")));
    expect(job.apiVersion).toBe("batch/v1");
    expect(job.kind).toBe("Job");
    expect(job.metadata.name).toBe("orders-api-migrate");
    expect(job.metadata.annotations).toEqual({ "argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation" });
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.activeDeadlineSeconds).toBe(90);
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe("Never");
    expect(pod.containers[0].command).toEqual(["./app", "migrate"]);
    expect(pod.containers[0]).not.toHaveProperty("livenessProbe");
  });

  it("defaults the deadline to 10 minutes", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const job: any = migrationJob(await modelOf(DB("{ command: [./migrate] }")));
    expect(job.spec.activeDeadlineSeconds).toBe(600);
  });

  it("labels its pods as its own instance, so the Service never selects them, but the network policy does", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const job: any = migrationJob(await modelOf(DB("{ command: [./migrate] }")));
    const labels = job.spec.template.metadata.labels;
    expect(labels["app.kubernetes.io/instance"]).toBe("orders-api-migrate");
    expect(labels["app.kubernetes.io/component"]).toBe("migration");
    expect(labels["app.kubernetes.io/name"]).toBe("orders-api");
    expect(job.metadata.labels["app.kubernetes.io/instance"]).toBe("orders-api-migrate");
  });

  it("is absent for startup or external migrations, and without a database", async () => {
    expect(migrationJob(await modelOf(DB("{ mode: startup }")))).toBeUndefined();
    expect(migrationJob(await modelOf(DB("{ mode: external }")))).toBeUndefined();
    expect(migrationJob(await modelOf(base()))).toBeUndefined();
  });

  it("keeps Polaris exemptions beside the hook annotations", async () => {
    const text = DB("{ command: [./migrate] }") + "checklist:\n  waivers:\n    - { rule: polaris/runAsRootAllowed, reason: vendor migration tool runs as root, expires: 2030-01-01 }\n";
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const job: any = migrationJob(await modelOf(text));
    expect(job.metadata.annotations["polaris.fairwinds.com/runAsRootAllowed-exempt"]).toBe("true");
    expect(job.metadata.annotations["argocd.argoproj.io/hook"]).toBe("PreSync");
  });
});

describe("cronJobs", () => {
  const JOBS =
    "scheduled_jobs:\n" +
    "  - { name: report, schedule: hourly, command: [./app, report], timeout: 150s }\n" +
    "  - { name: app-only, schedule: '*/5 * * * *' }\n" +
    "  - { name: cleanup, schedule: '0 3 * * *', command: [./app, cleanup] }\n";

  it("makes a CronJob of each scheduled job with a command, and none of one without", async () => {
    const out = cronJobs(await modelOf(base(JOBS)));
    expect(out.map((o) => o.file).sort()).toEqual(["cronjob-cleanup.yaml", "cronjob-report.yaml"]);
  });

  it("never overlaps runs, retries once, and runs the job's command with restartPolicy Never", async () => {
    const cron = objectIn(cronJobs(await modelOf(base(JOBS))), "cronjob-report.yaml");
    expect(cron.kind).toBe("CronJob");
    expect(cron.metadata.name).toBe("orders-api-report");
    expect(cron.spec.schedule).toBe("0 * * * *");
    expect(cron.spec.concurrencyPolicy).toBe("Forbid");
    const spec = cron.spec.jobTemplate.spec;
    expect(spec.backoffLimit).toBe(1);
    expect(spec.activeDeadlineSeconds).toBe(150);
    expect(spec.template.spec.restartPolicy).toBe("Never");
    expect(spec.template.spec.containers[0].command).toEqual(["./app", "report"]);
    expect(spec.template.metadata.labels).toMatchObject({ "app.kubernetes.io/component": "scheduled-job", "app.kubernetes.io/instance": "orders-api-report" });
  });

  it("sets no deadline when the job declares no timeout", async () => {
    const cron = objectIn(cronJobs(await modelOf(base(JOBS))), "cronjob-cleanup.yaml");
    expect(cron.spec.schedule).toBe("0 3 * * *");
    expect(cron.spec.jobTemplate.spec).not.toHaveProperty("activeDeadlineSeconds");
  });
});
