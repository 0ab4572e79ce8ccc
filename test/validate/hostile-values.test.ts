/**
 * Hostile values (issue 12, classes 2–5), one test per class rather than per sample:
 * - the credential detectors run in linear time on a megabyte-long value of any shape;
 * - what becomes a Kubernetes/Helm/YAML key or name is limited where it is written;
 * - numbers are kept exactly or refused, in YAML, JSON and HCL;
 * - a credential written in any string position is refused, and printed by no message, frame or format;
 * - a literal where a Secret reference belongs is reported without its value.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseAllDocuments } from "yaml";
import { EMITTERS } from "../../emitters/index.js";
import { runCli } from "../../src/cli/program.js";
import { planCompile } from "../../src/compile.js";
import { holdsBareCredential, holdsCredential, maskSecrets } from "../../src/diagnostics/secrets.js";
import { fakeIO } from "../cli/fake-io.js";
import { REPO_ROOT } from "../support/tools.js";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";
import { buildKubeObjects } from "../../src/kube/index.js";
import { schemaFaults } from "../../src/kube/schema-check.js";

// Megabyte-long values and every output format of several commands: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), "berth-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("class 2: credential detection is linear in the value's length", () => {
  // Shapes that make a backtracking pattern retry from every position: runs of scheme characters,
  // repeated markers, separators without their closing part. ~900k characters, within the 1 MiB limit.
  const n = 900_000;
  const shapes: Record<string, string> = {
    letters: "a".repeat(n),
    "scheme characters": "a.b+c-".repeat(n / 6),
    "scheme separators": "a://".repeat(n / 4),
    "userinfo without @": "x://u:" + "p".repeat(n),
    "PEM headers": "-----BEGIN ".repeat(n / 11),
    "credential words": "password ".repeat(n / 9),
    "assignments without value": "token=".repeat(n / 6),
    "JWT-like": "eyJ" + "A".repeat(n) + ".",
    "userinfo characters": "a!b:".repeat(n / 4),
    // A key that names a Secret is passed over from its value on: each value is reread, at most 64 characters.
    "Secret-naming keys": "secret:".repeat(n / 7),
    "Secret-naming keys with paths": "/secret:".repeat(n / 8),
    "Secret-naming keys with quotes": 'secret:"'.repeat(n / 8),
    // Bare assignments (`DB_PASSWORD value` without its colon): one long name, one long value, many short lines.
    "an upper-case name": "DB_PASSWORD".repeat(n / 11),
    "a name and a long value": "DB_PASSWORD " + "x".repeat(n),
    "spaces after a name": "DB_PASSWORD" + " ".repeat(n) + "x y",
    "bare assignment lines": "TOKEN a\n".repeat(n / 8),
  };

  it.each(Object.keys(shapes))("%s: detected, masked and validated to the end", async (name) => {
    const value = shapes[name]!;
    holdsCredential(value);
    holdsBareCredential(value);
    maskSecrets(value);
    maskSecrets(`/${value}~1`);
    const result = await load(BASE_YAML + `env:\n  BIG: ${JSON.stringify(value)}\n`);
    expect(result.diagnostics.every((d) => d.line >= 1)).toBe(true);
  });
});

describe("class 3: keys and names that outputs carry are limited where they are written", () => {
  it.each([
    ["an env var name", (n: number) => `env:\n  ${"A".repeat(n)}: x\n`, 253, "INVALID_ENV_NAME"],
    ["a secret's variable name", (n: number) => `secrets:\n  ${"A".repeat(n)}: { secret: s, key: k }\n`, 253, "INVALID_ENV_NAME"],
    ["a waived Polaris check", (n: number) => `checklist:\n  waivers:\n    - { rule: polaris/${"a".repeat(n)}, reason: "accepted for now", expires: 2030-01-01 }\n`, 56, "INVALID_NAME"],
    ["a queue name (it names derived env vars)", (n: number) => `queues:\n  - name: ${"q".repeat(n)}\n    dead_letter: dlq\n`, 200, "INVALID_NAME"],
    ["a circuit breaker's name (it names derived env vars)", (n: number) => `circuit_breakers:\n  - name: ${"c".repeat(n)}\n`, 200, "INVALID_NAME"],
    ["a duration's seconds (Kubernetes' int32 fields)", (n: number) => `shutdown:\n  grace_period: ${"9".repeat(n)}s\n`, 7, "INVALID_DURATION"],
    ["a severity override's rule id", (n: number) => `checklist:\n  severity:\n    ${"a".repeat(n)}: off\n`, 63, "INVALID_FORMAT"],
  ])("%s: the longest accepted compiles into valid output; one more character is a located error", async (_what, add, max, code) => {
    const longest = BASE_YAML + add(max);
    const accepted = await load(longest);
    expect(accepted.diagnostics.filter((d) => d.severity === "error").map((d) => d.code).filter((c) => c === code)).toEqual([]);
    expect(accepted.diagnostics.filter((d) => d.severity === "error"), "the longest is accepted").toEqual([]);
    {
      const plan = planCompile([{ source: "service.yaml", models: accepted.models }], EMITTERS);
      expect(plan.ok).toBe(true);
      for (const file of plan.ok ? plan.plan.files : []) {
        if (!file.path.endsWith(".yaml") || file.path.includes("/templates/")) continue;
        for (const doc of parseAllDocuments(file.content) as Array<{ errors: unknown[]; toJS(): unknown }>) {
          expect(doc.errors, file.path).toEqual([]);
          const object = doc.toJS() as { kind?: string; data?: Record<string, string>; metadata?: { annotations?: Record<string, string> } } | null;
          for (const key of Object.keys(object?.metadata?.annotations ?? {})) expect(key.split("/").pop()!.length, key).toBeLessThanOrEqual(63);
          if (object?.kind === "ConfigMap") for (const key of Object.keys(object.data ?? {})) expect(key.length, file.path).toBeLessThanOrEqual(253);
        }
      }
    }
    const over = BASE_YAML + add(max + 1);
    const refused = await load(over);
    expect(refused.diagnostics.map((d) => d.code)).toContain(code);
    expect(refused.models).toEqual([]);
  });

  it("refuses annotations that would total over 256 KiB on an object, at the annotations", async () => {
    const text = BASE_YAML + `description: ${"d".repeat(100_000)}\nannotations:\n  a.example.com/big: ${"x".repeat(170_000)}\n`;
    expect(codesAt(await load(text))).toEqual([`ANNOTATIONS_TOO_LARGE@${positionOf(text, "annotations:")}`]);
    expect((await load(BASE_YAML + `annotations:\n  a.example.com/big: ${"x".repeat(200_000)}\n`)).models.length).toBe(1);
  });
});

describe("class 3: counts that Kubernetes keeps as int32 are at most 2147483647", () => {
  // Found by the long fuzz run (seed 202612308): failure_threshold 2147483648 compiled into a probe the API server refuses.
  const INT32 = 2147483647;
  const replace = (from: string, to: string) => BASE_YAML.replace(from, to);
  it.each([
    ["a probe's failure_threshold", (n: number) => replace("liveness: { path: /healthz, port: http }", `liveness: { path: /healthz, port: http, failure_threshold: ${n} }`)],
    ["a readiness probe's success_threshold", (n: number) => replace("readiness: { path: /readyz, port: http }", `readiness: { path: /readyz, port: http, success_threshold: ${n} }`)],
    ["a spread's max_skew", (n: number) => BASE_YAML + `spread: { zones: required, max_skew: ${n} }\n`],
    ["autoscaling's min_replicas", (n: number) => BASE_YAML + `replicas: 2\nautoscaling: { min_replicas: ${n}, max_replicas: 1000, cpu_percent: 70 }\n`],
    // Found by the same run (seed 202612405): a PodDisruptionBudget's minAvailable of 2^53 - 1.
    ["a disruption budget's min_available (an int-or-percent)", (n: number) => BASE_YAML + `replicas: 3\ndisruption: { min_available: ${n} }\n`],
  ])("%s: the largest int32 is taken as written; one more is OUT_OF_RANGE", async (_what, manifest) => {
    const over = await load(manifest(INT32 + 1));
    expect(over.diagnostics.map((d) => d.code)).toContain("OUT_OF_RANGE");
    expect(over.models).toEqual([]);
    const max = await load(manifest(INT32));
    expect(max.diagnostics.map((d) => d.code)).not.toContain("OUT_OF_RANGE");
    // Where it compiles (a min_replicas above max_replicas does not), Kubernetes' own schema takes every object.
    for (const model of max.models) for (const { object } of buildKubeObjects(model)) expect(schemaFaults(object), `${object.kind}/${object.metadata.name}`).toEqual([]);
  });
});

describe("class 3: database settings stay within what PostgreSQL and PgBouncer read", () => {
  // Noticed after the long fuzz run: these reached a Pooler's parameters (a string PgBouncer parses as a
  // C int) or the pool-size rule without a ceiling, so 2^53 - 1 compiled into a Pooler that never starts.
  const ORDERS = readFileSync(join(REPO_ROOT, "examples", "orders-api", "service.yaml"), "utf8");
  it.each([
    ["database.max_connections (PostgreSQL's ceiling)", "max_connections: 200", (n: number) => `max_connections: ${n}`, 262143, undefined],
    ["the pooler's max_client_connections (PgBouncer's max_client_conn, a C int)", "max_client_connections: 500", (n: number) => `max_client_connections: ${n}`, 2147483647, "max_client_conn"],
    ["the pooler's default_pool_size (a C int)", "default_pool_size: 25", (n: number) => `default_pool_size: ${n}`, 2147483647, "default_pool_size"],
  ])("%s: the ceiling is taken as written; one more is OUT_OF_RANGE", async (_what, from, to, max, param) => {
    expect(ORDERS).toContain(from);
    const over = await load(ORDERS.replace(from, to(max + 1)));
    expect(over.diagnostics.filter((d) => d.code === "OUT_OF_RANGE").map((d) => d.path)).toEqual([`/database/${param ? "pooler/" : ""}${from.split(":")[0]}`]);
    expect(over.models).toEqual([]);
    const atMax = await load(ORDERS.replace(from, to(max)));
    expect(atMax.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // What PgBouncer reads: the Pooler's parameter, digit for digit.
    const planned = planCompile([{ source: "service.yaml", models: atMax.models }], EMITTERS);
    if (!planned.ok) throw new Error(planned.error);
    const pooler = planned.plan.files.map((f) => f.content).find((c) => c.includes("kind: Pooler"))!;
    if (param) expect(pooler).toContain(`${param}: "${max}"`);
  });
});

describe("class 3: numbers are kept exactly or refused", () => {
  const HCL = `apiVersion = "berth/v1"\nkind = "Service"\nname = "orders-api"\nteam = "payments"\nimage = "ghcr.io/acme/orders-api:2.1.0"\nport "http" {\n  port = 8080\n}\nhealth {\n  liveness { path = "/healthz" }\n  readiness { path = "/readyz" }\n}\n`;

  it.each([
    ["YAML, an env value", "service.yaml", BASE_YAML + "env:\n  BIG: 84736251947362519\n", "84736251947362519"],
    ["YAML, a negative env value", "service.yaml", BASE_YAML + "env:\n  BIG: -9007199254740993\n", "-9007199254740993"],
    ["YAML, an overflowing float", "service.yaml", BASE_YAML + "env:\n  BIG: 1e400\n", "1e400"],
    ["YAML, a count", "service.yaml", BASE_YAML + "replicas: 18446744073709551616\n", "18446744073709551616"],
    ["JSON, an env value", "service.json", JSON.stringify({ ...JSON.parse(JSON.stringify(BASE_JSON)), env: { BIG: "@@" } }).replace('"@@"', "84736251947362519"), "84736251947362519"],
    ["HCL, an env value", "service.hcl", HCL + "env = {\n  BIG = 84736251947362519\n}\n", "84736251947362519"],
  ])("%s: refused where it is written", async (_what, file, text, literal) => {
    const result = await load(text, file);
    expect(result.models).toEqual([]);
    const located = result.diagnostics.map((d) => `${d.line}:${d.col}`);
    expect(located, result.diagnostics.map((d) => d.code).join()).toContain(positionOf(text, literal));
  });

  it("keeps the largest exact integer, and a quoted big one, digit for digit", async () => {
    const result = await load(BASE_YAML + 'env:\n  MAX: 9007199254740991\n  QUOTED: "84736251947362519"\n');
    const plan = planCompile([{ source: "service.yaml", models: result.models }], EMITTERS);
    const text = plan.ok ? plan.plan.files.map((f) => f.content).join("\n") : "";
    expect(text).toContain("9007199254740991");
    expect(text).toContain("84736251947362519");
  });
});

const BASE_JSON = {
  apiVersion: "berth/v1",
  kind: "Service",
  name: "orders-api",
  team: "payments",
  image: "ghcr.io/acme/orders-api:2.1.0",
  ports: [{ name: "http", port: 8080 }],
  health: { liveness: { path: "/healthz", port: "http" }, readiness: { path: "/readyz", port: "http" } },
};

/** Credentials in the shapes they come in; `t` is a unique marker that must never be printed or written. */
const CREDENTIALS: Record<string, (t: string) => string> = {
  "URL with user:password": (t) => `https://deploy:${t}@runbooks.example.com/orders`,
  JWT: (t) => `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi${t}.c2lnbmF0dXJl${t}`,
  "password line": (t) => `password = ${t}`,
  "GitHub token": (t) => `ghp_${t}0123456789abcdefghij`,
  "Stripe key": (t) => `sk_live_${t}0123456789`,
};

/** Every string of a manifest that exercises most fields (the payments example), as data paths. */
async function stringPaths(): Promise<{ data: Record<string, unknown>; paths: Array<Array<string | number>> }> {
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(new URL("../../examples/payments-canary/service.yaml", import.meta.url), "utf8");
  const data = (await load(text)).source!.value as Record<string, unknown>;
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    if (typeof v === "string") paths.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return { data, paths };
}

function withValue(data: unknown, path: Array<string | number>, value: string): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

describe("class 5: a credential in any string position is refused and written nowhere", () => {
  it("every string of a full example × every credential shape: refused, and never in a diagnostic", async () => {
    const { data, paths } = await stringPaths();
    expect(paths.length).toBeGreaterThan(50);
    let literal = 0;
    for (const [shape, make] of Object.entries(CREDENTIALS)) {
      for (const [i, path] of paths.entries()) {
        const marker = `Zq${i}x${shape.length}Wv7`;
        const text = JSON.stringify(withValue(data, path, make(marker)), null, 2);
        const result = await load(text, "service.json");
        const where = `${shape} at ${path.join(".")}`;
        expect(result.models, where).toEqual([]);
        expect(JSON.stringify(result.diagnostics), where).not.toContain(marker);
        if (result.diagnostics.some((d) => d.code === "LITERAL_CREDENTIAL")) literal++;
      }
    }
    // Free-text positions are refused as credentials (others fail their own format first, masked).
    expect(literal).toBeGreaterThan(paths.length);
  });
});

describe("class 4: no message, frame or format prints a credential", () => {
  const SECRET = "Qx7vTr0ub4dorSecret";
  const cases: Record<string, string> = {
    "database.url as a literal": BASE_YAML + `database:\n  engine: postgres\n  url: postgres://app:${SECRET}@db/orders\n`,
    "auth.jwt_secret as a literal": BASE_YAML + `auth:\n  jwt_secret: ${SECRET}\n`,
    "backup.storage.credentials as a literal": BASE_YAML + `backup:\n  storage: { provider: aws, bucket: orders-backups, credentials: ${SECRET} }\n`,
    "secrets.X as a literal": BASE_YAML + `secrets:\n  DB_URL: ${SECRET}\n`,
    "config_files[].secret as a literal": BASE_YAML + `config_files:\n  - { path: /etc/app/key, secret: ${SECRET} }\n`,
    "an image with user:pass@": BASE_YAML.replace("image: ghcr.io/acme/orders-api:2.1.0", `image: deploy:${SECRET}@ghcr.io/acme/orders-api:2.1.0`),
    "an unknown credential-named key": BASE_YAML + `db_password: ${SECRET}\n`,
    "an anchor behind a masked alias": BASE_YAML.replace("team: payments", `team: payments\nx-shared: &pw ${SECRET}`) + "env:\n  DB_PASSWORD: *pw\n",
    "an enum given a credential": BASE_YAML + `logging: { level: "password=${SECRET}" }\n`,
    "a waiver reason holding a credential": BASE_YAML + `checklist:\n  waivers:\n    - { rule: min-replicas, reason: "token: ${SECRET}", expires: 2030-01-01 }\n`,
    // YAML reads `DB_PASSWORD value` (its `:` forgotten) as one string where env's mapping belongs.
    "a credential variable without its colon": BASE_YAML + `env:\n  DB_PASSWORD ${SECRET}\n`,
    "a secret key variable without its colon": BASE_YAML + `env:\n  AWS_SECRET_KEY ${SECRET}\n`,
  };
  const files = Object.entries(cases).map(([what, text], i) => {
    const path = join(dir, `case-${i}.yaml`);
    writeFileSync(path, text);
    return [what, path] as const;
  });
  // Found by the long fuzz run: a credential assigned inside a value that follows a key naming a Secret.
  const nestedPath = join(dir, "nested.hcl");
  writeFileSync(nestedPath, `apiVersion = "berth/v1"\nkind = "Service"\nname = "x"\nteam = "t"\nimage = "a/b:1.0.0"\nnode_selector = {\n  {"secret":"password = ${SECRET}"} = "arm64"\n}\n`);
  files.push(["a credential assigned after a key that names a Secret (HCL)", nestedPath]);
  const nestedYaml = join(dir, "nested.yaml");
  writeFileSync(nestedYaml, BASE_YAML + `node_selector:\n  '{"secret":"password = ${SECRET}"}': arm64\n`);
  files.push(["a credential assigned after a key that names a Secret (YAML)", nestedYaml]);
  // Found by the long fuzz run: a key quoted in a message as a JSON pointer segment, where `/` is `~1`,
  // which hid the URL's shape from the masking.
  const pointerPath = join(dir, "pointer.yaml");
  writeFileSync(pointerPath, BASE_YAML + `extra_objects:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: x }, data: { "https://fuzz:${SECRET}@example.com/x": y } }\n`);
  files.push(["a credential in a key quoted as a JSON pointer", pointerPath]);
  const hclPath = join(dir, "syntax.hcl");
  writeFileSync(hclPath, `apiVersion = "berth/v1"\nkind = "Service"\napi_token = "${SECRET}\nname = "x"\n`);
  files.push(["the line of an HCL syntax error", hclPath]);
  // An HCL heredoc's body is not indented past its key (`<<EOT` keeps its lines as written): the frame of
  // another error beside it showed the body, which the YAML block scalar's masking, by indentation, passed over.
  const heredocPath = join(dir, "heredoc.hcl");
  writeFileSync(heredocPath, `apiVersion = "berth/v1"\nkind = "Service"\nname = "x"\nteam = "t"\nimage = "a/b:1.0.0"\nenv = {\n  DB_PASSWORD = <<EOT\n${SECRET}\nEOT\n  API_TOKEN = <<-EOT\n  ${SECRET}\n  EOT\n  BAD-NAME = "1"\n}\n`);
  files.push(["an HCL heredoc's body, in the frame of another error", heredocPath]);

  it.each(files)("%s: refused, and absent from every format of validate, lint and compile", async (_what, path) => {
    const outputs: string[] = [];
    for (const args of [
      ["validate", path],
      ["validate", "--format", "json", path],
      ...["text", "json", "markdown", "sarif", "junit"].map((f) => ["lint", "--format", f, path]),
      ["compile", "--out", join(dir, "out"), path],
    ]) {
      const io = fakeIO();
      const code = await runCli(args, io);
      expect(code, args.join(" ")).toBe(1);
      outputs.push(io.out + io.err);
    }
    for (const output of outputs) expect(output).not.toContain(SECRET);
    // The rejection is shown: a located diagnostic with a masked code frame.
    expect(outputs[0]).toMatch(/:\d+:\d+: error\[/);
    expect(outputs[0]).toContain("********");
  });

  it("takes no line of prose shaped like a bare assignment for a credential (SECRET rotation)", async () => {
    const result = await load(BASE_YAML + "description: |\n  SECRET rotation\n  TOKEN lifetime\n");
    expect(result.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it("reports a literal in a Secret-reference position without its value", async () => {
    for (const text of [cases["database.url as a literal"]!, cases["secrets.X as a literal"]!, cases["auth.jwt_secret as a literal"]!]) {
      const wrong = (await load(text)).diagnostics.find((d) => d.code === "WRONG_TYPE")!;
      expect(wrong.message).toMatch(/must be a mapping, not a string$/);
      expect(wrong.redact).toBe(true);
    }
  });
});
