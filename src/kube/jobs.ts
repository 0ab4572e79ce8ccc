import { APPLY_FIRST_LABEL } from "../model/conventions.js";
import type { Model } from "../model/model.js";
import { envData, filesData } from "./config-maps.js";
import { polarisExemptions } from "./exemptions.js";
import { metadata, podTemplateMetadata } from "./names.js";
import type { KubeObject, NamedObject } from "./object.js";
import { podSpec, type PodRefs } from "./pod-spec.js";

/** Argo CD runs PreSync hooks by sync wave: what the Job reads (wave -1) exists before the Job (wave 0). */
const HOOK = { "argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation" };
export const HOOK_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";
const RESOURCE_HOOK = { ...HOOK, [HOOK_WAVE_ANNOTATION]: "-1" };

function migrationRefs(m: Model): PodRefs {
  return { serviceAccount: m.names.migrationServiceAccount, envConfigMap: m.names.migrationEnvConfigMap, filesConfigMap: m.names.migrationFilesConfigMap };
}

function migrating(m: Model): boolean {
  const migrations = m.database?.migrations;
  return migrations?.mode === "job" && !!migrations.command;
}

function hookMetadata(m: Model, kind: "ServiceAccount" | "ConfigMap" | "Job", name: string, annotations: Record<string, string>, versioned = false) {
  const meta = metadata(m, kind, name, { component: "migration", instance: m.names.migrationJob, annotations, versioned });
  return { ...meta, labels: { ...meta.labels, [APPLY_FIRST_LABEL]: "true" } };
}

/**
 * What the migration Job reads, as hooks of their own that run before it: its ServiceAccount and
 * ConfigMaps. The service's own ServiceAccount and ConfigMaps do not exist yet when a first install's
 * pre-install (Helm) or PreSync (Argo CD) hook runs, and admission rejects a pod whose ServiceAccount
 * is missing.
 */
export function migrationHookResources(m: Model): NamedObject[] {
  if (!migrating(m)) return [];
  const refs = migrationRefs(m);
  const out: NamedObject[] = [];
  const saAnnotations = m.security.serviceAccountAnnotations;
  out.push({
    file: "serviceaccount-migrate.yaml",
    object: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: hookMetadata(m, "ServiceAccount", refs.serviceAccount, { ...saAnnotations, ...RESOURCE_HOOK }),
      automountServiceAccountToken: m.security.serviceAccountToken,
    },
  });
  if (m.env.length) {
    out.push({ file: "configmap-migrate-env.yaml", object: { apiVersion: "v1", kind: "ConfigMap", metadata: hookMetadata(m, "ConfigMap", refs.envConfigMap, RESOURCE_HOOK), data: envData(m) } });
  }
  const files = filesData(m);
  if (Object.keys(files).length) {
    out.push({ file: "configmap-migrate-files.yaml", object: { apiVersion: "v1", kind: "ConfigMap", metadata: hookMetadata(m, "ConfigMap", refs.filesConfigMap, RESOURCE_HOOK), data: files } });
  }
  return out;
}

/**
 * The migration Job: runs once, before the new version, as an Argo CD PreSync hook (the Helm
 * chart makes it a pre-install/pre-upgrade hook instead). Never on every replica.
 */
export function migrationJob(m: Model): KubeObject | undefined {
  const migrations = m.database?.migrations;
  if (!migrating(m) || !migrations?.command) return undefined;
  const name = m.names.migrationJob;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: hookMetadata(m, "Job", name, { ...polarisExemptions(m), ...HOOK }, true),
    spec: {
      backoffLimit: migrations.backoffLimit,
      activeDeadlineSeconds: Math.ceil(migrations.timeoutSeconds),
      template: {
        metadata: podTemplateMetadata(m, "migration", name),
        spec: podSpec(m, {
          server: false,
          command: migrations.command,
          restartPolicy: "Never",
          refs: migrationRefs(m),
          claims: false,
          ...(migrations.image ? { image: migrations.image.reference } : {}),
          ...(migrations.resources ? { resources: migrations.resources } : {}),
        }),
      },
    },
  };
}

/** Scheduled jobs with a command run as CronJobs (by default never overlapping), each in its own image and size when it declares them. */
export function cronJobs(m: Model): NamedObject[] {
  const names = m.names;
  return m.scheduledJobs
    .filter((job) => job.command)
    .map((job) => ({
      file: `cronjob-${job.name}.yaml`,
      object: {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: metadata(m, "CronJob", names.cronJobs[job.name]!, { component: "scheduled-job", instance: names.cronJobs[job.name]!, annotations: polarisExemptions(m), versioned: true }),
        spec: {
          schedule: job.schedule.expression,
          concurrencyPolicy: job.concurrencyPolicy,
          ...(job.history.successful !== undefined ? { successfulJobsHistoryLimit: job.history.successful } : {}),
          ...(job.history.failed !== undefined ? { failedJobsHistoryLimit: job.history.failed } : {}),
          jobTemplate: {
            spec: {
              backoffLimit: job.backoffLimit,
              ...(job.timeoutSeconds !== undefined ? { activeDeadlineSeconds: Math.ceil(job.timeoutSeconds) } : {}),
              template: {
                metadata: podTemplateMetadata(m, "scheduled-job", names.cronJobs[job.name]!),
                spec: podSpec(m, {
                  server: false,
                  command: job.command!,
                  restartPolicy: "Never",
                  ...(job.image ? { image: job.image.reference } : {}),
                  ...(job.resources ? { resources: job.resources } : {}),
                }),
              },
            },
          },
        },
      },
    }));
}
