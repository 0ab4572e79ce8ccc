import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { unifiedDiff } from "../src/output/unified-diff.js";

// Runs fast-check properties: never on vitest's 5 s default (enforced by test/architecture/timeouts.test.ts).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** Applies a unified diff to `before`, checking every context and removed line on the way. */
function applyPatch(before: string, patch: string): string {
  const source = before.split("\n");
  if (source[source.length - 1] === "") source.pop();
  const out: string[] = [];
  let cursor = 0;
  const lines = patch.split("\n").slice(2);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i]!);
    if (!header) continue;
    const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (cursor < start) out.push(source[cursor++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith("@@"); i++) {
      const [op, text] = [lines[i]![0], lines[i]!.slice(1)];
      if (op === "+") out.push(text);
      else if (op === " " || op === "-") {
        expect(source[cursor]).toBe(text);
        cursor++;
        if (op === " ") out.push(text);
      }
    }
    i--;
  }
  while (cursor < source.length) out.push(source[cursor++]!);
  return out.length ? out.join("\n") + "\n" : "";
}

describe("unifiedDiff", () => {
  it("shows a one-line change with three lines of context", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    expect(unifiedDiff("x.yaml", before, before.replace("e", "E"))).toBe(
      "--- a/x.yaml\n+++ b/x.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n",
    );
  });

  it("turns any text into any other", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f", ""), { maxLength: 30 }).map((lines) => (lines.length ? lines.join("\n") + "\n" : ""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyPatch(before, unifiedDiff("f", before, after))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });
});
