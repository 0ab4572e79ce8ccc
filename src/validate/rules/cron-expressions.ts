import { parseCron } from "../../model/cron.js";
import type { ManifestRule } from "../rule.js";

/** Every schedule is a cron expression berth (and Velero, and Kubernetes) can read. */
export const cronExpressions: ManifestRule = {
  id: "cron-expressions",
  scope: "environment",
  check({ spec, report }) {
    const check = (text: string | undefined, path: Array<string | number>) => {
      if (text === undefined) return;
      const parsed = parseCron(text);
      if (!parsed.ok) report("INVALID_CRON", path, parsed.message);
    };
    check(spec.backup?.schedule, ["backup", "schedule"]);
    spec.backup?.extra_schedules?.forEach((s, i) => check(s.schedule, ["backup", "extra_schedules", i, "schedule"]));
    spec.scheduled_jobs?.forEach((job, i) => check(job.schedule, ["scheduled_jobs", i, "schedule"]));
  },
};
