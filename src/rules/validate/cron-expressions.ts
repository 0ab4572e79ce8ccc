import { validationRule } from "../validation-rule.js";

/** Every schedule is a cron expression berth (and Velero, and Kubernetes) can read: normalization parsed each once. */
export const cronExpressions = validationRule({
  id: "cron-expressions",
  check({ model, spec, report }) {
    if (spec.backup?.schedule !== undefined && model.backup?.schedule.error) report("INVALID_CRON", ["backup", "schedule"], { detail: model.backup.schedule.error });
    spec.backup?.extra_schedules?.forEach((written, i) => {
      const error = model.backup?.extraSchedules.find((s) => s.name === written.name)?.schedule.error;
      if (error) report("INVALID_CRON", ["backup", "extra_schedules", i, "schedule"], { detail: error });
    });
    spec.scheduled_jobs?.forEach((written, i) => {
      const error = model.scheduledJobs.find((j) => j.name === written.name)?.schedule.error;
      if (error) report("INVALID_CRON", ["scheduled_jobs", i, "schedule"], { detail: error });
    });
  },
});
