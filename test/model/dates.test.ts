import { describe, expect, it } from "vitest";
import { addDays, isCalendarDate } from "../../src/model/dates.js";
import { manifestSchema } from "../../src/schema/manifest-schema.js";

describe("addDays: calendar arithmetic without the clock", () => {
  // The reference is Date.UTC, used here only (the Model may not read Date).
  const reference = (date: string, days: number) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days)).toISOString().slice(0, 10);
  it.each([
    ["2026-10-14", 90],
    ["2024-02-28", 1],
    ["2023-02-28", 1],
    ["2026-12-31", 1],
    ["2000-02-29", 365],
    ["1999-12-31", 366],
    ["2026-01-01", 0],
    ["2026-03-01", -1],
  ])("%s + %i days", (date, days) => {
    expect(addDays(date, days)).toBe(reference(date, days));
  });
  it("agrees with Date.UTC for every day of four years", () => {
    for (let i = 0; i < 4 * 366; i++) expect(addDays("2024-01-01", i)).toBe(reference("2024-01-01", i));
  });
});

describe("isCalendarDate: the days the calendar has, as the schema's date pattern says", () => {
  const pattern = new RegExp((manifestSchema.$defs.date as { pattern: string }).pattern);
  // Every month 00 to 13 and day 00 to 32 of years around 2000 and of the century rules (1900, 2100: no February 29).
  const candidates = [1899, 1900, 1996, 1999, 2000, 2023, 2024, 2026, 2027, 2028, 2100, 2400, 9999].flatMap((y) =>
    Array.from({ length: 14 * 33 }, (_, i) => `${y}-${String(Math.floor(i / 33)).padStart(2, "0")}-${String(i % 33).padStart(2, "0")}`),
  );
  const exists = (date: string) => {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const utc = new Date(Date.UTC(2000, m - 1, d));
    utc.setUTCFullYear(y);
    return m >= 1 && m <= 12 && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
  };
  it("rejects impossible dates and accepts real ones, leap days included", () => {
    for (const date of ["2026-13-45", "9999-99-99", "2026-02-30", "2026-02-29", "2100-02-29", "2026-04-31", "2026-00-10", "2026-01-00", "26-1-1", "2026-1-01", ""]) expect(isCalendarDate(date), date).toBe(false);
    for (const date of ["2026-12-01", "2028-02-29", "2000-02-29", "2026-04-30", "2026-12-31", "0001-01-01"]) expect(isCalendarDate(date), date).toBe(true);
  });
  it("agrees with Date.UTC and with the schema's pattern on every candidate", () => {
    for (const date of candidates) {
      expect(isCalendarDate(date), date).toBe(exists(date));
      expect(pattern.test(date), date).toBe(exists(date));
    }
  });
});
