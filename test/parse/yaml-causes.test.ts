/**
 * One error per mistake, where the mistake is (issue 18 items 3, 4, 6): an unquoted cron, a
 * misindented line and a tab each make the yaml library report a run of errors after them.
 */
import { describe, expect, it } from "vitest";
import { BASE_YAML, load } from "../helpers.js";

/** The diagnostics as `CODE@line:col`, and the first one. */
async function run(text: string) {
  const { diagnostics } = await load(text);
  return { at: diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`), first: diagnostics[0]! };
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

describe("unquoted values YAML reads as something else", () => {
  for (const [name, value, key] of [
    ["a cron with a step", "*/15 * * * *", "schedule"],
    ["an every-minute cron", "* * * * *", "schedule"],
    ["a cron shorthand", "@daily", "schedule"],
  ] as const) {
    it(`${name}: one error on the value, and the hint quotes it`, async () => {
      const text = BASE_YAML + `scheduled_jobs:\n  - name: sweep\n    ${key}: ${value}\n    command: [sweep]\n`;
      const { at, first } = await run(text);
      expect(at).toEqual([`YAML_UNQUOTED_VALUE@${lineOf(text, value)}:15`]);
      expect(first.message).toContain("cron expression");
      expect(first.hint).toBe(`Quote cron expressions: \`${key}: "${value}"\`.`);
    });
  }

  it("a value that is not a cron gets the same advice, without the cron wording", async () => {
    const { at, first } = await run(BASE_YAML + "description: *not an alias*\n");
    expect(at).toHaveLength(1);
    expect(first.code).toBe("YAML_UNQUOTED_VALUE");
    expect(first.message).not.toContain("cron");
    expect(first.hint).toBe('Quote the value: `description: "*not an alias*"`.');
  });

  it("a single word starting with `*` (an alias of no anchor) is that mistake too, not an alias-expansion limit", async () => {
    const text = BASE_YAML + "description: *new*\n";
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_UNQUOTED_VALUE@${lineOf(text, "*new*")}:14`]);
    expect(first.hint).toBe('Quote the value: `description: "*new*"`.');
  });
});

describe("a key and its value without `: ` between them", () => {
  it("no space after the colon: the message says so and the hint writes the line", async () => {
    const text = BASE_YAML + "replicas:2        # at least 2\n\nlogging: { format: json }\n";
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_MISSING_SEPARATOR@${lineOf(text, "replicas:2")}:1`]);
    expect(first.message).toContain("no space after the colon");
    expect(first.message).not.toContain("Implicit map keys");
    expect(first.hint).toBe("Add a space after the colon: `replicas: 2`.");
  });

  it("no colon at all; and in a block, where the scalar runs on into the next line", async () => {
    const text = BASE_YAML.replace("team: payments", "team payments");
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_MISSING_SEPARATOR@${lineOf(text, "team payments")}:1`]);
    expect(first.message).toContain("missing `: ` after the key");
    expect(first.hint).toBe("Add `: ` after the key: `team: payments`.");
    const nested = BASE_YAML + "resources:\n  requests:\n    cpu:100m\n    memory: 128Mi\n";
    const nestedRun = await run(nested);
    expect(nestedRun.at).toEqual([`YAML_MISSING_SEPARATOR@${lineOf(nested, "cpu:100m")}:5`]);
    expect(nestedRun.first.hint).toBe("Add a space after the colon: `cpu: 100m`.");
  });

  it("a line of one word is left to the parser's words (it may be a value that lost its indentation)", async () => {
    const { at } = await run(BASE_YAML + "description: a long\nsentence\n");
    expect(at.some((a) => a.startsWith("YAML_MISSING_SEPARATOR"))).toBe(false);
  });
});

describe("a plain value containing `: `", () => {
  it("is one error on the value, and the hint quotes it", async () => {
    const text = BASE_YAML + "description: What it does: in one sentence.   # a comment\nreplicas: 2\n";
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_COLON_IN_VALUE@${lineOf(text, "What it does")}:14`]);
    expect(first.message).toContain("contains `: `");
    expect(first.message).not.toContain("compact mappings");
    expect(first.hint).toBe('Quote the value: `description: "What it does: in one sentence."`.');
  });
});

describe("a key set twice", () => {
  it("names the key and the line of its first use, with the caret on the repeat", async () => {
    const text = BASE_YAML + "replicas: 2\nhealth_extra: 1\nreplicas: 3\n";
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_DUPLICATE_KEY@${lineOf(text, "replicas: 3")}:1`]);
    expect(first.message).toBe(`key "replicas" is set twice in this mapping; the first is on line ${lineOf(text, "replicas: 2")}`);
    expect(first.hint).toBe(`Each key may appear once in a mapping: remove this \`replicas\`, or merge it into the one on line ${lineOf(text, "replicas: 2")}.`);
  });

  it("in a nested block and in a flow mapping", async () => {
    const text = BASE_YAML + "resources:\n  requests: { cpu: 1, cpu: 2 }\n  limits:\n    memory: 1Gi\n    memory: 2Gi\n";
    const { diagnostics } = await load(text);
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.message}`)).toEqual([
      `YAML_DUPLICATE_KEY@${lineOf(text, "cpu: 2")}:23 key "cpu" is set twice in this mapping; the first is on line ${lineOf(text, "cpu: 1")}`,
      `YAML_DUPLICATE_KEY@${lineOf(text, "memory: 2Gi")}:5 key "memory" is set twice in this mapping; the first is on line ${lineOf(text, "memory: 1Gi")}`,
    ]);
  });
});

describe("a misindented line", () => {
  it("is reported once, on itself, however many siblings follow it", async () => {
    const siblings = ["url: { secret: db, key: url }", "ssl_mode: verify-full", "max_connections: 100", "query_timeout: 5s", "pool: { max: 10 }", "read_heavy: true"];
    const text = BASE_YAML + `database:\n engine: postgres\n${siblings.map((s) => `  ${s}\n`).join("")}`;
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_BAD_INDENT@${lineOf(text, " engine")}:2`]);
    expect(first.hint).toBe("Indent `engine` 2 spaces, like the other keys of `database`.");
  });

  it("in a list item's mapping, or as a list item", async () => {
    const key = BASE_YAML.replace("  - { name: metrics, port: 9090 }\n", "  - name: metrics\n    port: 9090\n   protocol: TCP\n");
    const keyRun = await run(key);
    expect(keyRun.at).toEqual([`YAML_BAD_INDENT@${lineOf(key, "   protocol")}:4`]);
    expect(keyRun.first.hint).toBe("Indent `protocol` 4 spaces, like the other keys of this `ports` item.");
    const item = BASE_YAML.replace("  - { name: metrics", "   - { name: metrics");
    const itemRun = await run(item);
    expect(itemRun.at).toEqual([`YAML_BAD_INDENT@${lineOf(item, "   - { name: metrics")}:4`]);
    expect(itemRun.first.message).toContain("list item");
  });

  it("a list item indented less than its siblings is one error, without the parser's words for what it read instead", async () => {
    const item = BASE_YAML.replace("  - { name: metrics", " - { name: metrics");
    const { at, first } = await run(item);
    expect(at).toEqual([`YAML_BAD_INDENT@${lineOf(item, " - { name: metrics")}:2`]);
    expect(first.message).toBe("this list item is indented 1 space; the other items of ports are indented 2 spaces");
    const scalars = BASE_YAML + "args:\n  - --port\n - '8080'\n  - --verbose\n";
    expect((await run(scalars)).at).toEqual([`YAML_BAD_INDENT@${lineOf(scalars, " - '8080'")}:2`]);
  });

  it("at the top level", async () => {
    const text = BASE_YAML.replace("team: payments", " team: payments");
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_BAD_INDENT@4:2`]);
    expect(first.hint).toContain("first column");
  });

  it("two mistakes in two blocks are two errors", async () => {
    const text = BASE_YAML.replace("  readiness:", "   readiness:") + "shutdown:\n  timeout: 30s\n drain: 5s\n";
    const { at } = await run(text);
    expect(at).toEqual([`YAML_BAD_INDENT@${lineOf(text, "   readiness")}:4`, `YAML_BAD_INDENT@${lineOf(text, " drain")}:2`]);
  });

  it("leaves other syntax errors as they are", async () => {
    const text = BASE_YAML + "shutdown:\n  timeout: 30s\n drain: 5s\nlogging: { format: json\n";
    const { at } = await run(text);
    expect(at[0]).toBe(`YAML_BAD_INDENT@${lineOf(text, " drain")}:2`);
    expect(at.slice(1).every((a) => a.startsWith("YAML_SYNTAX@"))).toBe(true);
    expect(at.length).toBeGreaterThan(1);
  });
});

describe("the search for a misindented line is bounded", () => {
  const block = (keys: number) => `${BASE_YAML}env:\n${Array.from({ length: keys }, (_, i) => `  K${i}: v\n`).join("")}`;
  const dedent = (text: string) => text.replace("  K50: v", " K50: v");

  it("finds the line in a block of a few hundred lines", async () => {
    const text = dedent(block(300));
    expect((await run(text)).at[0]).toBe(`YAML_BAD_INDENT@${lineOf(text, " K50")}:2`);
  });

  it("keeps the parser's first error when the block is too long to re-read (no wait on a huge file)", async () => {
    const text = dedent(block(3000));
    expect((await run(text)).at[0]).toBe(`YAML_SYNTAX@${lineOf(text, " K50")}:2`);
  }, 60_000);
});

describe("a tab", () => {
  it("is reported, without the errors it causes on the lines after it", async () => {
    const text = BASE_YAML.replace("  liveness:", "\tliveness:");
    expect((await run(text)).at).toEqual([`YAML_TAB_INDENT@${lineOf(text, "\tliveness")}:1`]);
    const value = BASE_YAML + "shutdown:\n  timeout: 30s\n\tdrain: 5s\n  grace_period: 60s\n";
    expect((await run(value)).at).toEqual([`YAML_TAB_INDENT@${lineOf(value, "\tdrain")}:1`]);
  });
});

describe("a stray token that ends the document (a `}` on its own line)", () => {
  it("is one error at the token, not one per token of every line after it", async () => {
    const text = "apiVersion: berth/v1\nkind: Service\n}\n" + BASE_YAML.split("\n").slice(2).join("\n");
    const { at, first } = await run(text);
    expect(at).toEqual([`YAML_SYNTAX@3:1`]);
    expect(first.message).toMatch(/^Unexpected flow-map-end token in YAML stream: "}"; nothing after it is read \(\d+ more errors follow from this one\)$/);
  });
});
