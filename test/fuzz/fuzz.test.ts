/**
 * A bounded sample of the hostile-input fuzz harness (harness.ts) on every run of the suite: a few
 * thousand generated manifests, each through load, lint and compile with the harness's properties.
 * Long runs: `npm run fuzz -- --runs 1000000` (scripts/fuzz.mjs). A failure prints fast-check's seed
 * and path; `npm run fuzz -- --seed <seed> --path <path>` replays it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseArbitrary, checkCase, loadBases } from "./harness.js";

const RUNS = Number(process.env.BERTH_FUZZ_RUNS ?? 2000);
const bases = loadBases();

describe("hostile input: generated mutations of every example", { timeout: 300_000 }, () => {
  it("covers every example, in YAML and in HCL", () => {
    expect(bases.length).toBeGreaterThanOrEqual(14);
    expect(new Set(bases.map((b) => b.format))).toEqual(new Set(["yaml", "hcl"]));
  });

  it(
    `${RUNS} cases: no exception, every rejection located, every acceptance compiles deterministically and conformantly, no planted credential anywhere`,
    async () => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(caseArbitrary(bases), async (c) => {
          if ((await checkCase(bases, c)).accepted) accepted++;
        }),
        { numRuns: RUNS },
      );
      // Both sides of the properties were exercised: some mutants still compile, most are refused.
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(RUNS);
    },
    300_000,
  );
});
