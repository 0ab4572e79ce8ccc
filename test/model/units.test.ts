import { describe, expect, it } from "vitest";
import { formatDuration, parseCpu, parseDuration, parseMemory, parseRatio, resolveCountOrRatio } from "../../src/model/units.js";

describe("units", () => {
  it.each([
    ["500ms", 0.5],
    ["30s", 30],
    ["1h30m", 5400],
    ["30d", 2592000],
    ["2w", 1209600],
    ["1d2h3m4s5ms", 93784.005],
  ])("duration %s is %f seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it("formats durations canonically", () => {
    expect(formatDuration(90)).toBe("1m30s");
    expect(formatDuration(0.25)).toBe("250ms");
    expect(formatDuration(86400 * 30)).toBe("30d");
  });

  it("reads ratios, quantities and counts", () => {
    expect(parseRatio("99.9%")).toBeCloseTo(0.999);
    expect(parseCpu("250m").value).toBe(0.25);
    expect(parseCpu(2).value).toBe(2);
    expect(parseMemory("1Gi").value).toBe(2 ** 30);
    expect(parseMemory("500M").value).toBe(5e8);
    expect(resolveCountOrRatio("25%", 3, "up")).toBe(1);
    expect(resolveCountOrRatio("25%", 3, "down")).toBe(0);
    expect(resolveCountOrRatio(2, 10, "up")).toBe(2);
  });
});
