// The upstream CRDs in ../shared/conformance/crds (Argo Rollouts, CloudNativePG, prometheus-operator, Velero),
// used two ways:
//   - crdSchemaDir(): JSON Schema files for kubeconform, one per served version, laid out for
//       -schema-location '<dir>/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'
//     (kubeconform lower-cases ResourceKind; Group is the full API group, so velero.io/Backup and
//     postgresql.cnpg.io/Backup stay apart)
//   - validateAgainstCrd(object): the same schemas compiled with ajv, for one object in-process.
// Plus kubeconform(files): built-in kinds from the offline Kubernetes schemas (k8s-json-schemas.ts), custom
// resources from these CRDs, -strict.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import yaml from "js-yaml";
import { BUILTIN_TEMPLATE, builtinSchemaDir } from "./k8s-json-schemas.js";
import { crdToJsonSchema, type Json, type JsonObject } from "./openapi-schema.js";
import { findTool, sharedDir, tempDir } from "./tools.js";

export const CRD_TEMPLATE = "{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json";

export interface CrdVersion {
  group: string;
  kind: string;
  version: string;
  /** `group/version` as objects spell apiVersion. */
  apiVersion: string;
  /** The CRD file, relative to shared/conformance/crds. */
  file: string;
  openAPIV3Schema: Json;
}

interface CrdDoc {
  kind?: string;
  spec?: {
    group?: string;
    names?: { kind?: string };
    versions?: { name?: string; served?: boolean; schema?: { openAPIV3Schema?: Json } }[];
  };
}

let crdCache: CrdVersion[] | undefined;

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

/** The CRDs' folder (shared/conformance/crds). Throws when shared/ is missing: call sharedDir() first. */
export function crdDir(): string {
  const shared = sharedDir();
  if (!shared) throw new Error("shared/ conformance data not found (call sharedDir() first to skip the test)");
  return join(shared, "conformance", "crds");
}

/** Every served version of every CRD under shared/conformance/crds. */
export function loadCrds(): CrdVersion[] {
  if (crdCache) return crdCache;
  const root = crdDir();
  const out: CrdVersion[] = [];
  for (const path of yamlFiles(root)) {
    for (const doc of yaml.loadAll(readFileSync(path, "utf8")) as CrdDoc[]) {
      if (doc?.kind !== "CustomResourceDefinition") continue;
      const group = doc.spec?.group;
      const kind = doc.spec?.names?.kind;
      if (!group || !kind) throw new Error(`${path}: CRD without spec.group or spec.names.kind`);
      for (const v of doc.spec?.versions ?? []) {
        if (!v.served || !v.name || !v.schema?.openAPIV3Schema) continue;
        out.push({
          group,
          kind,
          version: v.name,
          apiVersion: `${group}/${v.name}`,
          file: path.slice(root.length + 1),
          openAPIV3Schema: v.schema.openAPIV3Schema,
        });
      }
    }
  }
  crdCache = out;
  return out;
}

let schemaDirCache: string | undefined;

/**
 * A temp folder (made once per process) holding each CRD version as JSON Schema (draft-04, strict:
 * additionalProperties false except where the CRD preserves unknown fields), at
 * `<dir>/<group>/<kind lower-case>_<version>.json`.
 */
export function crdSchemaDir(): string {
  if (schemaDirCache) return schemaDirCache;
  const dir = tempDir("berth-crd-schemas-");
  for (const crd of loadCrds()) {
    const schema = crdToJsonSchema(crd.openAPIV3Schema, {
      strict: true,
      regex: "go",
      root: { apiVersion: crd.apiVersion, kind: crd.kind },
    });
    mkdirSync(join(dir, crd.group), { recursive: true });
    writeFileSync(
      join(dir, crd.group, `${crd.kind.toLowerCase()}_${crd.version}.json`),
      JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", ...schema }),
    );
  }
  schemaDirCache = dir;
  return dir;
}

export interface KubeconformOptions {
  /** Kinds (or group/version/kind) to skip, e.g. kinds no schema is available for here (HTTPRoute). */
  skip?: string[];
  /** Also accept custom resources the CRDs here don't cover (default false: a missing schema fails). */
  ignoreMissingSchemas?: boolean;
}

/** The kubeconform command line kubeconform() runs (exposed for messages and debugging). */
export function kubeconformArgs(files: string[], options: KubeconformOptions = {}): string[] {
  const args = [
    "-strict",
    "-summary",
    "-schema-location",
    join(builtinSchemaDir(), BUILTIN_TEMPLATE),
    "-schema-location",
    join(crdSchemaDir(), CRD_TEMPLATE),
  ];
  // kustomization.yaml is kustomize's input, not an object for the API server
  args.push("-ignore-filename-pattern", "(^|/)(kustomization|Kustomization)\\.ya?ml$");
  if (options.skip?.length) args.push("-skip", options.skip.join(","));
  if (options.ignoreMissingSchemas) args.push("-ignore-missing-schemas");
  return [...args, ...files];
}

/**
 * Runs `kubeconform -strict -summary` on files or folders: built-in kinds against the offline Kubernetes
 * schemas (`-schema-location default` needs the web, which is out of reach here), custom resources against
 * the shared CRDs. Throws when kubeconform is not installed (call requireTool("kubeconform") first).
 */
export function kubeconform(files: string[], options: KubeconformOptions = {}): { ok: boolean; output: string } {
  const bin = findTool("kubeconform");
  if (!bin) throw new Error("kubeconform not installed (call requireTool('kubeconform') first)");
  if (files.length === 0) throw new Error("kubeconform: no files given");
  const run = spawnSync(bin, kubeconformArgs(files, options), { encoding: "utf8", timeout: 120_000 });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

// ---- ajv, in-process -------------------------------------------------------------------------------------

const INT32 = 2 ** 31;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function makeAjv(): Ajv {
  const a = new Ajv({ allErrors: true, strict: false });
  // The formats the CRDs use (OpenAPI names, not JSON Schema's).
  a.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
  a.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  a.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  a.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/);
  return a;
}

function validatorFor(crd: CrdVersion): ValidateFunction {
  const key = `${crd.apiVersion}/${crd.kind}`;
  let v = validators.get(key);
  if (!v) {
    ajv ??= makeAjv();
    const schema: JsonObject = crdToJsonSchema(crd.openAPIV3Schema, {
      strict: true,
      regex: "js",
      root: { apiVersion: crd.apiVersion, kind: crd.kind },
    });
    v = ajv.compile(schema);
    validators.set(key, v);
  }
  return v;
}

/** The CRD version an object's apiVersion/kind names, if the shared CRDs have it. */
export function crdFor(object: { apiVersion?: unknown; kind?: unknown }): CrdVersion | undefined {
  return loadCrds().find((c) => c.apiVersion === object.apiVersion && c.kind === object.kind);
}

/**
 * Validates one custom resource (Rollout, AnalysisTemplate, Schedule, BackupStorageLocation, ScheduledBackup,
 * PrometheusRule, ServiceMonitor, …) against its CRD's schema, strictly (unknown fields are errors except
 * under x-kubernetes-preserve-unknown-fields; int-or-string accepts both). Returns messages like
 * `/spec/strategy/canary/steps/0: must NOT have additional property "setWeigth"`; [] means valid.
 * CEL rules (x-kubernetes-validations) are not checked. Throws when shared/ is missing.
 */
export function validateAgainstCrd(object: unknown): string[] {
  if (typeof object !== "object" || object === null || Array.isArray(object)) return ["/: not an object"];
  const o = object as { apiVersion?: unknown; kind?: unknown };
  const crd = crdFor(o);
  if (!crd) {
    const known = [...new Set(loadCrds().map((c) => `${c.apiVersion}/${c.kind}`))].join(", ");
    return [`/: no CRD here for apiVersion ${String(o.apiVersion)} kind ${String(o.kind)} (known: ${known})`];
  }
  const validate = validatorFor(crd);
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath || "/";
    if (e.keyword === "additionalProperties") {
      return `${where}: must NOT have additional property ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`;
    }
    return `${where}: ${e.message ?? e.keyword}${e.keyword === "enum" ? ` ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}` : ""}`;
  });
}
