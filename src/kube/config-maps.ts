import { sha256Hex } from "../digest.js";
import type { Model } from "../model/model.js";
import { metadata } from "./names.js";
import type { KubeObject } from "./object.js";

/** Plain configuration as a ConfigMap the container reads with envFrom. */
export function envConfigMap(m: Model): KubeObject | undefined {
  if (!m.env.length) return undefined;
  return { apiVersion: "v1", kind: "ConfigMap", metadata: metadata(m, "ConfigMap", m.names.envConfigMap), data: envData(m) };
}

/** Inline config files as a ConfigMap, one key per file, mounted at each file's path. */
export function filesConfigMap(m: Model): KubeObject | undefined {
  const data = filesData(m);
  if (!Object.keys(data).length) return undefined;
  return { apiVersion: "v1", kind: "ConfigMap", metadata: metadata(m, "ConfigMap", m.names.filesConfigMap), data };
}

/**
 * A digest of all configuration, set as a pod-template annotation: changing any value changes
 * the template, so Kubernetes rolls the pods instead of leaving them on stale config.
 */
export function configHash(m: Model): string | undefined {
  if (!m.env.length && !m.configFiles.length) return undefined;
  const secretsReferenced = m.configFiles.filter((f) => f.secret).map((f) => `${f.path}=${f.secret!.secret}/${f.secret!.key}`);
  const canonical = JSON.stringify([envData(m), filesData(m), secretsReferenced]);
  return sha256Hex(canonical).slice(0, 16);
}

/** The env ConfigMap's data (also the migration hook's copy). */
export function envData(m: Model): Record<string, string> {
  const data: Record<string, string> = {};
  for (const e of m.env) data[e.name] = e.value;
  return data;
}

/** The files ConfigMap's data (also the migration hook's copy). */
export function filesData(m: Model): Record<string, string> {
  const data: Record<string, string> = {};
  for (const f of m.configFiles) if (f.content !== undefined) data[m.names.pod.configFileKeys[f.path]!] = f.content;
  return data;
}
