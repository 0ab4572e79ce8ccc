import type { Model } from "../../src/model/model.js";
import { toYaml } from "../../src/output/yaml.js";

/** A chart version must be SemVer: the image tag when it is one, else 0.1.0. */
export function chartVersion(m: Model): string {
  const tag = m.image.tag?.replace(/^v(?=\d)/, "");
  return tag && /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(tag) ? tag : "0.1.0";
}

export function chartYaml(m: Model, header: string): string {
  return (
    header +
    toYaml({
      apiVersion: "v2",
      name: m.name,
      description: m.identity.description ?? `${m.name}, compiled by berth.`,
      type: "application",
      version: chartVersion(m),
      appVersion: m.image.tag ?? m.image.digest ?? "unknown",
      ...(m.identity.owner ? { maintainers: [{ name: m.identity.team, email: m.identity.owner.includes("@") ? m.identity.owner : undefined }] } : {}),
    })
  );
}
