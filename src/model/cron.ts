/**
 * A 5-field cron parser (minute hour day-of-month month day-of-week), with the shorthands
 * berth accepts. It yields the set of values each field allows, which is what both validation
 * and the backup RPO check (longest gap between runs) need.
 */

export interface CronSchedule {
  /** The 5-field form, e.g. `0 2 * * *` for `daily`. */
  expression: string;
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** 0 = Sunday. */
  daysOfWeek: number[];
  /** Cron's rule: when both day fields are restricted, a day matches if either does. */
  domRestricted: boolean;
  dowRestricted: boolean;
}

export type CronResult = { ok: true; schedule: CronSchedule } | { ok: false; message: string };

export const CRON_SHORTHANDS: Record<string, string> = {
  hourly: "0 * * * *",
  daily: "0 0 * * *",
  weekly: "0 0 * * 0",
  monthly: "0 0 1 * *",
};

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  { name: "day-of-week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
] as const;

/** Shorthands (`daily`) become their 5-field form, and spacing is made canonical. */
export function canonicalCron(text: string): string {
  const trimmed = text.trim();
  return CRON_SHORTHANDS[trimmed.replace(/^@/, "")] ?? trimmed.split(/\s+/).join(" ");
}

/** Parses a cron text. Only normalization calls it (src/model/schedule.ts): every other reader reads the Model's `Schedule`. */
export function parseCron(text: string): CronResult {
  const trimmed = text.trim();
  const expression = CRON_SHORTHANDS[trimmed.replace(/^@/, "")] ?? trimmed;
  const parts = expression.split(/\s+/);
  if (parts.length !== 5) return { ok: false, message: `cron needs 5 fields, "${text}" has ${parts.length}` };
  const sets: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const field = parseField(parts[i]!, FIELDS[i]!);
    if (typeof field === "string") return { ok: false, message: `cron ${FIELDS[i]!.name} field "${parts[i]}": ${field}` };
    sets.push(field);
  }
  const dow = [...new Set(sets[4]!.map((d) => d % 7))].sort((a, b) => a - b);
  return {
    ok: true,
    schedule: {
      expression,
      minutes: sets[0]!,
      hours: sets[1]!,
      daysOfMonth: sets[2]!,
      months: sets[3]!,
      daysOfWeek: dow,
      domRestricted: parts[2] !== "*" && parts[2] !== "?",
      dowRestricted: parts[4] !== "*" && parts[4] !== "?",
    },
  };
}

type Field = (typeof FIELDS)[number];

function parseField(text: string, field: Field): number[] | string {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^(\*|\?|[0-9a-zA-Z]+(?:-[0-9a-zA-Z]+)?)(?:\/([0-9]+))?$/.exec(part);
    if (!match) return `"${part}" is not a value, range or step`;
    const step = match[2] === undefined ? 1 : Number(match[2]);
    if (step < 1) return "a step must be at least 1";
    let lo: number;
    let hi: number;
    if (match[1] === "*" || match[1] === "?") [lo, hi] = [field.min, field.max === 7 ? 6 : field.max];
    else {
      const [a, b] = match[1]!.split("-");
      const start = value(a!, field);
      const end = b === undefined ? (match[2] === undefined ? start : field.max) : value(b, field);
      if (typeof start === "string") return start;
      if (typeof end === "string") return end;
      if (end < start) return `range ${start}-${end} runs backwards`;
      [lo, hi] = [start, end];
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function value(text: string, field: Field): number | string {
  const named = "names" in field ? (field.names as readonly string[]).indexOf(text.toLowerCase()) : -1;
  const n = named >= 0 ? named + field.min : /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n)) return `"${text}" is not a number${"names" in field ? " or name" : ""}`;
  if (n < field.min || n > field.max) return `${n} is outside ${field.min}-${field.max}`;
  return n;
}
