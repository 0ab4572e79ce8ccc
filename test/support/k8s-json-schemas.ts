// JSON schemas of the built-in Kubernetes kinds, offline.
//
// kubeconform's `-schema-location default` downloads from raw.githubusercontent.com, which this workplace
// cannot reach. The same kind of schemas ship inside the PyPI wheel `kubernetes-validate` (one folder per
// Kubernetes version, "local-strict" flavour: additionalProperties false throughout). install-tools.sh
// unpacks one version's folder; here each top-level kind is rewritten as a standalone schema (the
// `/api/_definitions.json#/$defs/…` references pointed at a URL; they become local `#/$defs/…` with just the
// definitions that kind reaches) under kubeconform's naming, `{{ .ResourceKind }}{{ .KindSuffix }}.json`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { missing, tempDir } from "./tools.js";
import type { Json, JsonObject } from "./openapi-schema.js";

/** The Kubernetes version the schemas are for (install-tools.sh unpacks the same one). */
export const K8S_VERSION = process.env.BERTH_K8S_VERSION ?? "1.33.0";

/** kubeconform -schema-location template for the folder builtinSchemaDir() writes. */
export const BUILTIN_TEMPLATE = "{{ .ResourceKind }}{{ .KindSuffix }}.json";

const REMOTE_DEFS = "/api/_definitions.json#/$defs/";
const LOCAL_DEFS = "#/$defs/";

function defaultSource(): string {
  const cache = process.env.BERTH_TOOLS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "berth-tools");
  return join(cache, "kubernetes-json-schema", `v${K8S_VERSION}-local-strict`);
}

/**
 * The unpacked kubernetes-validate schema folder (BERTH_K8S_SCHEMAS, else the install-tools.sh cache).
 * Missing: prints `skipping: kubernetes-json-schema not installed` and returns undefined; throws under CI=true.
 */
export function k8sSchemaSource(): string | undefined {
  const dir = process.env.BERTH_K8S_SCHEMAS ?? defaultSource();
  if (existsSync(join(dir, "_definitions.json"))) return dir;
  return missing("kubernetes-json-schema", `no schemas at ${dir}; run: source test/support/install-tools.sh`);
}

// Rewrites $refs to local ones (collecting the definitions reached) and drops descriptions. `names` is true
// while walking a properties/patternProperties map, whose keys are field names (a field may be called
// "description"), not keywords.
function rewriteRefs(node: Json, reached: Set<string>, pending: string[], names = false): Json {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, reached, pending));
  if (node === null || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (!names && key === "$ref" && typeof value === "string") {
      const name = value.startsWith(REMOTE_DEFS)
        ? value.slice(REMOTE_DEFS.length)
        : value.startsWith(LOCAL_DEFS)
          ? value.slice(LOCAL_DEFS.length)
          : undefined;
      if (name === undefined) throw new Error(`unexpected $ref ${value}`);
      if (!reached.has(name)) {
        reached.add(name);
        pending.push(name);
      }
      out[key] = LOCAL_DEFS + name;
    } else if (!names && key === "description") {
      continue; // an annotation: not needed to validate, and it keeps the files small
    } else {
      const isNameMap = !names && (key === "properties" || key === "patternProperties");
      out[key] = rewriteRefs(value, reached, pending, isNameMap);
    }
  }
  return out;
}

/** One standalone schema: the kind's file with every definition it reaches inlined under $defs. */
export function standaloneSchema(kindSchema: JsonObject, defs: Record<string, Json>): JsonObject {
  const reached = new Set<string>();
  const pending: string[] = [];
  const { $id: _id, ...rest } = kindSchema;
  const root = rewriteRefs(rest, reached, pending) as JsonObject;
  const $defs: JsonObject = {};
  while (pending.length > 0) {
    const name = pending.pop()!;
    const def = defs[name];
    if (def === undefined) throw new Error(`definition ${name} not found`);
    $defs[name] = rewriteRefs(def, reached, pending);
  }
  return { ...root, $defs };
}

let cachedDir: string | undefined;

/**
 * A temp folder (made once per process) of standalone schemas for every top-level built-in kind, laid out for
 * `-schema-location <dir>/{{ .ResourceKind }}{{ .KindSuffix }}.json`. Throws if the source is missing
 * (call k8sSchemaSource() first to skip or fail the test with the usual notice).
 */
export function builtinSchemaDir(): string {
  if (cachedDir) return cachedDir;
  const source = process.env.BERTH_K8S_SCHEMAS ?? defaultSource();
  const defsFile = join(source, "_definitions.json");
  if (!existsSync(defsFile)) throw new Error(`kubernetes JSON schemas not found at ${source} (source test/support/install-tools.sh)`);
  const defs = (JSON.parse(readFileSync(defsFile, "utf8")) as { $defs: Record<string, Json> }).$defs;
  const dir = tempDir(`berth-k8s-schemas-v${K8S_VERSION}-`);
  for (const file of readdirSync(source)) {
    if (!file.endsWith(".json") || file === "_definitions.json") continue;
    const schema = JSON.parse(readFileSync(join(source, file), "utf8")) as JsonObject;
    if (!schema["x-kubernetes-group-version-kind"]) continue; // only kinds a manifest can name
    writeFileSync(join(dir, file), JSON.stringify(standaloneSchema(schema, defs)));
  }
  cachedDir = dir;
  return dir;
}
