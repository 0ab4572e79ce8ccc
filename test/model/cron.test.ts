import { describe, expect, it } from "vitest";
import { parseCron } from "../../src/model/cron.js";

describe("parseCron", () => {
  it("expands shorthands, lists, ranges and steps", () => {
    const daily = parseCron("daily");
    expect(daily.ok && daily.schedule.expression).toBe("0 0 * * *");
    const r = parseCron("*/20 1-3,22 * JAN-MAR mon-fri");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.schedule.minutes).toEqual([0, 20, 40]);
    expect(r.schedule.hours).toEqual([1, 2, 3, 22]);
    expect(r.schedule.months).toEqual([1, 2, 3]);
    expect(r.schedule.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(r.schedule.domRestricted).toBe(false);
    expect(r.schedule.dowRestricted).toBe(true);
  });

  it("treats 7 as Sunday and 5/15 as a step from 5", () => {
    const r = parseCron("5/15 0 1 * 7");
    expect(r.ok && r.schedule.minutes).toEqual([5, 20, 35, 50]);
    expect(r.ok && r.schedule.daysOfWeek).toEqual([0]);
  });

  it.each([
    ["61 * * * *", /minute.*61 is outside 0-59/],
    ["* * *", /needs 5 fields/],
    ["0 2 * * funday", /not a number or name/],
    ["0 5-2 * * *", /runs backwards/],
    ["*/0 * * * *", /step must be at least 1/],
  ])("rejects %s", (text, message) => {
    expect(parseCron(text)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});
