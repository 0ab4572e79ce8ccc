import { describe, expect, it } from "vitest";
import { inHclSyntax } from "../../src/diagnostics/hcl-wording.js";
import { load } from "../helpers.js";

describe("messages and hints in an HCL manifest show HCL, not YAML", () => {
  it("rewrites each YAML snippet between backticks as the HCL that says the same", () => {
    expect(inHclSyntax("Keep `deploy.auto_revert: true` and use `strategy: canary` or `blue-green`.")).toBe('Keep `deploy { auto_revert = true }` and use `strategy = "canary"` or `blue-green`.');
    expect(inHclSyntax("Set `auth.jwt_secret: { secret: <name>, key: <key> }`.")).toBe('Set `auth { jwt_secret = { secret = "<name>", key = "<key>" } }`.');
    expect(inHclSyntax("Add `expose: { hosts: [...], ingress: { class: ... } }`.")).toBe("Add `expose = { hosts = [...], ingress = { class = ... } }`.");
    expect(inHclSyntax("Declare `backup.storage: { provider, bucket, … }` and `command: [\"./app\", \"migrate\"]`.")).toBe('Declare `backup { storage = { provider = …, bucket = …, … } }` and `command = ["./app", "migrate"]`.');
    expect(inHclSyntax("Allow `{ cidr: 10.0.0.0/24, ports: [5432] }`; `cpu: 500`; `quantile: 0.95`.")).toBe('Allow `{ cidr = "10.0.0.0/24", ports = [5432] }`; `cpu = 500`; `quantile = 0.95`.');
    // What is not a YAML key and value is left as written.
    for (const text of ["Run `berth schema`.", "Write `${…}` or `/healthz`.", "Pin `repo:tag@sha256:…`.", "`berth explain EXPOSE_PORT`"]) expect(inHclSyntax(text)).toBe(text);
  });

  it("says how HCL writes a secret reference and where a misplaced key goes", () => {
    expect(inHclSyntax("Store the value in a Kubernetes Secret and reference it under `secrets:` as `{ secret, key }`.")).toBe(
      'Store the value in a Kubernetes Secret and reference it with a `secret "<NAME>" { … }` block (its `secret` and `key`).',
    );
    expect(inHclSyntax("move it into that block, indented like the block's other keys.")).toBe("move it into that block, inside its braces.");
  });

  it("quotes the value a hint gives to write in place of a unitless one (timeout = 30s does not parse)", async () => {
    const text = `apiVersion = "berth/v1"\nkind = "Service"\nname = "orders-api"\nteam = "payments"\nimage = "ghcr.io/acme/orders-api:2.1.0"\nshutdown {\n  timeout = 30\n}\nresources {\n  requests {\n    memory = 512\n  }\n}\n`;
    expect((await load(text, "service.hcl")).diagnostics.map((d) => d.hint.split(" (")[0])).toEqual(['Add the unit: `"30s"`', 'Add the unit: `"512Mi"`']);
    expect(inHclSyntax("Did you mean `500m`? A bare number counts whole cores; `m` is millicores.")).toBe('Did you mean `"500m"`? A bare number counts whole cores; `m` is millicores.');
  });

  it("calls a mapping a block or an object in a type error", async () => {
    const text = `apiVersion = "berth/v1"\nkind = "Service"\nname = "orders-api"\nteam = "payments"\nimage = "ghcr.io/acme/orders-api:2.1.0"\nshutdown = 30\nreplicas = { count = 2 }\n`;
    expect((await load(text, "service.hcl")).diagnostics.map((d) => d.message)).toEqual([
      "shutdown must be a block or an object `{ … }`, not the number 30",
      "replicas must be an integer, not an object `{ … }`",
    ]);
  });

  it("words the diagnostics of an HCL manifest in HCL, and those of its YAML twin in YAML", async () => {
    const hcl = `apiVersion = "berth/v1"\nkind = "Service"\nname = "orders-api"\nteam = "payments"\nimage = "ghcr.io/acme/orders-api:2.1.0"\nport "http" {\n  port = 8080\n  expose = true\n}\nport "metrics" {\n  port = 9090\n}\nenv = {\n  DB_PASSWORD = "hunter2hunter2"\n}\n`;
    const yaml = `apiVersion: berth/v1\nkind: Service\nname: orders-api\nteam: payments\nimage: ghcr.io/acme/orders-api:2.1.0\nports:\n  - { name: http, port: 8080, expose: true }\n  - { name: metrics, port: 9090 }\nenv:\n  DB_PASSWORD: hunter2hunter2\n`;
    const hints = async (text: string, file: string) => Object.fromEntries((await load(text, file)).diagnostics.map((d) => [d.code, d.hint]));
    const messages = async (text: string, file: string) => (await load(text, file)).diagnostics.map((d) => d.message);
    expect(await messages(hcl, "service.hcl")).toContain("port http is marked `expose = true` but there is no `expose` block");
    expect(await messages(yaml, "service.yaml")).toContain("port http is marked `expose: true` but there is no `expose` block");
    expect(await hints(hcl, "service.hcl")).toEqual({
      EXPOSE_PORT: "Add `expose = { hosts = [...], ingress = { class = ... } }`, or remove `expose = true`.",
      LITERAL_CREDENTIAL: 'Store the value in a Kubernetes Secret and reference it with a `secret "<NAME>" { … }` block (its `secret` and `key`).',
    });
    expect(await hints(yaml, "service.yaml")).toEqual({
      EXPOSE_PORT: "Add `expose: { hosts: [...], ingress: { class: ... } }`, or remove `expose: true`.",
      LITERAL_CREDENTIAL: "Store the value in a Kubernetes Secret and reference it under `secrets:` as `{ secret, key }`.",
    });
  });
});
