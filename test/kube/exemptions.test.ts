import { describe, expect, it } from "vitest";
import { polarisExemptions } from "../../src/kube/exemptions.js";
import { base, modelOf } from "./model.js";

const waivers = (...rules: string[]) =>
  base("checklist:\n  waivers:\n" + rules.map((rule) => `    - { rule: ${rule}, reason: accepted for this service, expires: 2030-01-01 }\n`).join(""));

describe("polarisExemptions", () => {
  it("is empty without waivers", async () => {
    expect(polarisExemptions(await modelOf(base()))).toEqual({});
  });

  it("turns each polaris/<check> waiver into that check's exemption annotation", async () => {
    expect(polarisExemptions(await modelOf(waivers("polaris/deploymentMissingReplicas", "polaris/automountServiceAccountToken")))).toEqual({
      "polaris.fairwinds.com/deploymentMissingReplicas-exempt": "true",
      "polaris.fairwinds.com/automountServiceAccountToken-exempt": "true",
    });
  });

  it("ignores waivers of berth's own rules", async () => {
    expect(polarisExemptions(await modelOf(waivers("min-replicas", "polaris/hostPortSet")))).toEqual({ "polaris.fairwinds.com/hostPortSet-exempt": "true" });
  });
});
