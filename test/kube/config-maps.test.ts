import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { EMITTERS } from "../../emitters/index.js";
import { planCompile } from "../../src/compile.js";
import { configHash, envConfigMap, filesConfigMap } from "../../src/kube/config-maps.js";
import { load } from "../helpers.js";
import { base, modelOf } from "./model.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const asAny = (x: unknown): any => x;

describe("envConfigMap", () => {
  it("holds the user's env and berth's derived variables, by name, values as strings", async () => {
    const cm = asAny(envConfigMap(await modelOf(base("env: { ZED: 1, ALPHA: true, MODE: fast }\nlogging: { level: debug }\n"))));
    expect(cm.kind).toBe("ConfigMap");
    expect(cm.metadata.name).toBe("orders-api-env");
    expect(cm.data).toEqual({ ALPHA: "true", LOG_FORMAT: "json", LOG_LEVEL: "debug", MODE: "fast", SHUTDOWN_TIMEOUT: "30s", ZED: "1" });
    expect(Object.keys(cm.data)).toEqual(["ALPHA", "LOG_FORMAT", "LOG_LEVEL", "MODE", "SHUTDOWN_TIMEOUT", "ZED"]);
  });

  it("never carries a secret's value or name as plain config", async () => {
    const cm = asAny(envConfigMap(await modelOf(base("secrets:\n  API_TOKEN: { secret: api, key: token }\n"))));
    expect(cm.data).not.toHaveProperty("API_TOKEN");
  });
});

describe("filesConfigMap", () => {
  it("is absent without inline files (secret-backed files do not count)", async () => {
    expect(filesConfigMap(await modelOf(base()))).toBeUndefined();
    expect(filesConfigMap(await modelOf(base("config_files:\n  - { path: /etc/app/key.pem, secret: { secret: tls, key: key } }\n")))).toBeUndefined();
  });

  it("holds each inline file under its flattened path", async () => {
    const cm = asAny(filesConfigMap(await modelOf(base("config_files:\n  - { path: /etc/app/app.yaml, content: 'port: 1' }\n  - { path: /etc/app/key.pem, secret: { secret: tls, key: key } }\n"))));
    expect(cm.metadata.name).toBe("orders-api-files");
    expect(cm.data).toEqual({ "etc_app_app.yaml": "port: 1" });
  });

  // /etc/app/a_b.conf and /etc/app/a/b.conf flatten to the same key: the second gets a hashed suffix (src/model/pod-names.ts).
  it("keeps every inline file's content (paths that flatten alike get distinct keys)", async () => {
    const cm = asAny(filesConfigMap(await modelOf(base("config_files:\n  - { path: /etc/app/a_b.conf, content: one }\n  - { path: /etc/app/a/b.conf, content: two }\n"))));
    expect(Object.values(cm.data).sort()).toEqual(["one", "two"]);
  });
});

describe("configHash", () => {
  it("is 16 hex digits and stable for the same configuration", async () => {
    const a = configHash(await modelOf(base("env: { MODE: a }\n")));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(configHash(await modelOf(base("env: { MODE: a }\n")))).toBe(a);
  });

  it("changes with an env value, an inline file's content, or the Secret key a file is read from", async () => {
    const hashes = await Promise.all(
      [
        "env: { MODE: a }\n",
        "env: { MODE: b }\n",
        "config_files:\n  - { path: /etc/x, content: one }\n",
        "config_files:\n  - { path: /etc/x, content: two }\n",
        "config_files:\n  - { path: /etc/x, secret: { secret: s, key: k1 } }\n",
        "config_files:\n  - { path: /etc/x, secret: { secret: s, key: k2 } }\n",
      ].map(async (extra) => configHash(await modelOf(base(extra)))),
    );
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("ignores what does not reach the container's config (replica count)", async () => {
    expect(configHash(await modelOf(base("replicas: 5\n")))).toBe(configHash(await modelOf(base())));
  });

  // Compiles a whole service through every emitter: an explicit timeout, not vitest's 5 s default.
  it("writes every file's content so that it reads back exactly, however its lines are indented", { timeout: 60_000 }, async () => {
    // A literal block takes its indentation from its first non-empty line: content starting with an empty
    // line and then an indented one lost those spaces in the written ConfigMap until the writer quoted it.
    const contents = ["\n  indented: 1\nnext: 2\n", "  leading\n", "plain: 1\n  nested: 2\n", "\n", "a\n\n\n", "tab\there\n"];
    const files = contents.map((content, i) => `  - { path: /etc/app/f${i}.conf, content: ${JSON.stringify(content)} }`).join("\n");
    const loaded = await load(base(`config_files:\n${files}\n`));
    const planned = planCompile([{ source: "services/orders-api.yaml", models: loaded.models }], EMITTERS);
    if (!planned.ok) throw new Error(planned.error);
    const written = planned.plan.files.filter((f) => f.path.endsWith("/kubernetes/configmap-files.yaml"));
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) expect(Object.values(parse(file.content).data).sort()).toEqual([...contents].sort());
  });
});
