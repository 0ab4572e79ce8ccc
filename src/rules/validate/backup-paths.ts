import type { DataPath } from "../../diagnostics/diagnostic.js";
import type { Model } from "../../model/model.js";
import type { Schedule } from "../../model/schedule.js";
import type { ResolvedSpec } from "../../model/spec.js";

/** One backup schedule as the backup rules report on it: the Model's facts and where the manifest wrote them. */
export interface LocatedSchedule {
  label: string;
  schedule: Schedule;
  retentionSeconds: number;
  /** Where the schedule is written (the `backup` key when it is berth's default). */
  schedulePath: DataPath;
  retentionPath: DataPath;
  defaultSchedule: boolean;
  defaultRetention: boolean;
  /** The Model's schedule (covers, Velero scope). */
  normalized: NonNullable<Model["backup"]>["schedules"][number];
}

/** The enabled backup's schedules, main first, then extras in the order the manifest writes them. */
export function locatedSchedules(m: Model, spec: ResolvedSpec): LocatedSchedule[] {
  const backup = m.backup;
  if (!backup) return [];
  const written = spec.backup ?? {};
  const extras = written.extra_schedules ?? [];
  return [
    {
      label: "backup.schedule",
      schedule: backup.schedule,
      retentionSeconds: backup.retentionSeconds,
      schedulePath: written.schedule === undefined ? ["backup"] : ["backup", "schedule"],
      retentionPath: written.retention === undefined ? ["backup"] : ["backup", "retention"],
      defaultSchedule: written.schedule === undefined,
      defaultRetention: written.retention === undefined,
      normalized: backup.schedules[0]!,
    },
    ...extras.flatMap((extra, i) => {
      const normalized = backup.extraSchedules.find((s) => s.name === extra.name);
      if (!normalized) return [];
      return [
        {
          label: `extra schedule ${extra.name}`,
          schedule: normalized.schedule,
          retentionSeconds: normalized.retentionSeconds,
          schedulePath: ["backup", "extra_schedules", i, "schedule"],
          retentionPath: ["backup", "extra_schedules", i, "retention"],
          defaultSchedule: false,
          defaultRetention: false,
          normalized,
        },
      ];
    }),
  ];
}
