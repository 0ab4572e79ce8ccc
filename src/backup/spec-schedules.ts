import { parseCron, type CronSchedule } from "../model/cron.js";
import { DEFAULTS } from "../model/defaults.js";
import type { ResolvedSpec } from "../model/spec.js";
import { parseDuration } from "../model/units.js";

/** One backup schedule as a rule sees it: parsed, with its retention and where each was written. */
export interface SpecSchedule {
  label: string;
  schedule: CronSchedule;
  retentionSeconds: number;
  /** Where the schedule is written (or the nearest key when it is the default). */
  schedulePath: Array<string | number>;
  retentionPath: Array<string | number>;
  /** True when the value is berth's default, not written in the manifest. */
  defaultSchedule: boolean;
  defaultRetention: boolean;
}

/**
 * The enabled backup's schedules (main first, then extras in manifest order), defaults applied.
 * Undefined when there is no enabled backup or a schedule does not parse (INVALID_CRON says so).
 */
export function specSchedules(spec: ResolvedSpec): SpecSchedule[] | undefined {
  const backup = spec.backup;
  if (!backup || backup.enabled === false) return undefined;
  const main = parseCron(backup.schedule ?? DEFAULTS.backup.schedule);
  if (!main.ok) return undefined;
  const out: SpecSchedule[] = [
    {
      label: "backup.schedule",
      schedule: main.schedule,
      retentionSeconds: parseDuration(backup.retention ?? DEFAULTS.backup.retention),
      schedulePath: backup.schedule === undefined ? ["backup"] : ["backup", "schedule"],
      retentionPath: backup.retention === undefined ? ["backup"] : ["backup", "retention"],
      defaultSchedule: backup.schedule === undefined,
      defaultRetention: backup.retention === undefined,
    },
  ];
  for (const [i, extra] of (backup.extra_schedules ?? []).entries()) {
    const parsed = parseCron(extra.schedule);
    if (!parsed.ok) return undefined;
    out.push({
      label: `extra schedule ${extra.name}`,
      schedule: parsed.schedule,
      retentionSeconds: parseDuration(extra.retention),
      schedulePath: ["backup", "extra_schedules", i, "schedule"],
      retentionPath: ["backup", "extra_schedules", i, "retention"],
      defaultSchedule: false,
      defaultRetention: false,
    });
  }
  return out;
}
