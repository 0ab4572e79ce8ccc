/**
 * Hostile input at the parse stage (issue 12, classes 1 and 2): whatever a reader's library can be
 * talked into producing, the pipeline returns located diagnostics or plain data, never throws, and
 * berth's own HCL scan always finishes.
 */
import { describe, expect, it } from "vitest";
import { scanHcl } from "../../src/parse/hcl-scan.js";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

const BASE_HCL = `apiVersion = "berth/v1"
kind       = "Service"
name       = "orders-api"
team       = "payments"
image      = "ghcr.io/acme/orders-api:2.1.0"
port "http" {
  port = 8080
}
health {
  liveness { path = "/healthz" }
  readiness { path = "/readyz" }
}
`;

/** A value is plain when it is what JSON can hold: no symbols, buffers, sets, maps or dates. */
function isPlain(value: unknown): boolean {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlain);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as object).every(isPlain);
}

describe("YAML 1.1 tags and directives never yield non-plain data", () => {
  // Each tag the yaml library knows from YAML 1.1, as a value and (with a %YAML 1.1 directive) under 1.1's own schema.
  const tagged = ["!!merge <<", "!!binary aGVsbG8=", "!!set { a, b }", "!!omap [ { a: 1 } ]", "!!pairs [ { a: 1 } ]", "!!timestamp 2001-12-14", "<<", "2001-12-14t21:59:43.10-05:00", "0b101", "1_000"];
  const texts = tagged.flatMap((value) => {
    const at = `description: ${value}\n`;
    return [BASE_YAML + at, "%YAML 1.1\n---\n" + BASE_YAML + at, BASE_YAML + `annotations:\n  a: ${value}\n`];
  });

  it.each(texts)("%j is rejected with a location or read as plain data", async (text) => {
    const result = await load(text);
    for (const d of result.diagnostics) expect(d.line >= 1 && d.col >= 1, `${d.code} located`).toBe(true);
    expect(isPlain(result.source?.value ?? null)).toBe(true);
  });

  it("reports a merge tag used as a value at the tag", async () => {
    const text = BASE_YAML + "replicas: !!merge <<\n";
    expect(codesAt(await load(text))).toEqual([`YAML_SYNTAX@${positionOf(text, "!!merge")}`]);
  });

  it("does not turn `<<` into a merge under a %YAML 1.1 directive: it is an unknown key", async () => {
    const text = "%YAML 1.1\n---\n" + BASE_YAML + "x: &base { replicas: 2 }\n<<: *base\n";
    expect((await load(text)).diagnostics.map((d) => d.code)).toContain("UNKNOWN_KEY");
  });
});

describe("HCL blocks written with and without their label", () => {
  it.each([
    ['port "metrics" { port = 9090 }\nport { port = 9091 }\n', "port { port = 9091 }"],
    // The odd one is the one of fewer blocks (port "http" below is labelled too), wherever it stands.
    ['port { port = 9091 }\nport "metrics" { port = 9090 }\n', "port { port = 9091 }"],
    ['environment "staging" { replicas = 1 }\nenvironment { replicas = 2 }\n', "environment { replicas = 2 }"],
    ['environment { replicas = 2 }\nenvironment "staging" { replicas = 1 }\nenvironment "production" { replicas = 3 }\n', "environment { replicas = 2 }"],
    ['secret "A" {\n  secret = "s"\n  key = "k"\n}\nsecret {\n  secret = "s"\n  key = "k"\n}\n', "secret {"],
    // The reference says which way a collection's blocks are written: an environment carries its label,
    // a waiver none, whichever comes first and however many are written the other way.
    ['environment { replicas = 2 }\nenvironment "staging" { replicas = 1 }\n', "environment { replicas = 2 }"],
    ["port { port = 9091 }\nport { port = 9092 }\n", "port { port = 9091 }"],
    ['checklist {\n  waiver "min-replicas" {\n    reason = "a reason long enough"\n  }\n  waiver {\n    rule = "x"\n  }\n}\n', 'waiver "min-replicas"'],
  ])("%j is a located error at the block that differs", async (add, at) => {
    const text = BASE_HCL.replace('port "http" {', add + 'port "http" {');
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_BLOCK_LABELS_MIXED@${positionOf(text, at)}`]);
  });
});

describe("the YAML parser running out of stack after a misindented line", () => {
  it("is the misindentation alone: no error per key, no words about berth's stack", async () => {
    // After the misindented key, each following key nests one level deeper in the parser's recovery,
    // and past ~900 it reported "Maximum call stack size exceeded" once per key.
    const keys = Array.from({ length: 5000 }, (_, i) => `  K${i}: v\n`).join("");
    const text = `${BASE_YAML}env:\n  A: 1\n B: 2\n${keys}`;
    const result = await load(text);
    expect(codesAt(result)).toEqual([`YAML_SYNTAX@${positionOf(text, "B: 2")}`]);
    expect(JSON.stringify(result.diagnostics)).not.toContain("call stack");
  }, 60_000);
});

describe("reading a YAML mistake for its likely cause stays linear", () => {
  // Each input parses to an error whose cause berth looks for: on a line of half a megabyte of spaces
  // (the patterns that find a key's end once retried at every space), and in a document with a list of
  // 400,000 items walked before a nested duplicate key (the items were once spread into one call's arguments).
  it.each([
    ["a key, half a megabyte of spaces, a word", BASE_YAML + "team" + " ".repeat(500_000) + "x\n"],
    ["a value with a colon after half a megabyte of spaces", BASE_YAML + "description: a" + " ".repeat(500_000) + "b: c\n"],
    ["a list of 400,000 items and a duplicate key", BASE_YAML + "labels: { a: x, a: y }\nx-list: [" + "0,".repeat(400_000) + "0]\n"],
  ])("%s: located diagnostics, no crash", async (_what, text) => {
    const result = await load(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.line >= 1 && d.code !== "INTERNAL_ERROR")).toBe(true);
  }, 60_000);
});

describe("berth's HCL scan always finishes", () => {
  // Every token kind in every place, including ones no valid HCL has (a stray `}` or `]`): the scan
  // consumes at least one token per step, so its work is bounded by the input's length.
  const pieces = ["b", "ӂ", '"x"', "{", "}", "[", "]", "=", ":", ",", "\n", "1", "<<EOT\nx\nEOT\n", "#c\n", "/* c */", "𝔘", "-", "${", "\\"];

  it("on every short sequence of tokens, and on non-ASCII labels", () => {
    let runs = 0;
    for (const a of pieces) for (const b of pieces) for (const c of pieces) {
      scanHcl(`${a} ${b}${c}\n}`);
      scanHcl(`x = [${a}${b}${c}]`);
      runs += 2;
    }
    expect(runs).toBe(2 * pieces.length ** 3);
  });

  it("reads a non-ASCII label as a label", async () => {
    const text = BASE_HCL + "b ӂ{\n}\n";
    expect(scanHcl(text).children.get("b")?.[0]?.labels).toEqual(["ӂ"]);
    expect(codesAt(await load(text, "service.hcl"))).toEqual([`UNKNOWN_KEY@${positionOf(text, "b ӂ")}`]);
  });
});

describe("HCL nested past what the HCL parser's stack survives", () => {
  // hcl2json (Go's HCL in WebAssembly) overflows at about 800 `[`, 1,000 templates, 1,500 blocks; after
  // that its runtime is broken for every later file, so the text must be refused before it parses.
  const lineCol = (text: string, offset: number) => {
    const before = text.slice(0, offset).split("\n");
    return `${before.length}:${before[before.length - 1]!.length + 1}`;
  };
  const shapes: Array<[string, string, string]> = [
    ["lists (a 4 KB `env = [[[[…]]]]`)", `env = ${"[".repeat(2000)}${"]".repeat(2000)}\n`, "["],
    ["blocks", `${"a {\n".repeat(2000)}${"}\n".repeat(2000)}`, "{"],
    ["objects", `env = ${"{ a = ".repeat(2000)}1${" }".repeat(2000)}\n`, "{"],
    ["parentheses", `replicas = ${"(".repeat(2000)}1${")".repeat(2000)}\n`, "("],
    ["templates", `description = ${'"${'.repeat(2000)}1${'}"'.repeat(2000)}\n`, "${"],
    ["unary operators", `replicas = ${"!".repeat(100_000)}true\n`, "!"],
    ["conditionals", `replicas = ${"true ? 1 : ".repeat(20_000)}1\n`, "?"],
  ];
  for (const [name, nested, opener] of shapes) {
    it(`${name}: one located diagnostic, and HCL still parses after it`, async () => {
      const text = BASE_HCL + nested;
      const result = await load(text, "service.hcl");
      // The 65th level (the limit is 64) is blamed: the first character past the limit.
      let offset = BASE_HCL.length - 1;
      for (let level = 0; level < 65; level++) offset = text.indexOf(opener, offset + 1);
      expect(codesAt(result)).toEqual([`NESTING_TOO_DEEP@${lineCol(text, offset)}`]);
      expect(result.diagnostics[0]!.message).toBe("HCL values nest too deep for a manifest");
      expect(codesAt(await load(BASE_HCL, "service.hcl"))).toEqual([]);
    }, 60_000);
  }

  it("the message names the format: HCL, JSON or YAML, never YAML for the others", async () => {
    const list = (n: number) => "[".repeat(n) + "]".repeat(n);
    const messages = await Promise.all([
      load(BASE_HCL + `env = { A = ${list(70)} }\n`, "service.hcl"),
      load(JSON.stringify({ apiVersion: "berth/v1", env: { A: "x" } }).replace('"x"', list(100)), "service.json"),
      load(BASE_YAML + `args: ${list(100)}\n`),
    ]);
    expect(messages.map((r) => `${r.diagnostics[0]!.code}: ${r.diagnostics[0]!.message}`)).toEqual([
      "NESTING_TOO_DEEP: HCL values nest too deep for a manifest",
      "NESTING_TOO_DEEP: JSON values nest too deep for a manifest",
      "NESTING_TOO_DEEP: YAML values nest too deep for a manifest",
    ]);
  });

  it("a manifest's nesting, comments, strings and heredocs with brackets in them are not levels", async () => {
    const brackets = "[[[[{{{{((((".repeat(10);
    const text = BASE_HCL + `# ${brackets}\n/* ${brackets} */\ndescription = "${brackets} $\${ %%{"\nenv = {\n  NOTE = <<EOT\n${brackets}\nEOT\n}\n`;
    expect(codesAt(await load(text, "service.hcl"))).toEqual([]);
  });
});

describe("a schema-valid manifest always normalizes (the rules report what does not resolve)", () => {
  it("a gRPC probe naming a port that no longer exists is UNKNOWN_PORT, not a crash", async () => {
    const text = BASE_YAML.replace("  liveness: { path: /healthz, port: http }", "  liveness: { grpc: true, port: web }");
    const result = await load(text);
    expect(codesAt(result)).toContain(`UNKNOWN_PORT@${positionOf(text, "web }")}`);
    expect(result.models).toEqual([]);
  });
});
