/**
 * The real spacing of a cron schedule's runs, in UTC (no daylight saving): the longest and the
 * shortest time between two consecutive runs. Backups promise a recovery point objective; the
 * longest gap is what the promise must survive (weekends, short months, leap days).
 *
 * The Gregorian calendar repeats every 400 years (146 097 days, a whole number of weeks), so
 * walking one such cycle day by day, cyclically, sees every combination of month length,
 * day-of-month and day-of-week a schedule can meet. Within a day, a schedule runs at the same
 * times whichever day it is, so each day costs one check per schedule. Schedules that ignore the
 * calendar (every month, any day of the month) repeat weekly, and one week is walked instead.
 */
import type { CronSchedule } from "./cron.js";

export interface CronGaps {
  /** The longest time between two consecutive runs, in seconds. */
  maxGapSeconds: number;
  /** The shortest time between two consecutive runs, in seconds (equal to max for a regular schedule). */
  minGapSeconds: number;
  /** When the longest gap starts: a weekday (0 = Sunday) and a UTC time of day, for messages. */
  longestFrom: { dayOfWeek: number; minuteOfDay: number };
}

const CYCLE_DAYS = 146097;
const DAY_MINUTES = 1440;
/** 2000-01-01, where the walk starts, was a Saturday; 2000 is a leap year (divisible by 400). */
const START_DOW = 6;

/**
 * Gaps between consecutive runs of the union of `schedules` (several schedules backing up the
 * same data count as one). `undefined` when no schedule ever runs (e.g. `0 0 30 2 *`).
 */
export function cronGaps(schedules: readonly CronSchedule[]): CronGaps | undefined {
  if (schedules.length === 0) return undefined;
  return walk(schedules);
}

/** Times of day (minutes after midnight) at which a schedule runs on a day it runs at all. */
function timesOfDay(s: CronSchedule): number[] {
  const out: number[] = [];
  for (const h of s.hours) for (const m of s.minutes) out.push(h * 60 + m);
  return out.sort((a, b) => a - b);
}

/** Cron's day rule: when both day fields are restricted a day matches if either does, otherwise both must. */
function runsOn(s: CronSchedule, month: number, dayOfMonth: number, dayOfWeek: number, sets: DaySets): boolean {
  if (!sets.months[month]) return false;
  const dom = sets.daysOfMonth[dayOfMonth] === 1;
  const dow = sets.daysOfWeek[dayOfWeek] === 1;
  return s.domRestricted && s.dowRestricted ? dom || dow : dom && dow;
}

/** Lookup tables (index = value): this check runs 146 097 times per schedule. */
interface DaySets {
  months: Uint8Array;
  daysOfMonth: Uint8Array;
  daysOfWeek: Uint8Array;
}

function table(values: readonly number[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (const v of values) out[v] = 1;
  return out;
}

/**
 * A schedule on every day of every month, or on weekdays only, repeats every week: walking one
 * week (cyclically) is enough, which is the common case (hourly, daily, weekdays, weekly).
 */
function repeatsWeekly(s: CronSchedule): boolean {
  return s.months.length === 12 && !s.domRestricted;
}

/** For the set of schedules running on one day: its first and last run, and its longest and shortest inner gap. */
interface DayShape {
  first: number;
  last: number;
  maxInner: number;
  minInner: number;
}

function shapeOf(times: number[]): DayShape {
  let maxInner = 0;
  let minInner = Infinity;
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > maxInner) maxInner = gap;
    if (gap < minInner) minInner = gap;
  }
  return { first: times[0]!, last: times[times.length - 1]!, maxInner, minInner };
}

function walk(schedules: readonly CronSchedule[]): CronGaps | undefined {
  const times = schedules.map(timesOfDay);
  const sets: DaySets[] = schedules.map((s) => ({
    months: table(s.months, 13),
    daysOfMonth: table(s.daysOfMonth, 32),
    daysOfWeek: table(s.daysOfWeek, 7),
  }));
  const cycleDays = schedules.every(repeatsWeekly) ? 7 : CYCLE_DAYS;
  // Days on which the same subset of schedules runs look alike: shape each subset once.
  const shapes = new Map<number, DayShape>();
  const shapeFor = (mask: number): DayShape => {
    let shape = shapes.get(mask);
    if (!shape) {
      const union = new Set<number>();
      times.forEach((t, i) => {
        if (mask & (1 << i)) for (const m of t) union.add(m);
      });
      shapes.set(mask, (shape = shapeOf([...union].sort((a, b) => a - b))));
    }
    return shape;
  };

  let firstRun = -1;
  let lastRun = -1;
  let maxGap = 0;
  let minGap = Infinity;
  let longestStart = -1;
  const consider = (gap: number, from: number) => {
    if (gap > maxGap) {
      maxGap = gap;
      longestStart = from;
    }
    if (gap < minGap) minGap = gap;
  };

  const visit = (index: number, month: number, day: number) => {
    const dow = (START_DOW + index) % 7;
    let mask = 0;
    for (let i = 0; i < schedules.length; i++) if (runsOn(schedules[i]!, month, day, dow, sets[i]!)) mask |= 1 << i;
    if (!mask) return;
    const shape = shapeFor(mask);
    const base = index * DAY_MINUTES;
    if (lastRun < 0) firstRun = base + shape.first;
    else consider(base + shape.first - lastRun, lastRun);
    if (shape.maxInner > 0) {
      if (shape.maxInner > maxGap) {
        maxGap = shape.maxInner;
        longestStart = base + longestInnerStart(shape, times, mask);
      }
      if (shape.minInner < minGap) minGap = shape.minInner;
    }
    lastRun = base + shape.last;
  };
  // Days that cannot match are skipped a month at a time: only a month some schedule names is walked.
  const anyMonth = new Uint8Array(13);
  for (const set of sets) for (let mo = 1; mo <= 12; mo++) anyMonth[mo] ||= set.months[mo]!;
  let index = 0;
  for (let year = 2000; index < cycleDays; year++) {
    for (let month = 1; month <= 12 && index < cycleDays; month++) {
      const length = daysInMonth(year, month);
      if (anyMonth[month]) for (let day = 1; day <= length && index + day - 1 < cycleDays; day++) visit(index + day - 1, month, day);
      index += length;
    }
  }
  if (lastRun < 0) return undefined;
  // The cycle repeats: the last run of one cycle is followed by the first run of the next.
  consider(firstRun + cycleDays * DAY_MINUTES - lastRun, lastRun);
  const start = longestStart % (cycleDays * DAY_MINUTES);
  return {
    maxGapSeconds: maxGap * 60,
    minGapSeconds: minGap * 60,
    longestFrom: { dayOfWeek: (START_DOW + Math.floor(start / DAY_MINUTES)) % 7, minuteOfDay: start % DAY_MINUTES },
  };
}

/** Where, within a day, the longest inner gap of a subset's merged times starts (rarely needed: messages only). */
function longestInnerStart(shape: DayShape, times: number[][], mask: number): number {
  const union = new Set<number>();
  times.forEach((t, i) => {
    if (mask & (1 << i)) for (const m of t) union.add(m);
  });
  const sorted = [...union].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! - sorted[i - 1]! === shape.maxInner) return sorted[i - 1]!;
  return shape.first;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** `Fri 02:00 UTC`: where a longest gap starts, for messages. */
export function describeRunStart(from: CronGaps["longestFrom"]): string {
  const hh = String(Math.floor(from.minuteOfDay / 60)).padStart(2, "0");
  const mm = String(from.minuteOfDay % 60).padStart(2, "0");
  return `${WEEKDAYS[from.dayOfWeek]} ${hh}:${mm} UTC`;
}

/**
 * The 6-field form (seconds first) CloudNativePG reads, from a 5-field expression. The runs are
 * the same; day-of-week is rewritten from its parsed values when it names 7 for Sunday, which the
 * Go cron parser behind CloudNativePG and Velero rejects.
 */
export function withSeconds(schedule: CronSchedule): string {
  return `0 ${portableCron(schedule)}`;
}

/** The 5-field expression with day-of-week `7` (Sunday) written as `0`, so Go's robfig/cron accepts it. */
export function portableCron(schedule: CronSchedule): string {
  const fields = schedule.expression.trim().split(/\s+/);
  if (/7/.test(fields[4]!)) fields[4] = compress(schedule.daysOfWeek);
  return fields.join(" ");
}

/** `[1,2,3,5]` → `1-3,5`. */
function compress(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    parts.push(j > i ? `${values[i]}-${values[j]}` : String(values[i]));
    i = j + 1;
  }
  return parts.join(",");
}
