import { describe, expect, it } from "vitest";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

describe("schema diagnostics", () => {
  it("puts the caret on an unknown key and suggests the closest one", async () => {
    const text = BASE_YAML + "replcas: 3\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`UNKNOWN_KEY@${positionOf(text, "replcas")}`]);
    expect(result.diagnostics[0]!.message).toContain('did you mean "replicas"');
  });

  it("says how to retype a value written as the wrong type: unquote a number or boolean, spell yes as true, quote text", async () => {
    const hintFor = async (line: string) => (await load(BASE_YAML.replace("team: payments", line))).diagnostics.map((d) => `${d.code}: ${d.hint}`);
    expect(await hintFor('team: payments\nreplicas: "2"')).toEqual(["WRONG_TYPE: Write it without quotes: `2`."]);
    expect(await hintFor('team: payments\ndeploy: { auto_revert: "false" }')).toEqual(["WRONG_TYPE: Write it without quotes: `false`."]);
    expect(await hintFor("team: payments\ndeploy: { auto_revert: yes }")).toEqual(["WRONG_TYPE: Write `true`: `yes` is text to berth, not a boolean."]);
    expect(await hintFor("team: 5")).toEqual(['WRONG_TYPE: Quote it to make it text: `"5"`.']);
    expect(await hintFor("team: payments\nreplicas: two")).toEqual(["WRONG_TYPE: Change the value to the expected type."]);
    const hcl = await load('apiVersion = "berth/v1"\nkind = "Service"\nname = "orders-api"\nteam = "payments"\nimage = "ghcr.io/acme/o:1"\ndeploy {\n  auto_revert = "no"\n}\n', "service.hcl");
    expect(hcl.diagnostics.map((d) => d.hint)).toEqual(["Write `false`: `no` is text to berth, not a boolean."]);
  });

  it("says a Kubernetes object given as a manifest is one, once, instead of asking to set apiVersion: berth/v1 and listing its keys", async () => {
    const text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 2\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`KUBERNETES_OBJECT@${positionOf(text, "apps/v1")}`]);
    expect(result.diagnostics[0]!.message).toBe("this is a Kubernetes object (apps/v1 Deployment), not a berth manifest");
    expect(result.diagnostics[0]!.hint).toContain("`berth init`");
    // A berth manifest with a wrong apiVersion is still that mistake.
    expect(codesAt(await load(BASE_YAML.replace("berth/v1", "berth/v2")))).toEqual(["INVALID_API_VERSION@1:13"]);
  });

  it("says how short a value is when a minimum length is what it breaks (a waiver's reason)", async () => {
    const text = BASE_YAML + "checklist:\n  waivers: [{ rule: priority-class-set, reason: x, expires: 2027-01-15 }]\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`INVALID_FORMAT@${positionOf(text, "x, expires")}`]);
    expect(result.diagnostics[0]!.message).toBe('checklist.waivers[0].reason: "x" is not a valid value (shorter than 10 characters)');
    expect(result.diagnostics[0]!.hint).toBe("Write at least 10 characters.");
  });

  it("never suggests a key the mapping already has (renaming to it would only duplicate it)", async () => {
    const text = BASE_YAML + "replicas: 2\nreplicaz: 3\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`UNKNOWN_KEY@${positionOf(text, "replicaz")}`]);
    expect(result.diagnostics[0]!.message).toBe('unknown key "replicaz" (a second "replicas"?)');
    expect(result.diagnostics[0]!.hint).toBe('"replicas" is already set here: keep one of the two and remove the other.');
    const hcl = 'apiVersion = "berth/v1"\nkind = "Service"\nname = "orders-api"\nteam = "payments"\nimage = "ghcr.io/acme/orders-api:2.1.0"\nsecret "TOKEN" {\n  secret = "orders"\n  key = "token"\n  scret = "x"\n}\n';
    const inHcl = await load(hcl, "service.hcl");
    expect(inHcl.diagnostics.map((d) => d.code)).toEqual(["UNKNOWN_KEY"]);
    expect(inHcl.diagnostics[0]!.message).toContain('(a second "secret"?)');
  });

  it("finds where a misplaced key is valid: the block above it when it was dedented out of it", async () => {
    const text = BASE_YAML + "network: { open_egress: true }\ndatabase:\n  engine: postgres\n  url: { secret: db, key: url }\nmigrations:\n  command: [migrate]\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`UNKNOWN_KEY@${positionOf(text, "migrations")}`]);
    expect(result.diagnostics[0]!.message).toBe('unknown key "migrations" (did you mean database.migrations?)');
    expect(result.diagnostics[0]!.hint).toContain("`database` block above it");
  });

  it("finds a key dedented out of a nested block, and names list items by the manifest's last one", async () => {
    const nested = BASE_YAML.replace("  liveness: { path: /healthz, port: http }\n", "  liveness:\n    path: /healthz\n    port: http\n  period: 10s\n");
    expect((await load(nested)).diagnostics[0]!.message).toBe('unknown key "period" in health (did you mean health.liveness.period?)');
    const listed = BASE_YAML + "scheduled_jobs:\n  - { name: a, schedule: daily, command: [a] }\n  - { name: b, schedule: daily, command: [b] }\nlock: leader\n";
    expect((await load(listed)).diagnostics[0]!.message).toBe('unknown key "lock" (did you mean scheduled_jobs[1].lock?)');
  });

  it("says a key belongs at the top level when it does (it named an empty block: is a key of ``)", async () => {
    for (const [text, key, where] of [
      [BASE_YAML + "environments:\n  production:\n    name: orders-v2\n", "name", "environments.production"],
      [`apiVersion = "berth/v1"\nkind = "Service"\nname = "orders-api"\nimage = "ghcr.io/acme/orders-api:2.1.0"\nhealth {\n  team = "payments"\n}\n`, "team", "health"],
    ]) {
      const result = await load(text!, text!.startsWith("apiVersion =") ? "service.hcl" : "service.yaml");
      const unknown = result.diagnostics.find((d) => d.code === "UNKNOWN_KEY")!;
      expect(unknown.message).toBe(`unknown key "${key}" in ${where} (did you mean the top-level ${key}?)`);
      expect(unknown.hint).toBe(`\`${key}\` is a key of the manifest's top level, set once for every environment: move it there.`);
    }
  });

  it("names the block a key belongs to when it is not the one above, but keeps a look-alike key here first", async () => {
    const elsewhere = await load(BASE_YAML + "health_timeout: 5m\n");
    expect(elsewhere.diagnostics[0]!.message).toContain("(did you mean deploy.health_timeout?)");
    expect(elsewhere.diagnostics[0]!.hint).toContain("is a key of `deploy`");
    const typo = await load(BASE_YAML.replace("image:", "# image:") + "imag: x\n");
    expect(typo.diagnostics.find((d) => d.code === "UNKNOWN_KEY")!.message).toContain('(did you mean "image"?)');
  });

  it("says a YAML merge key (`<<: *base`) is not supported, and how to do without it", async () => {
    const text = BASE_YAML.replace(/^replicas: .*\n/m, "") + "environments:\n  staging: &base\n    replicas: 2\n  production:\n    <<: *base\n    replicas: 4\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`UNKNOWN_KEY@${positionOf(text, "<<")}`]);
    expect(result.diagnostics[0]!.message).toBe('unknown key "<<" in environments.production (YAML merge keys are not supported)');
    expect(result.diagnostics[0]!.hint).toMatch(/^berth reads YAML 1\.2, which has no merge keys \(`<<: \*base`\): write the keys out here .*under `environments`\.$/);
  });

  it("lists the allowed keys sorted, and at most twelve of them", async () => {
    const top = await load(BASE_YAML + "zzz: 1\n");
    expect(top.diagnostics[0]!.hint).toMatch(/^Allowed keys here: affinity, annotations, apiVersion, .*, and \d+ more \(`berth schema` lists them all\)\.$/);
    expect(top.diagnostics[0]!.hint.split(", and")[0]!.split(", ")).toHaveLength(12);
    const small = await load(BASE_YAML + "resources: { zzz: 1 }\n");
    expect(small.diagnostics[0]!.hint).toBe("Allowed keys here: limits, requests.");
  });

  it("finds unknown keys deep inside nested blocks and overlays", async () => {
    const text = BASE_YAML + "deploy:\n  strategy: canary\n  canary_percnt: 5\nenvironments:\n  production:\n    deploy: { stratgy: rolling }\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`UNKNOWN_KEY@${positionOf(text, "canary_percnt")}`, `UNKNOWN_KEY@${positionOf(text, "stratgy")}`]);
    expect(result.diagnostics[1]!.message).toContain('"strategy"');
  });

  it("points a missing key at the object that lacks it", async () => {
    const text = BASE_YAML + "secrets:\n  API_TOKEN: { secret: orders }\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`MISSING_KEY@${positionOf(text, "API_TOKEN")}`]);
    expect(result.diagnostics[0]!.message).toContain('"key"');
  });

  it("reports a missing top-level key at the start of the file", async () => {
    const result = await load(BASE_YAML.replace("team: payments\n", ""));
    expect(codesAt(result)).toEqual(["MISSING_KEY@1:1"]);
  });

  it("reports every problem of the file in one run", async () => {
    const text = BASE_YAML + "replicas: many\ndeploy: { strategy: canery, canary_percent: 150 }\nshutdown: { timeout: 30 seconds }\n";
    const result = await load(text);
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(["INVALID_DURATION", "INVALID_VALUE", "OUT_OF_RANGE", "WRONG_TYPE"]);
    expect(result.diagnostics.find((d) => d.code === "INVALID_VALUE")!.hint).toBe('Did you mean "canary"?');
  });

  it("names the format of a pattern-checked value and its key position", async () => {
    const text = BASE_YAML + "env:\n  bad-name: x\nresources: { requests: { memory: 512MB } }\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([`INVALID_ENV_NAME@${positionOf(text, "bad-name")}`, `INVALID_QUANTITY@${positionOf(text, "512MB")}`]);
  });

  it("rejects names that are not DNS-1123 labels or contain path separators", async () => {
    for (const name of ["Orders_API", "../etc", "orders/api", "-orders", "a".repeat(64)]) {
      const result = await load(BASE_YAML.replace("name: orders-api", `name: "${name}"`));
      expect(codesAt(result), name).toEqual(["INVALID_NAME@3:7"]);
    }
  });

  it("checks apiVersion and kind with their own codes", async () => {
    const result = await load(BASE_YAML.replace("berth/v1", "berth/v2").replace("kind: Service", "kind: Deployment"));
    expect(codesAt(result)).toEqual(["INVALID_API_VERSION@1:13", "INVALID_KIND@2:7"]);
  });
});

describe("shape and meaning in one run", () => {
  it("runs the semantic rules on the valid remainder of a manifest with schema errors", async () => {
    const text = BASE_YAML + "replicas: many\nenv:\n  DB_PASSWORD: hunter2\nports_extra: 1\n";
    const result = await load(text);
    expect(codesAt(result)).toEqual([
      `WRONG_TYPE@${positionOf(text, "many")}`,
      `LITERAL_CREDENTIAL@${positionOf(text, "hunter2")}`,
      `UNKNOWN_KEY@${positionOf(text, "ports_extra")}`,
    ]);
  });

  it("keeps list positions right by setting aside a whole list with a bad item", async () => {
    const text = BASE_YAML.replace("- { name: metrics, port: 9090 }", "- { name: metrics, port: 99999 }") + "monitoring: { metrics: { port: metrics } }\n";
    const result = await load(text);
    // The port list is set aside, so the metrics port cannot be checked: only the shape error is reported.
    expect(codesAt(result)).toEqual([`OUT_OF_RANGE@${positionOf(text, "99999")}`]);
  });
});
