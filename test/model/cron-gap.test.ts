import { describe, expect, it } from "vitest";
import { parseCron } from "../../src/model/cron.js";
import { cronGaps, describeRunStart, portableCron, withSeconds } from "../../src/model/cron-gap.js";

const schedule = (text: string) => {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.schedule;
};
const gaps = (...texts: string[]) => cronGaps(texts.map(schedule));
const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

describe("cronGaps: the longest and shortest time between consecutive runs (UTC)", () => {
  it.each([
    ["hourly", HOUR, HOUR],
    ["daily", DAY, DAY],
    ["0 2 * * *", DAY, DAY],
    ["0 */4 * * *", 4 * HOUR, 4 * HOUR],
    ["weekly", 7 * DAY, 7 * DAY],
    ["* * * * *", MIN, MIN],
    ["30 1 * * *", DAY, DAY],
  ])("%s runs at most %i s apart (at least %i s)", (text, max, min) => {
    expect(gaps(text)).toMatchObject({ maxGapSeconds: max, minGapSeconds: min });
  });

  it("weekdays only: the weekend makes the longest gap three days, from Friday", () => {
    const g = gaps("0 2 * * 1-5")!;
    expect(g).toMatchObject({ maxGapSeconds: 3 * DAY, minGapSeconds: DAY });
    expect(describeRunStart(g.longestFrom)).toBe("Fri 02:00 UTC");
  });

  it("*/7 minutes: 7 minutes within the hour, 4 minutes across it (:56 → :00)", () => {
    const g = gaps("*/7 * * * *")!;
    expect(g).toMatchObject({ maxGapSeconds: 7 * MIN, minGapSeconds: 4 * MIN });
  });

  it("*/25 minutes: 25 within the hour, 10 across it (:50 → :00)", () => {
    expect(gaps("*/25 * * * *")).toMatchObject({ maxGapSeconds: 25 * MIN, minGapSeconds: 10 * MIN });
  });

  it("monthly: 31 days at most (January → February), 28 at least (February → March)", () => {
    expect(gaps("monthly")).toMatchObject({ maxGapSeconds: 31 * DAY, minGapSeconds: 28 * DAY });
  });

  it("day 31 only: months without a 31st make gaps of 61 days (e.g. Aug 31 → Oct 31)", () => {
    expect(gaps("0 0 31 * *")).toMatchObject({ maxGapSeconds: 61 * DAY, minGapSeconds: 31 * DAY });
  });

  it("February 29: every 4 years, 8 across a century year that is not a leap year (2096 → 2104)", () => {
    const eight = (Date.UTC(2104, 1, 29) - Date.UTC(2096, 1, 29)) / 1000;
    const four = (Date.UTC(2004, 1, 29) - Date.UTC(2000, 1, 29)) / 1000;
    expect(gaps("0 0 29 2 *")).toMatchObject({ maxGapSeconds: eight, minGapSeconds: four });
  });

  it("both day fields restricted: a day matches either (the 1st OR a Monday)", () => {
    // Mondays alone are 7 days apart; a 1st falling mid-week splits a week, down to 1 day (Mon → Tue 1st).
    expect(gaps("0 0 1 * 1")).toMatchObject({ maxGapSeconds: 7 * DAY, minGapSeconds: DAY });
  });

  it("one day field restricted: the other must match too (`*` day-of-month, Fridays only)", () => {
    expect(gaps("0 0 * * 5")).toMatchObject({ maxGapSeconds: 7 * DAY, minGapSeconds: 7 * DAY });
  });

  it("day-of-month range AND month restriction: the 1st-7th of January only → a yearly gap", () => {
    const g = gaps("0 0 1-7 1 *")!;
    expect(g.minGapSeconds).toBe(DAY);
    // Jan 7 → Jan 1 of the next year: 359 days, or 360 after a leap year's February.
    expect(g.maxGapSeconds).toBe(360 * DAY);
  });

  it("Friday the 13th OR-semantics: the 13th or any Friday, never more than a week apart", () => {
    expect(gaps("0 0 13 * 5")!.maxGapSeconds).toBe(7 * DAY);
  });

  it("Sunday as 7 equals Sunday as 0", () => {
    expect(gaps("0 0 * * 7")).toEqual(gaps("0 0 * * 0"));
  });

  it("several schedules count as one: daily at 02:00 plus every 4 hours leaves 4-hour gaps (02:00 falls inside)", () => {
    expect(gaps("0 2 * * *", "0 */4 * * *")).toMatchObject({ maxGapSeconds: 4 * HOUR, minGapSeconds: 2 * HOUR });
    expect(gaps("0 2 * * 1-5", "0 3 * * 0,6")).toMatchObject({ maxGapSeconds: 25 * HOUR, minGapSeconds: 23 * HOUR });
  });

  it("a schedule that never runs (February 30) has no gaps", () => {
    expect(gaps("0 0 30 2 *")).toBeUndefined();
    expect(cronGaps([])).toBeUndefined();
  });

  // An independent oracle: every run time of the 400-year cycle, from JavaScript's own calendar
  // (Date.UTC), sorted; the gaps between neighbours, counted cyclically. Its cost is the benchmark's
  // business (validation runs it), not a unit test's.
  it.each([["17 3 */3 * 2,4"], ["0 6 1,15 * *"], ["0 0 29 2 *"], ["0 2 31 * *"], ["0 2 * * 1-5", "0 3 * 2 0,6"]].map((t) => [t.join(" + "), t] as const))(
    "agrees with a run-by-run walk of the Gregorian cycle (%s)",
    (_label, texts) => {
      const runs: number[] = [];
      const start = Date.UTC(2000, 0, 1);
      for (let day = 0; day < 146097; day++) {
        const date = new Date(start + day * DAY * 1000);
        for (const s of texts.map(schedule)) {
          const dom = s.daysOfMonth.includes(date.getUTCDate());
          const dow = s.daysOfWeek.includes(date.getUTCDay());
          const runsToday = s.months.includes(date.getUTCMonth() + 1) && (s.domRestricted && s.dowRestricted ? dom || dow : dom && dow);
          if (runsToday) for (const h of s.hours) for (const m of s.minutes) runs.push(day * DAY + h * HOUR + m * MIN);
        }
      }
      const times = [...new Set(runs)].sort((a, b) => a - b);
      const between = times.map((t, i) => (i === 0 ? times[0]! + 146097 * DAY - times[times.length - 1]! : t - times[i - 1]!));
      expect(gaps(...texts)).toMatchObject({ maxGapSeconds: Math.max(...between), minGapSeconds: Math.min(...between) });
    },
    60_000,
  );
});

describe("6-field and portable forms", () => {
  it("prefixes seconds for CloudNativePG", () => {
    expect(withSeconds(schedule("0 2 * * *"))).toBe("0 0 2 * * *");
    expect(withSeconds(schedule("daily"))).toBe("0 0 0 * * *");
  });
  it("writes Sunday as 0 (Go's cron rejects 7)", () => {
    expect(portableCron(schedule("0 0 * * 7"))).toBe("0 0 * * 0");
    expect(portableCron(schedule("0 0 * * 5-7"))).toBe("0 0 * * 0,5-6");
    expect(portableCron(schedule("0 2 * * 1-5"))).toBe("0 2 * * 1-5");
  });
});
