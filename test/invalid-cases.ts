/**
 * The bad-input cases shared by invalid-fixtures.test.ts (in-process) and cli-bad-input.test.ts
 * (the real CLI): the fixtures in test/fixtures/invalid/, what each must produce
 * (test/fixtures/invalid/expected.json), and the oversized manifest generated at test time.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BASE_YAML } from "./helpers.js";

export const FIXTURE_DIR = fileURLToPath(new URL("./fixtures/invalid/", import.meta.url));
export const EXPECTED_FILE = "expected.json";

export interface Expectation {
  code: string;
  line: number;
  col: number;
  /** How many diagnostics in all, when the case pins it. */
  count?: number;
  /** What the fixture changes from the valid base manifest (for people). */
  what: string;
  /** Substrings the first diagnostic's message must contain / must not contain. */
  messageIncludes?: string[];
  messageExcludes?: string[];
  /** Substrings the first diagnostic's hint must contain. */
  hintIncludes?: string[];
  /** Credential text that must never appear in messages, JSON output or the terminal. */
  secrets?: string[];
  /** False when there is no text to frame (the file is not read, or is binary). */
  frame?: boolean;
  /** Not a file in the folder: written at test time (see generateCases). */
  generated?: boolean;
}

export type Expectations = Record<string, Expectation>;

export function readExpectations(): Expectations {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, EXPECTED_FILE), "utf8")) as Expectations;
}

/** Fixture file names in the folder (everything but expected.json). */
export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name !== EXPECTED_FILE)
    .sort();
}

/** Largest manifest berth reads (src/parse/decode.ts); restated so the test does not trust the code it tests. */
export const SIZE_LIMIT = 1024 * 1024;

/**
 * Writes the generated cases into a fresh temp dir and returns their paths by case name, and
 * a function that removes them.
 * FILE_TOO_LARGE: a valid manifest padded with comment lines to just over the 1 MiB limit,
 * generated rather than committed.
 */
export function generateCases(): { paths: Record<string, string>; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "berth-invalid-"));
  const name = "FILE_TOO_LARGE-generated.yaml";
  const padding = "# generated padding to exceed the manifest size limit .............................\n";
  const lines = Math.ceil((SIZE_LIMIT + 1 - Buffer.byteLength(BASE_YAML)) / padding.length);
  const text = BASE_YAML + padding.repeat(lines);
  if (Buffer.byteLength(text) <= SIZE_LIMIT) throw new Error("test setup: generated manifest is not over the limit");
  const path = join(dir, name);
  writeFileSync(path, text);
  return { paths: { [name]: path }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
