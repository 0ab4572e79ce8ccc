import { sha256Hex } from "../digest.js";

/**
 * Names inside one pod: its volumes and the ConfigMap keys config files are stored under. Each
 * is derived from free text (a path, a Secret name), and two different texts can flatten to the
 * same name (`/var/cache` and `/var-cache`; `/etc/a_b.conf` and `/etc/a/b.conf`). The API server
 * rejects a pod that names a volume twice, and a ConfigMap key written twice silently loses a
 * file, so a name already taken gets a short hash of its text: same input, same names.
 */
export interface PodNames {
  /** emptyDir volume per writable path. */
  writable: Record<string, string>;
  /** Secret volume per Secret a config file is read from. */
  secrets: Record<string, string>;
  /** Volume per declared volume name. */
  volumes: Record<string, string>;
  /** ConfigMap key per inline config file path. */
  configFileKeys: Record<string, string>;
}

/** The volume holding the inline config files (a fixed name, reserved before any derived one). */
export const CONFIG_FILES_VOLUME = "config-files";

export function podNames(parts: { writablePaths: readonly string[]; secrets: readonly string[]; volumes: readonly string[]; configFilePaths: readonly string[] }): PodNames {
  const taken = new Set([CONFIG_FILES_VOLUME]);
  const volume = (prefix: string) => (text: string) => volumeName(prefix, text);
  return {
    writable: distinct(parts.writablePaths, volume("writable"), taken, 63),
    secrets: distinct(parts.secrets, volume("secret"), taken, 63),
    volumes: distinct(parts.volumes, volume("volume"), taken, 63),
    configFileKeys: distinct(parts.configFilePaths, configFileKey, new Set(), 253),
  };
}

/** A volume name (a DNS label) from a prefix and any text: `writable` + `/var/cache` → `writable-var-cache`. */
function volumeName(prefix: string, text: string): string {
  const tail = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "root";
  return `${prefix}-${tail}`.slice(0, 63).replace(/-+$/, "");
}

/** The ConfigMap key a config file's content is stored under (its path, flattened). */
function configFileKey(path: string): string {
  return path.replace(/^\/+/, "").replace(/[^-._a-zA-Z0-9]+/g, "_");
}

function distinct(texts: readonly string[], derive: (text: string) => string, taken: Set<string>, maxLength: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of texts) {
    if (Object.hasOwn(out, text)) continue;
    let name = derive(text);
    if (taken.has(name)) {
      const suffix = `-${sha256Hex(text).slice(0, 8)}`;
      name = name.slice(0, maxLength - suffix.length).replace(/-+$/, "") + suffix;
    }
    taken.add(name);
    out[text] = name;
  }
  return out;
}
