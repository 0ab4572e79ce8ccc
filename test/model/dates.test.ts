import { describe, expect, it } from "vitest";
import { addDays } from "../../src/model/dates.js";

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
