import { describe, expect, it } from "vitest";
import { STARTER_HCL } from "../../src/cli/starter/starter-hcl.js";
import { STARTER_YAML } from "../../src/cli/starter/starter-yaml.js";
import { BASE_YAML, codesAt, load, positionOf } from "../helpers.js";

const hcl = STARTER_HCL.replaceAll("{{name}}", "orders-api");
const yaml = STARTER_YAML.replaceAll("{{name}}", "orders-api");
const json = JSON.stringify({ apiVersion: "berth/v1", kind: "Service", name: "orders-api" }, null, 2);

describe("a manifest in another language than its extension names", () => {
  it("is one WRONG_LANGUAGE at its first key, naming the file to rename it to, not a syntax error per line", async () => {
    const cases: Array<[string, string, string, string]> = [
      [hcl, "services/orders/service.yaml", "apiVersion", "service.hcl"],
      [hcl, "service.json", "apiVersion", "service.hcl"],
      [yaml, "service.hcl", "apiVersion", "service.yaml"],
      [yaml, "service.json", "apiVersion", "service.yaml"],
      [json, "orders.hcl", "{", "orders.json"],
    ];
    for (const [text, file, first, rename] of cases) {
      const result = await load(text, file);
      expect(codesAt(result), file).toEqual([`WRONG_LANGUAGE@${positionOf(text, first)}`]);
      expect(result.diagnostics[0]!.hint, file).toContain(`Rename it to \`${rename}\``);
    }
    const [d] = (await load(hcl, "service.yaml")).diagnostics;
    expect(d!.message).toBe("the file is written in HCL, but its name ends in .yaml, so berth read it as YAML");
  });

  it("leaves a real syntax error in the right language as it is", async () => {
    expect((await load(BASE_YAML + "description: [unclosed\n")).diagnostics.map((d) => d.code)).toEqual(["YAML_SYNTAX"]);
    expect((await load('name = "unclosed\n', "service.hcl")).diagnostics.map((d) => d.code)).toEqual(["HCL_SYNTAX"]);
    expect((await load('{ "name": "x", }', "service.json")).diagnostics.map((d) => d.code)).toEqual(["JSON_SYNTAX"]);
  });
});
