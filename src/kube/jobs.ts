import type { Model } from "../model/model.js";
import { polarisExemptions } from "./exemptions.js";
import { commonLabels, metadata } from "./names.js";
import type { KubeObject, NamedObject } from "./object.js";
import { podSpec } from "./pod-spec.js";

/**
 * The migration Job: runs once, before the new version, as an Argo CD PreSync hook (the Helm
 * chart makes it a pre-install/pre-upgrade hook instead). Never on every replica.
 */
export function migrationJob(m: Model): KubeObject | undefined {
  const migrations = m.database?.migrations;
  if (migrations?.mode !== "job" || !migrations.command) return undefined;
  const name = m.names.migrationJob;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: metadata(m, name, {
      component: "migration",
      instance: name,
      annotations: { ...polarisExemptions(m), "argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation" },
      versioned: true,
    }),
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: Math.ceil(migrations.timeoutSeconds),
      template: {
        metadata: { labels: commonLabels(m, "migration", name, true) },
        spec: podSpec(m, { server: false, command: migrations.command, restartPolicy: "Never" }),
      },
    },
  };
}

/** Scheduled jobs with a command run as CronJobs that never overlap. */
export function cronJobs(m: Model): NamedObject[] {
  const names = m.names;
  return m.scheduledJobs
    .filter((job) => job.command)
    .map((job) => ({
      file: `cronjob-${job.name}.yaml`,
      object: {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: metadata(m, names.cronJobs[job.name]!, { component: "scheduled-job", instance: names.cronJobs[job.name]!, annotations: polarisExemptions(m), versioned: true }),
        spec: {
          schedule: job.schedule.expression,
          concurrencyPolicy: "Forbid",
          jobTemplate: {
            spec: {
              backoffLimit: 1,
              ...(job.timeoutSeconds !== undefined ? { activeDeadlineSeconds: Math.ceil(job.timeoutSeconds) } : {}),
              template: {
                metadata: { labels: commonLabels(m, "scheduled-job", names.cronJobs[job.name]!, true) },
                spec: podSpec(m, { server: false, command: job.command!, restartPolicy: "Never" }),
              },
            },
          },
        },
      },
    }));
}
