/**
 * Diagnostics are data until they are presented: producers give a code, a place and the facts;
 * `present` locates each data path once and renders the wording from the catalogue (or a rule).
 */
import { describe, expect, it } from "vitest";
import { CODES, hintFor, wordingOf } from "../../src/diagnostics/catalogue/index.js";
import type { DataPath, Problem } from "../../src/diagnostics/diagnostic.js";
import { problemAt, problemAtPosition } from "../../src/diagnostics/make.js";
import { present } from "../../src/diagnostics/present.js";

/** A source whose locator records every lookup and must be prepared first, like the fast YAML reader's. */
function countingSource() {
  const lookups: string[] = [];
  let prepared = false;
  return {
    lookups,
    source: {
      file: "service.yaml",
      locate(path: DataPath, target: "key" | "value" = "value") {
        if (!prepared) throw new Error("located before prepareLocator");
        lookups.push(`${path.join(".")}:${target}`);
        return { line: path.length + 1, col: target === "key" ? 3 : 9 };
      },
      async prepareLocator() {
        prepared = true;
      },
    },
  };
}

describe("present", () => {
  it("locates each data path once, after preparing the locator, and keeps known positions", async () => {
    const { source, lookups } = countingSource();
    const problems = [
      problemAt("service.yaml", "UNKNOWN_KEY", ["ports", 0, "nmae"], { key: "nmae", where: "ports[0]", guess: "name" }, { target: "key" }),
      problemAtPosition("service.yaml", "YAML_SYNTAX", { line: 7, col: 2 }, { detail: "Nested mappings are not allowed in compact mappings" }),
    ];
    const [first, second] = await present(problems, { source });
    expect(lookups).toEqual(["ports.0.nmae:key"]);
    expect(first).toMatchObject({ code: "UNKNOWN_KEY", line: 4, col: 3, path: "/ports/0/nmae", message: 'unknown key "nmae" in ports[0] (did you mean "name"?)', hint: 'Rename it to "name".' });
    expect(second).toMatchObject({ code: "YAML_SYNTAX", line: 7, col: 2, message: "Nested mappings are not allowed in compact mappings", hint: hintFor("YAML_SYNTAX") });
  });

  it("carries the facts beside the words, for tools", async () => {
    const [d] = await present([problemAtPosition("a.yaml", "FILE_TOO_LARGE", { line: 1, col: 1 }, { size: 2_000_000, limit: 1_048_576 })]);
    expect(d!.params).toEqual({ size: 2_000_000, limit: 1_048_576 });
    expect(d!.message).toBe("file is 2000000 bytes; the limit is 1048576 bytes");
  });

  it("adds the verdict's notes: the waiver that covers a finding, an expired waiver, the environments", async () => {
    const base = problemAtPosition("a.yaml", "BACKUP_NO_DRILL", { line: 3, col: 1 }, {}, { severity: "info" });
    const [waived] = await present([{ ...base, waiver: { expires: "2099-01-01", reason: "drill booked" } }]);
    const [expired] = await present([{ ...base, waiver: { expires: "2020-01-01", reason: "old", expired: true } }]);
    const [some] = await present([{ ...base, environments: ["staging"] }]);
    const plain = wordingOf("BACKUP_NO_DRILL", {}).message;
    expect(waived!.message).toBe(`${plain} — waived until 2099-01-01: drill booked`);
    expect(expired!.message).toBe(`${plain} (waiver expired 2020-01-01)`);
    expect(some!.message).toBe(`${plain} (in environment staging)`);
  });

  it("words a code outside the catalogue with the wording it is given, and refuses one nobody words", async () => {
    const finding: Problem = { code: "image-pinned", severity: "error", file: "a.yaml", position: { line: 5, col: 8 }, params: { tag: "latest" }, rule: "image-pinned" };
    const wording = (p: Problem) => (p.code === "image-pinned" ? { message: `the image uses the mutable tag ${p.params.tag}`, hint: "Pin it." } : undefined);
    const [d] = await present([finding], { wording });
    expect(d).toMatchObject({ message: "the image uses the mutable tag latest", hint: "Pin it." });
    await expect(present([finding])).rejects.toThrow(/no wording for diagnostic code image-pinned/);
  });

  it("sorts by file and position and drops exact repeats (one finding judged in two environments)", async () => {
    const at = (line: number) => problemAtPosition("a.yaml", "DISRUPTION_BOTH", { line, col: 1 }, {});
    const out = await present([at(9), at(2), at(9)]);
    expect(out.map((d) => d.line)).toEqual([2, 9]);
  });
});

describe("the catalogue", () => {
  it("gives every code a hint that reads as a sentence", () => {
    for (const code of Object.keys(CODES) as Array<keyof typeof CODES>) {
      expect(hintFor(code), code).toMatch(/^([A-Z`]|berth\b).*[.)]$/s);
    }
  });

  it("prefers the advice the facts allow over the default hint", () => {
    expect(wordingOf("UNKNOWN_KEY", { key: "imgae", guess: "image" }).hint).toBe('Rename it to "image".');
    expect(wordingOf("UNKNOWN_KEY", { key: "zzz", allowed: "name, port" }).hint).toBe("Allowed keys here: name, port.");
    expect(wordingOf("UNKNOWN_KEY", { key: "zzz" }).hint).toBe(hintFor("UNKNOWN_KEY"));
  });
});

describe("findings about something missing (issue 18.8)", () => {
  it("point at the block they belong to, or at the top of the document naming the missing path", async () => {
    const { lintManifest } = await import("../../src/lint/lint-manifest.js");
    const { BASE_YAML, load, positionOf } = await import("../helpers.js");
    // A leading comment: the top of the document is the first key, and the message must say what is missing.
    const text = `# orders service\n${BASE_YAML}`;
    const { findings } = await lintManifest(await load(text));
    const metrics = findings.find((f) => f.code === "metrics-scraped")!;
    expect(`${metrics.line}:${metrics.col}`).toBe(positionOf(text, "apiVersion"));
    expect(metrics.message).toContain("(`monitoring` is not in the manifest)");
  });

  it("a path inside a block that exists is shown at the block's key", async () => {
    const { source, lookups } = countingSource();
    const withData = { ...source, value: { health: { liveness: { path: "/healthz" } } } };
    const [d] = await present([problemAt("service.yaml", "DISRUPTION_BOTH", ["health", "readiness", "port"], {})], { source: withData });
    expect(lookups).toEqual(["health:key"]);
    expect(d!.message).toBe("disruption gives both min_available and max_unavailable (`health.readiness.port` is not in the manifest)");
  });
});
