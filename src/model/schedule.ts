/**
 * A cron schedule as every reader needs it, worked out once during normalization: the canonical
 * text, its parsed fields, the spacing of its runs, and the two dialects generated objects carry.
 */
import { canonicalCron, parseCron, type CronSchedule } from "./cron.js";
import { cronGaps, portableCron, withSeconds, type CronGaps } from "./cron-gap.js";

export interface Schedule {
  /** The 5-field form with shorthands expanded and single spaces (`daily` → `0 0 * * *`). */
  expression: string;
  /** Why the text is not a cron expression (then there is nothing else); rules report it. */
  error?: string;
  cron?: CronSchedule;
  /** The 5-field form Go's robfig/cron (Velero) accepts: day-of-week 7 written as 0. */
  portable?: string;
  /** The 6-field form (seconds first) CloudNativePG reads. */
  withSeconds?: string;
  /** Spacing of the runs; undefined when it never runs (or was not asked for). */
  gaps?: CronGaps;
}

/** Parses a schedule once; `spacing` also walks the calendar for the gaps between runs (backups need it, jobs do not). */
export function toSchedule(text: string, spacing: boolean): Schedule {
  const expression = canonicalCron(text);
  const parsed = parseCron(text);
  if (!parsed.ok) return { expression, error: parsed.message };
  const gaps = spacing ? cronGaps([parsed.schedule]) : undefined;
  return {
    expression,
    cron: parsed.schedule,
    portable: portableCron(parsed.schedule),
    withSeconds: withSeconds(parsed.schedule),
    ...(gaps ? { gaps } : {}),
  };
}

/** The gaps of several schedules taken together (all backing up the same data); undefined if any is invalid or none runs. */
export function combinedGaps(schedules: readonly Schedule[]): CronGaps | undefined {
  if (schedules.some((s) => !s.cron)) return undefined;
  return cronGaps(schedules.map((s) => s.cron!));
}
