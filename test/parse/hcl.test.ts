import { describe, expect, it } from "vitest";
import { parseManifest } from "../../src/parse/index.js";
import { codesAt, load, positionOf } from "../helpers.js";

const BASE_HCL = `apiVersion = "berth/v1"
kind       = "Service"
name       = "orders-api"
team       = "payments"
image      = "ghcr.io/acme/orders-api:2.1.0"
`;

async function data(text: string): Promise<unknown> {
  const parsed = await parseManifest("service.hcl", new TextEncoder().encode(text));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.code} ${JSON.stringify(p.params)}`).join("; "));
  return parsed.source.value;
}

describe("HCL → manifest data", () => {
  it("maps labelled blocks to list entries named by the label, ordered by label", async () => {
    const value = (await data(BASE_HCL + 'port "metrics" { port = 9090 }\nport "http" {\n  port = 8080\n  expose = true\n}\n')) as { ports: unknown };
    expect(value.ports).toEqual([
      { name: "http", port: 8080, expose: true },
      { name: "metrics", port: 9090 },
    ]);
  });

  it("maps keyed blocks to maps, single blocks to objects, repeated blocks to lists", async () => {
    const value = await data(
      BASE_HCL +
        'secret "DB_URL" {\n  secret = "db"\n  key = "url"\n}\nhealth {\n  liveness { path = "/healthz" }\n}\n' +
        'checklist {\n  waiver {\n    rule = "a"\n    reason = "long enough reason"\n    expires = "2027-01-01"\n  }\n  waiver {\n    rule = "b"\n    reason = "long enough reason"\n    expires = "2027-01-01"\n  }\n}\n' +
        'environment "production" { replicas = 4 }\nlabels = { tier = "backend" }\nenv { LOG_SAMPLING = "0.1" }\n',
    );
    expect(value).toMatchObject({
      secrets: { DB_URL: { secret: "db", key: "url" } },
      health: { liveness: { path: "/healthz" } },
      checklist: { waivers: [{ rule: "a" }, { rule: "b" }] },
      environments: { production: { replicas: 4 } },
      labels: { tier: "backend" },
      env: { LOG_SAMPLING: "0.1" },
    });
  });

  it("maps labelled and repeated blocks whose block name is the key itself", async () => {
    const value = await data(
      BASE_HCL +
        'network {\n  allow_from { service = "web" }\n  allow_from { namespace = "jobs" }\n}\nmonitoring {\n  alerts {\n    custom "QueueDeep" { expr = "q > 1" }\n  }\n}\n',
    );
    expect(value).toMatchObject({
      network: { allow_from: [{ service: "web" }, { namespace: "jobs" }] },
      monitoring: { alerts: { custom: [{ name: "QueueDeep", expr: "q > 1" }] } },
    });
  });

  it("unescapes HCL's literal-template escapes", async () => {
    const value = (await data(BASE_HCL + 'env = { GREETING = "Hello $${name}, %%{x}" }\n')) as { env: Record<string, string> };
    expect(value.env.GREETING).toBe("Hello ${name}, %{x}");
  });

  it("also accepts the attribute form of a collection", async () => {
    const value = (await data(BASE_HCL + 'ports = [{ name = "http", port = 8080 }]\n')) as { ports: unknown };
    expect(value.ports).toEqual([{ name: "http", port: 8080 }]);
  });
});

describe("HCL diagnostics carry line:col", () => {
  it("locates schema errors inside labelled and nested blocks", async () => {
    const text = BASE_HCL + 'port "http" {\n  port = 80800\n}\nhealth {\n  liveness {\n    path = "/healthz"\n    perod = "10s"\n  }\n}\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`OUT_OF_RANGE@${positionOf(text, "80800")}`, `UNKNOWN_KEY@${positionOf(text, "perod")}`]);
  });

  it("locates errors in environment blocks and list attributes", async () => {
    const text = BASE_HCL + 'command = ["serve", 42]\nenvironment "production" {\n  replicas = "four"\n}\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`WRONG_TYPE@${positionOf(text, "42")}`, `WRONG_TYPE@${positionOf(text, '"four"')}`]);
  });

  it("reports hcl2json syntax errors at their position", async () => {
    const result = await load(BASE_HCL + "health {\n  liveness {\n", "service.hcl");
    expect(result.diagnostics[0]!.code).toBe("HCL_SYNTAX");
    expect(result.diagnostics[0]!.line).toBeGreaterThanOrEqual(6);
  });

  it("rejects a key set twice in an object, at the repeat (hcl2json kept the last and dropped the first)", async () => {
    const text = BASE_HCL + 'env = {\n  MODE = "a"\n  "MODE" = "b"\n}\nextra_objects = [{ apiVersion = "v1", kind = "ConfigMap", metadata = { name = "x", name = "y" } }]\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_DUPLICATE_KEY@${positionOf(text, '"MODE"')}`, `HCL_DUPLICATE_KEY@${positionOf(text, 'name = "y"')}`]);
    expect(result.diagnostics[0]!.message).toBe('key "MODE" is set twice in this object; the first is on line 7 (HCL keeps only the last)');
    // Repeated blocks, and the same key in two different objects, are not repeats.
    expect(await data(BASE_HCL + 'labels = { a = "1" }\nannotations = { a = "2" }\ntoleration {\n  key = "a"\n}\ntoleration {\n  key = "b"\n}\n')).toMatchObject({ tolerations: [{ key: "a" }, { key: "b" }] });
  });

  it("rejects a block where a value belongs, at the block, saying to write an attribute", async () => {
    // It was "replicas must be an integer, not a list": hcl2json reads a block as a list of bodies.
    for (const [add, at, key] of [
      ["replicas {\n}\n", "replicas {", "replicas"],
      ['command {\n  run = "serve"\n}\n', "command {", "command"],
      ['environment "staging" {\n  replicas { }\n}\n', "replicas {", "replicas"],
    ]) {
      const text = BASE_HCL + add;
      const result = await load(text, "service.hcl");
      expect(codesAt(result), add).toEqual([`HCL_VALUE_AS_BLOCK@${positionOf(text, at!)}`]);
      expect(result.diagnostics[0]!.hint).toBe(`Write it as an attribute: \`${key} = …\`.`);
    }
    // A list of objects may be written as repeated blocks (affinity's node_required), and a value as an attribute.
    expect(await data(BASE_HCL + 'replicas = 3\naffinity {\n  node_required {\n    key = "zone"\n    operator = "Exists"\n  }\n}\n')).toMatchObject({ replicas: 3, affinity: { node_required: [{ key: "zone" }] } });
  });

  it("rejects a block inside Kubernetes' own data (it became a list in the object), at the block", async () => {
    // A custom resource's `spec { … }` was written out as `spec: [{ size: 1 }]`; a merge patch's replaced the pod spec with a list.
    const crd = BASE_HCL + 'extra_objects {\n  apiVersion = "example.com/v1"\n  kind = "Widget"\n  metadata {\n    name = "w"\n  }\n  spec {\n    size = 1\n  }\n}\n';
    const result = await load(crd, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_VALUE_AS_BLOCK@${positionOf(crd, "spec {")}`]);
    expect(result.diagnostics[0]!.hint).toBe("Write it as an attribute: `spec = { … }`.");
    // In the second of two patches written as blocks: located in that one.
    const patched = BASE_HCL + 'patches {\n  target = { kind = "Deployment" }\n  merge_patch = { spec = { paused = false } }\n}\npatches {\n  target = { kind = "Deployment" }\n  merge_patch {\n    spec {\n      paused = false\n    }\n  }\n}\n';
    expect(codesAt(await load(patched, "service.hcl"))).toEqual([`HCL_VALUE_AS_BLOCK@${positionOf(patched, "spec {")}`]);
    // Written as attributes (a block for berth's own settings, metadata, is fine), it is read as written.
    expect(await data(BASE_HCL + 'extra_objects {\n  apiVersion = "example.com/v1"\n  kind = "Widget"\n  metadata {\n    name = "w"\n  }\n  spec = { size = 1 }\n}\n')).toMatchObject({ extra_objects: [{ metadata: { name: "w" }, spec: { size: 1 } }] });
  });

  it("locates a problem with a value a block's label gives at the label", async () => {
    // A map's key (secrets, environments) and a list entry's label field (ports[].name) are written as the label.
    const cases: Array<[string, string, string]> = [
      ['secret "API-TOKEN" {\n  secret = "s"\n  key = "k"\n}\n', "INVALID_ENV_NAME", '"API-TOKEN"'],
      ['port "Metrics_1" {\n  port = 9090\n}\n', "INVALID_NAME", '"Metrics_1"'],
      ['environment "Staging!" {\n  replicas = 2\n}\n', "INVALID_NAME", '"Staging!"'],
    ];
    for (const [add, code, at] of cases) {
      const text = BASE_HCL + add;
      expect(codesAt(await load(text, "service.hcl")), add).toEqual([`${code}@${positionOf(text, at)}`]);
    }
  });

  it("locates what the whole manifest lacks at its first attribute, past leading comments, as YAML does", async () => {
    const text = '# orders-api\n\n/* owned by payments */\napiVersion = "berth/v1"\nkind = "Service"\nname = "x"\nimage = "ghcr.io/acme/x:1.0.0"\n';
    expect(codesAt(await load(text, "service.hcl"))).toEqual([`MISSING_KEY@${positionOf(text, "apiVersion")}`]);
  });

  it("places a syntax error after emoji and combining accents at its text (hcl2json counts grapheme clusters)", async () => {
    for (const before of ["😀😀", "e\u0301e\u0301", "👨‍👩‍👧", "héllo ✓"]) {
      const text = BASE_HCL + `description = "${before}" extra\n`;
      expect(codesAt(await load(text, "service.hcl")), before).toEqual([`HCL_SYNTAX@${positionOf(text, "extra")}`]);
    }
  });

  it("reports a quoted string left open once, at its opening quote, not at the end of its line", async () => {
    const text = BASE_HCL + 'description = "Takes orders   # what it does\nowner = "x"\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_SYNTAX@${positionOf(text, '"Takes')}`]);
    expect(result.diagnostics[0]!.message).toMatch(/^Invalid multi-line string/);
  });

  it("reports a manifest of comments only as empty, block comments too, and offers an HCL starter", async () => {
    // A file of `/* … */` comments got five MISSING_KEY errors; every empty HCL file was offered `berth init`, which writes YAML.
    for (const text of ["", "# a\n// b\n", "/* nothing\n   yet */\n"]) {
      const result = await load(text, "service.hcl");
      expect(codesAt(result), text).toEqual(["EMPTY_MANIFEST@1:1"]);
      expect(result.diagnostics[0]!.message).toBe("the manifest is empty");
      expect(result.diagnostics[0]!.hint).toBe("Start from `berth init --format hcl`, which writes a commented starter manifest in HCL.");
    }
    // A comment never closed is a syntax error, not an empty file.
    expect((await load('/* oops\napiVersion = "berth/v1"\n', "service.hcl")).diagnostics[0]!.code).toBe("HCL_SYNTAX");
  });

  it("reports a heredoc never closed at its opening, not at the end of the file", async () => {
    for (const text of [BASE_HCL + 'description = <<EOT\nA service.\n\nreplicas = 2\n', BASE_HCL + 'config_file "/etc/a" {\n  content = <<-EOF\n    x\n  EOT\n}\n']) {
      const result = await load(text, "service.hcl");
      expect(codesAt(result)).toEqual([`HCL_SYNTAX@${positionOf(text, "<<")}`]);
      expect(result.diagnostics[0]!.message).toMatch(/^Unterminated heredoc: no line holds only its closing marker (EOT|EOF)/);
    }
  });

  it("rejects a single block given twice, at the repeat", async () => {
    const text = BASE_HCL + 'shutdown { timeout = "30s" }\nshutdown { timeout = "20s" }\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_DUPLICATE_BLOCK@${positionOf(text, "shutdown", 'timeout = "30s"')}`]);
  });

  it("rejects a labelled block given twice, at the repeat too, naming it once quoted", async () => {
    const text = BASE_HCL + 'environment "staging" { replicas = 2 }\nenvironment "production" { replicas = 3 }\nenvironment "staging" { replicas = 5 }\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_DUPLICATE_BLOCK@${positionOf(text, 'environment "staging"', "replicas = 3")}`]);
    expect(result.diagnostics[0]!.message).toBe('block environment "staging" appears 2 times; it may appear once');
  });

  it("rejects a template in an object's key too, at the key, and unescapes an escaped one", async () => {
    // A key was taken as written: `"${x}"` reached an extra object's data as a literal key.
    const text = BASE_HCL + 'extra_objects = [{\n  apiVersion = "v1"\n  kind = "ConfigMap"\n  metadata = { name = "x" }\n  data = { "${var.key}" = "1" }\n}]\n';
    expect(codesAt(await load(text, "service.hcl"))).toEqual([`HCL_INTERPOLATION@${positionOf(text, "${var.key}")}`]);
    const escaped = BASE_HCL + 'extra_objects = [{\n  apiVersion = "v1"\n  kind = "ConfigMap"\n  metadata = { name = "x" }\n  data = { "$${HOME}" = "1" }\n}]\n';
    expect(await data(escaped)).toMatchObject({ extra_objects: [{ data: { "${HOME}": "1" } }] });
  });

  it("rejects interpolation: manifests are data", async () => {
    const text = BASE_HCL + 'description = "runs ${var.env}"\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_INTERPOLATION@${positionOf(text, "${var.env}")}`]);
  });

  it("points at a template inside a heredoc, and says how to keep ${ as text, or to write the literal for an expression", async () => {
    // It pointed at `<<-EOT`, lines above the template, and said only "write the literal value instead of `${…}`".
    const text = BASE_HCL + 'config_file "/etc/app/run.sh" {\n  content = <<-EOT\n    #!/bin/sh\n    exec app --home ${HOME}\n  EOT\n}\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_INTERPOLATION@${positionOf(text, "${HOME}")}`]);
    expect(result.diagnostics[0]!.hint).toContain("double its first character: `$${HOME}`");
    const expression = await load(BASE_HCL + "replicas = local.replicas\n", "service.hcl");
    expect(expression.diagnostics[0]!.hint).toBe("berth's HCL is plain data: write the literal value instead of the expression.");
  });

  it("locates problems in the second of repeated blocks, and in attribute lists", async () => {
    const text = BASE_HCL + 'network {\n  allow_from { service = "web" }\n  allow_from {\n    service = "api"\n    cidr = "10.0.0.0/8"\n  }\n}\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`INVALID_PEER@${positionOf(text, "allow_from", 'service = "web" }')}`]);
    const listed = BASE_HCL + 'network {\n  egress = [{ service = "db" }, { cidr = "10.0.0/8" }]\n}\n';
    const second = await load(listed, "service.hcl");
    expect(codesAt(second)).toEqual([`INVALID_CIDR@${positionOf(listed, '"10.0.0/8"')}`]);
  });

  it("rejects a label that contradicts the block's shape", async () => {
    const renamed = BASE_HCL + 'port "http" {\n  port = 8080\n  name = "web"\n}\n';
    expect(codesAt(await load(renamed, "service.hcl"))).toEqual([`HCL_BLOCK_LABEL@${positionOf(renamed, "name =")}`]);
    const labelled = BASE_HCL + 'checklist {\n  waiver "x" {\n    rule = "a"\n  }\n}\n';
    expect(codesAt(await load(labelled, "service.hcl"))).toEqual([`HCL_BLOCK_LABEL@${positionOf(labelled, "waiver")}`]);
  });

  it("rejects a label on a block that is one object, a second label, and a map entry's block without its label", async () => {
    // Each was read as data of another shape: "unknown key x in shutdown", a port missing its port,
    // "secrets.secret must be a mapping", "environments.replicas must be a mapping".
    const cases: Array<[string, string, string]> = [
      ['shutdown "x" {\n  timeout = "30s"\n}\n', 'shutdown "x"', 'block "shutdown" takes no label (found "x")'],
      ['environment "staging" {\n  shutdown "x" {\n    timeout = "30s"\n  }\n}\n', 'shutdown "x"', 'block "shutdown" takes no label (found "x")'],
      ['port "admin" "x" {\n  port = 9000\n}\n', 'port "admin"', 'block port "admin" has a second label "x"; it takes one'],
      ['secret "A" "B" {\n  secret = "s"\n  key = "k"\n}\n', 'secret "A"', 'block secret "A" has a second label "B"; it takes one'],
      ['secret {\n  secret = "s"\n  key = "k"\n}\n', "secret {", 'block "secret" needs a label, the name of its entry in secrets: secret "<name>" { … }'],
      ['environment {\n  replicas = 3\n}\n', "environment {", 'block "environment" needs a label, the name of its entry in environments: environment "<name>" { … }'],
    ];
    for (const [add, at, message] of cases) {
      const text = BASE_HCL + add;
      const result = await load(text, "service.hcl");
      expect(codesAt(result), add).toEqual([`HCL_BLOCK_LABEL@${positionOf(text, at)}`]);
      expect(result.diagnostics[0]!.message).toBe(message);
    }
    // Unlabelled blocks of a list whose entries carry their name as a field are still read as its entries.
    expect(await data(BASE_HCL + 'port {\n  name = "http"\n  port = 8080\n}\n')).toMatchObject({ ports: [{ name: "http", port: 8080 }] });
  });

  it("names the block a list's entries are written as, when the list's own name is used as a block", async () => {
    const ports = BASE_HCL + 'ports "http" {\n  port = 8080\n}\n';
    const result = await load(ports, "service.hcl");
    expect(codesAt(result)).toEqual([`HCL_BLOCK_NAME@${positionOf(ports, "ports")}`]);
    expect(result.diagnostics[0]!.message).toBe('block "ports" is not an HCL block; each entry of ports is written as a "port" block');
    expect(result.diagnostics[0]!.hint).toBe('Write `port "http" { … }`, one block per entry of ports.');
    // The same for every collection the schema gives a block name, labelled or not, at any depth.
    const nested = BASE_HCL + 'sidecar {\n  name  = "proxy"\n  image = "ghcr.io/acme/proxy:1.0.0"\n  ports "admin" {\n    port = 9901\n  }\n}\ntolerations "gpu" {\n  key = "gpu"\n}\n';
    const nestedRun = await load(nested, "service.hcl");
    expect(codesAt(nestedRun)).toEqual([`HCL_BLOCK_NAME@${positionOf(nested, "ports")}`, `HCL_BLOCK_NAME@${positionOf(nested, "tolerations")}`]);
    expect(nestedRun.diagnostics.map((d) => d.hint)).toEqual(['Write `port "admin" { … }`, one block per entry of ports.', "Write `toleration { … }`, one block per entry of tolerations."]);
    // A map's own name as a block reads as the map (`secrets "DB" { … }`): still accepted.
    expect(await data(BASE_HCL + 'secrets "DB_URL" {\n  secret = "db"\n  key    = "url"\n}\n')).toMatchObject({ secrets: { DB_URL: { secret: "db", key: "url" } } });
  });

  it("skips comments and heredocs when locating", async () => {
    const text = BASE_HCL + '# replicas = 3\ndescription = <<EOT\nreplicas = 1\nEOT\n/* replicas = 2 */\nreplicas = 0\n';
    const result = await load(text, "service.hcl");
    expect(codesAt(result)).toEqual([`OUT_OF_RANGE@${positionOf(text, "0", "/* replicas = 2 */\nreplicas = ")}`]);
  });
});
