/**
 * A manifest does not drive the user's terminal: what a message quotes from it (an unknown key, a
 * value) and the code frame's lines reach the terminal with escape sequences and bidirectional
 * controls escaped or shown as `·`, never as the bytes a terminal would act on.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/format-text.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/program.js";
import { BASE_YAML, load } from "../helpers.js";
import { fakeIO } from "../cli/fake-io.js";
import { tempDir } from "../support/tools.js";

// eslint-disable-next-line no-control-regex
const ACTS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe("text diagnostics and terminal control characters", () => {
  it("an unknown key holding ESC sequences and a right-to-left override is escaped in the message and the frame", async () => {
    // The message quoted the key raw: `\x1b[2J` cleared the screen, U+202E reversed what followed.
    const text = `${BASE_YAML}"r\u202eeplcas\x1b[2J\x1b]0;owned\x07": 2\n`;
    const loaded = await load(text);
    const d = loaded.diagnostics.find((x) => x.code === "UNKNOWN_KEY")!;
    const shown = formatDiagnostic(d, text);
    expect(shown).not.toMatch(ACTS);
    expect(shown.split("\n")[0]).toContain('unknown key "r\\u202eeplcas\\u001b[2J\\u001b]0;owned\\u0007"');
  });

  it.each(["text", "markdown"])("lint --format %s names an invalid manifest's service, and quotes messages, with escapes", async (format) => {
    // The summary line printed the invalid `name:` as written, and the Markdown table each message raw.
    const dir = tempDir("berth-ansi-");
    writeFileSync(join(dir, "service.yaml"), BASE_YAML.replace("name: orders-api", 'name: "a\x1b]0;owned\x07"') + '"r\u202eeplcas\x1b[2J": 2\n');
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["lint", "service.yaml", "--format", format], io)).toBe(1);
    expect(io.out + io.err).not.toMatch(ACTS);
    expect(io.out + io.err).toContain("a\\u001b]0;owned\\u0007 (service.yaml): NOT READY");
  }, 60_000);

  it("validate names a valid manifest whose file name holds an escape sequence, escaped", async () => {
    // The "✓ <file> is valid" line printed the name as the shell passed it.
    const dir = tempDir("berth-ansi-");
    writeFileSync(join(dir, "a\x1b[2Jb.yaml"), BASE_YAML);
    const io = fakeIO({ cwd: dir });
    expect(await runCli(["validate", "a\x1b[2Jb.yaml"], io)).toBe(0);
    expect(io.out).not.toMatch(ACTS);
    expect(io.out).toContain("a\\u001b[2Jb.yaml is valid");
  }, 60_000);
});
