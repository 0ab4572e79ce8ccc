/**
 * A faithful, offline evaluator of the Polaris check definitions (test support code).
 *
 * Polaris itself (a Go tool) is not available here. Its check files are provided as data in
 * `../shared/conformance/polaris/` (see SOURCE.md there) and are read at test time, as-is; this
 * module re-implements, in TypeScript, how Polaris applies them. No Polaris code was copied; the
 * semantics below were written from SOURCE.md, the check files themselves and the documented
 * behaviour of Polaris (pkg/config/schema.go, pkg/validator/schema.go, pkg/kube/resources.go).
 *
 * Pipeline, per object, the way `polaris audit --audit-path` does it:
 *
 * 1. Controllers. An object is a controller when a pod spec is found in it by Polaris's generic
 *    walk: starting at the top, repeatedly descend into the first present key among
 *    `jobTemplate`, `spec`, `template` (in that order, no backtracking); the map reached is the pod
 *    spec when it has a `containers` key. Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 *    Pod (`spec`), CronJob (`spec.jobTemplate.spec.template.spec`) and any CRD shaped like them
 *    (Argo `Rollout`: `spec.template.spec`) are therefore controllers; Polaris has no list of
 *    controller kinds. The pod *template* is the map whose `spec` is the pod spec
 *    (`spec.template`, `spec.jobTemplate.spec.template`, or the Pod itself).
 * 2. Each controller gets the `Controller` checks (data: the object), the checks that target its
 *    kind (none of the built-in ones do), the `PodSpec` and `PodTemplate` checks (data: the pod
 *    spec / the pod template), then the `Container` checks for every initContainer (first) and
 *    container. Non-controllers get the checks whose target is a `group/Kind` matching their
 *    kind. Like Polaris, matching is by kind only: a target matches when it equals the kind or
 *    ends with `/Kind` (`/ConfigMap`; `networking.k8s.io/Ingress` also matches an
 *    `extensions/v1beta1` Ingress).
 * 3. `controllers.include` / `controllers.exclude` compare the object's kind (for every target).
 *    `containers.include` / `containers.exclude` (`initContainer` / `container`) apply to
 *    `Container` checks. `schemaTarget: PodSpec` with `target: Container` validates a copy of
 *    the pod spec whose `containers` is just the current container (and no initContainers).
 * 4. Schemas: `schema` is serialised to JSON (as Polaris does with `json.Marshal`) and then,
 *    like `schemaString` and every `additionalSchemaStrings` / `additionalSchemas` entry, rendered
 *    as a Go text/template (see ./go-template.ts) against the object, plus — for PodSpec,
 *    PodTemplate and Container checks — `.Polaris.PodSpec`, `.Polaris.PodTemplate` and (Container
 *    checks) `.Polaris.Container`. The result is parsed as YAML 1.1 (Go's sigs.k8s.io/yaml
 *    resolves `yes`/`on`/`0755` the YAML 1.1 way; so does this parser) and validated with ajv's
 *    draft 2019-09 validator.
 * 5. Additional schemas: after the main schema passes, for each key (`group/Kind`, or a bare
 *    `Kind` for the core group) at least one object with that exact key in the same namespace
 *    must validate; none = fail. An additional template that renders to only whitespace is
 *    dropped (no requirement), as Polaris does.
 * 6. Exemptions: the annotations `polaris.fairwinds.com/exempt: "true"` and
 *    `polaris.fairwinds.com/<check>-exempt: "true"` on the object, and the config file's
 *    `exemptions` (namespace, controllerNames prefix, containerNames prefix, rules), exactly as
 *    Polaris applies them; an exempt check produces no result (Polaris reports nothing either).
 *
 * Decisions where the data or SOURCE.md leave room (each marked DECISION below as well):
 * - Pod specs and containers are normalised like Polaris's typed corev1 round trip (it converts
 *   them to `corev1.PodSpec` / `corev1.Container` and back to JSON before validating): null
 *   fields and the zero values of `omitempty` scalars that the checks can observe are dropped
 *   (e.g. `env[].value: ""`, `hostPort: 0`, empty `seLinuxOptions` fields), numeric resource
 *   quantities become strings, and `resources` is always present. Unknown fields are kept.
 *   Controller, PodTemplate and kind-target data are the raw objects.
 * - Rollout: Polaris compares `controllers.include: [Deployment]` with the kind string, so a real
 *   Polaris does NOT run deploymentMissingReplicas, missingPodDisruptionBudget or
 *   pdbMinAvailableGreaterThanHPAMinReplicas on an Argo Rollout. Per the brief, this evaluator
 *   treats an `argoproj.io` `Rollout` like a Deployment by default (stricter: it runs those checks
 *   too); pass `rolloutAsDeployment: false` for Polaris's exact behaviour.
 * - Additional objects are filtered by exact namespace equality (a `Namespace` object uses its own
 *   name), as Polaris does: cluster-scoped objects (namespace "") only satisfy cluster-scoped
 *   subjects. A namespaced RoleBinding that references a ClusterRole therefore finds no
 *   ClusterRole and fails the two RoleBinding→ClusterRole checks, as in Polaris.
 * - `pdbMinAvailableGreaterThanHPAMinReplicas` has no schema (Go code upstream); it is
 *   re-implemented here: the first PDB (any namespace) whose `selector.matchLabels` shares one
 *   key/value with the pod template labels and the first HPA (any namespace) whose
 *   `scaleTargetRef` is this Deployment; fail only when both exist, the PDB has `minAvailable`
 *   (an int, or a percentage scaled up against the HPA's minReplicas) and it is greater than the
 *   HPA's `minReplicas`. Malformed values pass (Polaris logs a warning and passes).
 * - Schema keywords whose value is YAML null (e.g. `required:` with nothing under it, which a
 *   false `{{ if }}` in linuxHardening produces, or hostPortSet's bare `required:`) are read the
 *   way Polaris's qri-io/jsonschema reads them: `required`/`properties`/`allOf` null = absent,
 *   `anyOf`/`oneOf` null = no alternatives (fails), a null subschema = the `false` schema.
 *   `$schema` is ignored (everything is evaluated as 2019-09). Other null keywords and `format`
 *   throw, as unsupported.
 * - Go RE2 patterns: a leading `(?flags)` (possibly after `^`), `(?P<name>`, `\A`, `\z` are
 *   translated for JavaScript; flags in other positions and other RE2-only syntax throw.
 * - The custom keywords `resourceMinimum` / `resourceMaximum` (used by config-full.yaml's custom
 *   checks, not by the built-in ones) compare Kubernetes quantities.
 * - `linuxHardening.yaml` spells `FailureMessage`: check-file keys are matched
 *   case-insensitively, like Go's decoder. Unknown keys throw.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2019 } from "ajv/dist/2019.js";
import type { ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";
import { renderGoTemplate } from "./go-template.js";

export type PolarisSeverity = "warning" | "danger";

export interface PolarisResult {
  /** check ID: the check file name without `.yaml` */
  check: string;
  severity: PolarisSeverity;
  /** the check's `target` */
  target: string;
  /** `Kind/name` of the object the check ran on */
  object: string;
  /** container name, for Container checks */
  container?: string;
  passed: boolean;
  message: string;
}

export interface PolarisOptions {
  /** folder of `<checkID>.yaml` files; default `<repo>/../shared/conformance/polaris/checks` */
  checksDir?: string;
  /** Polaris config (severities, exemptions, customChecks); default `…/config/default.yaml` */
  configFile?: string;
  /** treat `argoproj.io` `Rollout` like `Deployment` in `controllers.include/exclude` (default true) */
  rolloutAsDeployment?: boolean;
}

type JsonObject = Record<string, unknown>;

const here = dirname(fileURLToPath(import.meta.url));
/** `<repo>/../shared/conformance/polaris` */
export const polarisDataDir = resolve(here, "..", "..", "..", "shared", "conformance", "polaris");

/** True when the shared Polaris check data is present. */
export function polarisAvailable(): boolean {
  return existsSync(join(polarisDataDir, "checks")) && existsSync(join(polarisDataDir, "config", "default.yaml"));
}

// ---------------------------------------------------------------------------------------------
// Helpers

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A JSON round trip: what Polaris validates is always re-decoded JSON. */
function jsonClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** YAML as Go's sigs.k8s.io/yaml (go-yaml v2) reads it: YAML 1.1 scalars, but no timestamps or sexagesimals. */
export function parseGoYaml(text: string): unknown {
  return parseYaml(text, {
    version: "1.1",
    customTags: (tags) =>
      tags.filter((t) => typeof t === "string" || !(t.tag === "tag:yaml.org,2002:timestamp" || ("format" in t && t.format === "TIME"))),
  });
}

// ---------------------------------------------------------------------------------------------
// Go RE2 patterns → JavaScript

/**
 * Translates a Go (RE2) pattern for JavaScript's RegExp. Handles a flag group `(?i)` / `(?s)` /
 * `(?m)` at the start of the pattern or right after a leading `^` (where it applies to the whole
 * pattern), `(?P<name>…)`, `\A` and `\z`. Throws on RE2 syntax it cannot translate faithfully.
 */
export function translateGoRegExp(pattern: string): { source: string; flags: string } {
  let out = "";
  let flags = "";
  let i = 0;
  let inClass = false;
  let depth = 0;
  let sawAtom = false;
  const fail = (what: string): never => {
    throw new Error(`Go regexp ${JSON.stringify(pattern)}: ${what} is not supported`);
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      const n = pattern[i + 1];
      if (n === undefined) fail("a trailing backslash");
      if (n === "Q" || n === "p" || n === "P" || n === "C") fail(`\\${n}`);
      if (!inClass && n === "A") {
        out += "(?<![\\s\\S])";
      } else if (!inClass && n === "z") {
        out += "(?![\\s\\S])";
      } else {
        out += c + n;
      }
      i += 2;
      sawAtom = true;
      continue;
    }
    if (inClass) {
      if (c === "[" && pattern[i + 1] === ":") fail("a POSIX class");
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === "^") {
        out += "^";
        i++;
      }
      if (pattern[i] === "]") {
        out += "\\]";
        i++;
      }
      sawAtom = true;
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      if (pattern.startsWith("(?P<", i)) {
        out += "(?<";
        i += 4;
        depth++;
        sawAtom = true;
        continue;
      }
      const m = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(pattern.slice(i));
      if (!m) fail("this group syntax");
      const [whole, on = "", off = "", end] = m!;
      if (end === ":") {
        if (on || off) fail("a scoped flag group");
        out += "(?:";
        i += whole.length;
        depth++;
        sawAtom = true;
        continue;
      }
      if (depth > 0 || sawAtom || off) fail("a flag group that does not apply to the whole pattern");
      if (on.includes("U")) fail("the U flag");
      for (const f of on) if (!flags.includes(f)) flags += f;
      i += whole.length;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c !== "^") sawAtom = true;
    out += c;
    i++;
  }
  if (inClass) fail("an unterminated character class");
  return { source: out, flags };
}

const goRegExp = Object.assign(
  (pattern: string, flags: string) => {
    const t = translateGoRegExp(pattern);
    return new RegExp(t.source, flags + t.flags);
  },
  { code: "goRegExp" },
);

// ---------------------------------------------------------------------------------------------
// Kubernetes quantities (for resourceMinimum / resourceMaximum)

const QUANTITY_SUFFIX: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/** A quantity's value, or undefined when it does not parse (Polaris then fails the keyword). */
export function parseQuantity(v: unknown): number | undefined {
  const text = typeof v === "number" ? v.toFixed(6) : typeof v === "string" ? v : undefined;
  if (text === undefined) return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(text);
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * QUANTITY_SUFFIX[m[3] ?? ""]!;
}

// ---------------------------------------------------------------------------------------------
// Schemas: null handling as qri-io/jsonschema reads it, compile cache

const SUBSCHEMA = new Set([
  "items", "additionalItems", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
  "unevaluatedItems", "unevaluatedProperties", "contentSchema",
]);
const SUBSCHEMA_MAP = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SUBSCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf"]);
const VALUE_KEYWORDS = new Set(["const", "enum", "default", "examples"]);

/** DECISION: YAML-null keywords read as qri-io/jsonschema reads them (see the header). */
function normalizeSchema(s: unknown, where: string): unknown {
  if (s === null) return false;
  if (typeof s === "boolean") return s;
  if (!isObject(s)) throw new Error(`${where}: a schema must be an object or a boolean, got ${JSON.stringify(s)}`);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === "$schema") continue;
    if (k === "format") throw new Error(`${where}: the "format" keyword is not supported by this evaluator`);
    if (VALUE_KEYWORDS.has(k)) {
      if (v === null && k === "enum") throw new Error(`${where}: "enum: null" is not supported`);
      out[k] = v;
    } else if (SUBSCHEMA.has(k)) {
      out[k] = Array.isArray(v) ? v.map((e, i) => normalizeSchema(e, `${where}/${k}/${i}`)) : normalizeSchema(v, `${where}/${k}`);
    } else if (SUBSCHEMA_MAP.has(k)) {
      if (v === null) continue;
      if (!isObject(v)) throw new Error(`${where}/${k}: expected a map of schemas`);
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, normalizeSchema(sub, `${where}/${k}/${name}`)]));
    } else if (SUBSCHEMA_LIST.has(k)) {
      if (v === null) {
        if (k !== "allOf") out[k] = [false];
        continue;
      }
      if (!Array.isArray(v)) throw new Error(`${where}/${k}: expected a list of schemas`);
      out[k] = v.map((e, i) => normalizeSchema(e, `${where}/${k}/${i}`));
    } else if (v === null) {
      if (k === "required") continue;
      throw new Error(`${where}: "${k}: null" is not supported`);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function newAjv(): Ajv2019 {
  // strictSchema: an unknown keyword throws instead of being ignored (it may be a feature this
  // evaluator lacks). Type/tuple/required strictness is off: those are style rules, not semantics.
  const ajv = new Ajv2019({
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: false,
    unicodeRegExp: false,
    code: { regExp: goRegExp },
  });
  for (const [keyword, isMinimum] of [["resourceMinimum", true], ["resourceMaximum", false]] as const) {
    ajv.addKeyword({
      keyword,
      schemaType: ["string", "number"],
      errors: false,
      validate: (limit: unknown, data: unknown) => {
        const l = parseQuantity(limit);
        const a = parseQuantity(data);
        if (l === undefined || a === undefined) return false;
        return isMinimum ? !(l > a) : !(l < a);
      },
    });
  }
  return ajv;
}

class SchemaCache {
  private readonly ajv = newAjv();
  private readonly compiled = new Map<string, ValidateFunction>();
  validator(schema: unknown, where: string): ValidateFunction {
    const normalized = normalizeSchema(schema, where);
    const key = JSON.stringify(normalized);
    let fn = this.compiled.get(key);
    if (!fn) {
      try {
        fn = this.ajv.compile(normalized as object | boolean);
      } catch (e) {
        throw new Error(`${where}: schema does not compile: ${(e as Error).message}`);
      }
      this.compiled.set(key, fn);
    }
    return fn;
  }
}

/** Compiled validators are pure functions of the schema text: share them across calls. */
const schemaCache = new SchemaCache();

// ---------------------------------------------------------------------------------------------
// Check files and config

interface IncludeExclude {
  include: string[];
  exclude: string[];
}

interface CheckDef {
  id: string;
  successMessage: string;
  failureMessage: string;
  target: string;
  schemaTarget: string;
  controllers: IncludeExclude;
  containers: IncludeExclude;
  /** template text of the main schema (schemaString, or `schema` serialised to JSON) */
  schemaText: string | null;
  /** key (`group/Kind` or core `Kind`) → template text */
  additional: Array<[string, string]>;
}

/** Checks implemented in Go upstream rather than by a schema. */
const CUSTOM_CHECKS = new Set(["pdbMinAvailableGreaterThanHPAMinReplicas"]);

const CHECK_KEYS: Record<string, string> = Object.fromEntries(
  [
    "id", "successMessage", "failureMessage", "category", "target", "schemaTarget", "controllers", "containers",
    "schema", "schemaString", "additionalSchemas", "additionalSchemaStrings", "mutations",
  ].map((k) => [k.toLowerCase(), k]),
);

function stringList(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((e) => typeof e === "string")) throw new Error(`${where}: expected a list of strings`);
  return v as string[];
}

function includeExclude(v: unknown, where: string): IncludeExclude {
  if (v === undefined || v === null) return { include: [], exclude: [] };
  if (!isObject(v)) throw new Error(`${where}: expected {include, exclude}`);
  for (const k of Object.keys(v)) if (k !== "include" && k !== "exclude") throw new Error(`${where}: unknown key ${k}`);
  return { include: stringList(v.include, `${where}.include`), exclude: stringList(v.exclude, `${where}.exclude`) };
}

function parseCheck(id: string, raw: unknown, where: string): CheckDef {
  if (!isObject(raw)) throw new Error(`${where}: a check must be a map`);
  // DECISION: keys match case-insensitively, as Go's decoder does (linuxHardening's `FailureMessage`).
  const c: JsonObject = {};
  for (const [k, v] of Object.entries(raw)) {
    const canonical = CHECK_KEYS[k.toLowerCase()];
    if (!canonical) throw new Error(`${where}: unknown check key "${k}" (not supported)`);
    c[canonical] = v;
  }
  const str = (k: string) => {
    const v = c[k];
    if (v === undefined || v === null) return "";
    if (typeof v !== "string") throw new Error(`${where}: ${k} must be a string`);
    return v;
  };
  if (c.schema !== undefined && c.schemaString !== undefined) throw new Error(`${where}: both schema and schemaString are set`);
  let schemaText: string | null = null;
  if (typeof c.schemaString === "string" && c.schemaString !== "") schemaText = c.schemaString;
  else if (c.schema !== undefined && c.schema !== null) schemaText = JSON.stringify(c.schema);
  if (schemaText === null && !CUSTOM_CHECKS.has(id)) throw new Error(`${where}: check has no schema`);
  const additional = new Map<string, string>();
  if (c.additionalSchemaStrings !== undefined && c.additionalSchemaStrings !== null) {
    if (!isObject(c.additionalSchemaStrings)) throw new Error(`${where}: additionalSchemaStrings must be a map`);
    for (const [k, v] of Object.entries(c.additionalSchemaStrings)) {
      if (typeof v !== "string") throw new Error(`${where}: additionalSchemaStrings.${k} must be a string`);
      additional.set(k, v);
    }
  }
  if (c.additionalSchemas !== undefined && c.additionalSchemas !== null) {
    if (!isObject(c.additionalSchemas)) throw new Error(`${where}: additionalSchemas must be a map`);
    for (const [k, v] of Object.entries(c.additionalSchemas)) additional.set(k, JSON.stringify(v));
  }
  const target = str("target");
  if (!target) throw new Error(`${where}: check has no target`);
  const schemaTarget = str("schemaTarget");
  if (schemaTarget && !(schemaTarget === "PodSpec" && target === "Container")) {
    throw new Error(`${where}: schemaTarget ${schemaTarget} with target ${target} is not supported (Polaris: unknown combination)`);
  }
  return {
    id,
    successMessage: str("successMessage"),
    failureMessage: str("failureMessage"),
    target,
    schemaTarget,
    controllers: includeExclude(c.controllers, `${where}.controllers`),
    containers: includeExclude(c.containers, `${where}.containers`),
    schemaText,
    additional: [...additional.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

interface Exemption {
  namespace: string;
  controllerNames: string[];
  containerNames: string[];
  rules: string[];
}

interface PolarisConfig {
  severities: Map<string, "ignore" | PolarisSeverity>;
  exemptions: Exemption[];
  customChecks: Map<string, CheckDef>;
  disallowAnnotationExemptions: boolean;
  disallowConfigExemptions: boolean;
}

const CONFIG_KEYS = new Set([
  "checks", "exemptions", "customChecks", "mutations", "displayName",
  "disallowExemptions", "disallowConfigExemptions", "disallowAnnotationExemptions",
]);

function loadConfig(file: string): PolarisConfig {
  const raw = parseGoYaml(readFileSync(file, "utf8"));
  if (!isObject(raw)) throw new Error(`${file}: config must be a map`);
  for (const k of Object.keys(raw)) if (!CONFIG_KEYS.has(k)) throw new Error(`${file}: config key "${k}" is not supported`);
  const severities = new Map<string, "ignore" | PolarisSeverity>();
  if (!isObject(raw.checks)) throw new Error(`${file}: config has no checks map`);
  for (const [id, sev] of Object.entries(raw.checks)) {
    if (sev !== "ignore" && sev !== "warning" && sev !== "danger") throw new Error(`${file}: severity of ${id} must be ignore|warning|danger, got ${String(sev)}`);
    severities.set(id, sev);
  }
  const exemptions = stringlessList(raw.exemptions, file).map((e, i): Exemption => {
    const where = `${file}: exemptions[${i}]`;
    if (!isObject(e)) throw new Error(`${where} must be a map`);
    for (const k of Object.keys(e)) if (!["namespace", "controllerNames", "containerNames", "rules"].includes(k)) throw new Error(`${where}: unknown key ${k}`);
    if (e.namespace !== undefined && e.namespace !== null && typeof e.namespace !== "string") throw new Error(`${where}.namespace must be a string`);
    return {
      namespace: typeof e.namespace === "string" ? e.namespace : "",
      controllerNames: stringList(e.controllerNames, `${where}.controllerNames`),
      containerNames: stringList(e.containerNames, `${where}.containerNames`),
      rules: stringList(e.rules, `${where}.rules`),
    };
  });
  const customChecks = new Map<string, CheckDef>();
  if (raw.customChecks !== undefined && raw.customChecks !== null) {
    if (!isObject(raw.customChecks)) throw new Error(`${file}: customChecks must be a map`);
    for (const [id, def] of Object.entries(raw.customChecks)) customChecks.set(id, parseCheck(id, def, `${file}: customChecks.${id}`));
  }
  const all = raw.disallowExemptions === true;
  return {
    severities,
    exemptions,
    customChecks,
    disallowAnnotationExemptions: all || raw.disallowAnnotationExemptions === true,
    disallowConfigExemptions: all || raw.disallowConfigExemptions === true,
  };
}

function stringlessList(v: unknown, where: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`${where}: expected a list`);
  return v;
}

function loadChecks(dir: string): Map<string, CheckDef> {
  const checks = new Map<string, CheckDef>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const id = basename(file, ".yaml");
    const path = join(dir, file);
    checks.set(id, parseCheck(id, parseGoYaml(readFileSync(path, "utf8")), path));
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Resources

interface Resource {
  raw: JsonObject;
  kind: string;
  group: string;
  /** `group/Kind`, or `Kind` for the core group: Polaris's resource map key */
  key: string;
  name: string;
  namespace: string;
  annotations: JsonObject;
  podSpec: JsonObject | null;
  /** the raw pod template (map whose `spec` is the pod spec), or null */
  podTemplate: JsonObject | null;
  typedPodSpec: JsonObject | null;
}

const POD_SPEC_FIELDS = ["jobTemplate", "spec", "template"];

/** Polaris's generic pod spec walk (see the header). */
function findPodSpec(obj: JsonObject, where: string): { podSpec: JsonObject; podTemplate: JsonObject | null } | null {
  let parent: JsonObject | null = null;
  let via = "";
  let cur = obj;
  for (;;) {
    const key = POD_SPEC_FIELDS.find((k) => Object.prototype.hasOwnProperty.call(cur, k));
    if (key === undefined) break;
    const child = cur[key];
    if (!isObject(child)) throw new Error(`${where}: .${key} is not a map (Polaris would fail to load this object)`);
    parent = cur;
    via = key;
    cur = child;
  }
  if (!Object.prototype.hasOwnProperty.call(cur, "containers")) return null;
  return { podSpec: cur, podTemplate: via === "spec" ? parent : null };
}

function dropValues(o: JsonObject, keys: string[], zero: unknown): void {
  for (const k of keys) if (o[k] === zero) delete o[k];
}
function dropEmptyArrays(o: JsonObject, keys: string[]): void {
  for (const k of keys) if (Array.isArray(o[k]) && (o[k] as unknown[]).length === 0) delete o[k];
}
function dropEmptyMaps(o: JsonObject, keys: string[]): void {
  for (const k of keys) if (isObject(o[k]) && Object.keys(o[k] as JsonObject).length === 0) delete o[k];
}
function dropNulls(v: unknown, keepNull: string[] = []): unknown {
  if (Array.isArray(v)) return v.map((e) => dropNulls(e));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, e] of Object.entries(v)) if (e !== null || keepNull.includes(k)) out[k] = dropNulls(e);
  return out;
}
function quantitiesToStrings(o: unknown): void {
  if (!isObject(o)) return;
  for (const [k, v] of Object.entries(o)) if (typeof v === "number") o[k] = String(v);
}

function typedSecurityContext(sc: unknown, pod: boolean): void {
  if (!isObject(sc)) return;
  if (isObject(sc.seLinuxOptions)) dropValues(sc.seLinuxOptions, ["user", "role", "type", "level"], "");
  if (isObject(sc.capabilities)) dropEmptyArrays(sc.capabilities, ["add", "drop"]);
  if (pod) dropEmptyArrays(sc, ["supplementalGroups", "sysctls"]);
}

function typedContainer(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const c = raw;
  if (c.name === undefined) c.name = ""; // `json:"name"`, no omitempty
  dropValues(c, ["image", "imagePullPolicy", "workingDir", "terminationMessagePath", "terminationMessagePolicy"], "");
  dropValues(c, ["stdin", "stdinOnce", "tty"], false);
  dropEmptyArrays(c, ["command", "args", "ports", "envFrom", "env", "volumeMounts", "volumeDevices", "resizePolicy"]);
  if (Array.isArray(c.ports)) {
    for (const p of c.ports) {
      if (!isObject(p)) continue;
      dropValues(p, ["hostPort"], 0);
      dropValues(p, ["name", "hostIP", "protocol"], "");
    }
  }
  if (Array.isArray(c.env)) for (const e of c.env) if (isObject(e)) dropValues(e, ["value"], "");
  if (!isObject(c.resources)) c.resources = {};
  const res = c.resources as JsonObject;
  quantitiesToStrings(res.limits);
  quantitiesToStrings(res.requests);
  dropEmptyMaps(res, ["limits", "requests"]);
  dropEmptyArrays(res, ["claims"]);
  typedSecurityContext(c.securityContext, false);
  return c;
}

/**
 * DECISION: an approximation of Polaris's typed round trip (JSON → corev1.PodSpec → JSON) for
 * the fields the checks can observe; see the header.
 */
function typedPodSpec(raw: JsonObject): JsonObject {
  const spec = dropNulls(jsonClone(raw), ["containers"]) as JsonObject;
  dropValues(spec, ["hostNetwork", "hostPID", "hostIPC"], false);
  dropValues(
    spec,
    ["serviceAccountName", "serviceAccount", "priorityClassName", "nodeName", "hostname", "subdomain", "schedulerName", "restartPolicy", "dnsPolicy"],
    "",
  );
  dropEmptyArrays(spec, [
    "volumes", "initContainers", "imagePullSecrets", "tolerations", "topologySpreadConstraints", "hostAliases",
    "ephemeralContainers", "readinessGates", "resourceClaims", "schedulingGates",
  ]);
  quantitiesToStrings(spec.overhead);
  dropEmptyMaps(spec, ["nodeSelector", "overhead"]);
  typedSecurityContext(spec.securityContext, true);
  for (const k of ["containers", "initContainers", "ephemeralContainers"]) {
    if (Array.isArray(spec[k])) spec[k] = (spec[k] as unknown[]).map(typedContainer);
  }
  return spec;
}

function toResource(obj: Record<string, unknown>, index: number): Resource {
  const where = `object #${index}`;
  if (!isObject(obj)) throw new Error(`${where}: not a map`);
  const raw = jsonClone(obj);
  const kind = raw.kind;
  const apiVersion = raw.apiVersion;
  if (typeof kind !== "string" || !kind) throw new Error(`${where}: no kind`);
  if (typeof apiVersion !== "string" || !apiVersion) throw new Error(`${where} (${kind}): no apiVersion`);
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const meta = isObject(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === "string" ? meta.name : "";
  const found = findPodSpec(raw, `${where} (${kind}/${name})`);
  return {
    raw,
    kind,
    group,
    key: group ? `${group}/${kind}` : kind,
    name,
    namespace: typeof meta.namespace === "string" ? meta.namespace : "",
    annotations: isObject(meta.annotations) ? meta.annotations : {},
    podSpec: found?.podSpec ?? null,
    podTemplate: found?.podTemplate ?? null,
    typedPodSpec: found ? typedPodSpec(found.podSpec) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Applicability and exemptions

const HANDLED_TARGETS = new Set(["Controller", "Container", "PodSpec", "PodTemplate"]);

function isArgoRollout(res: Resource): boolean {
  return res.kind === "Rollout" && res.group === "argoproj.io";
}

/** DECISION: an Argo Rollout matches `Deployment` in include/exclude lists unless disabled (see the header). */
function kindMatches(entry: string, res: Resource, rolloutAsDeployment: boolean): boolean {
  return entry === res.kind || (rolloutAsDeployment && entry === "Deployment" && isArgoRollout(res));
}

/** Polaris's SchemaCheck.IsActionable. `testTarget` is "" for non-controllers. */
function isActionable(check: CheckDef, testTarget: string, res: Resource, isInit: boolean, rolloutAsDeployment: boolean): boolean {
  if (HANDLED_TARGETS.has(testTarget)) {
    if (!(check.target === "PodTemplate" && testTarget === "PodSpec") && check.target !== testTarget) return false;
  } else if (check.target !== res.kind && !check.target.endsWith(`/${res.kind}`)) {
    return false;
  }
  const { include, exclude } = check.controllers;
  if (include.length > 0 && !include.some((k) => kindMatches(k, res, rolloutAsDeployment))) return false;
  if (exclude.some((k) => kindMatches(k, res, rolloutAsDeployment))) return false;
  if (check.target === "Container") {
    const matches = (e: string) => (e === "initContainer" && isInit) || (e === "container" && !isInit);
    if (check.containers.include.length > 0 && !check.containers.include.some(matches)) return false;
    if (check.containers.exclude.some(matches)) return false;
  }
  return true;
}

function annotationExempt(res: Resource, checkID: string): boolean {
  const truthy = (v: unknown) => typeof v === "string" && v.toLowerCase() === "true";
  return truthy(res.annotations["polaris.fairwinds.com/exempt"]) || truthy(res.annotations[`polaris.fairwinds.com/${checkID}-exempt`]);
}

function configExempt(config: PolarisConfig, checkID: string, res: Resource, containerName: string): boolean {
  if (config.disallowConfigExemptions) return false;
  const prefixMatch = (list: string[], value: string) => list.length === 0 || list.some((p) => value.startsWith(p));
  for (const ex of config.exemptions) {
    if (ex.namespace !== "" && ex.namespace !== res.namespace) continue;
    if (ex.rules.length > 0 && !ex.rules.includes(checkID)) continue;
    if (!prefixMatch(ex.controllerNames, res.name)) continue;
    if (prefixMatch(ex.containerNames, containerName)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The custom (Go-implemented) check

/** DECISION: re-implementation of the Go-only check (see the header). */
function pdbMinAvailableGreaterThanHPAMinReplicas(res: Resource, byKey: Map<string, Resource[]>, rolloutAsDeployment: boolean): boolean {
  const spec = isObject(res.raw.spec) ? res.raw.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const tmeta = isObject(template.metadata) ? template.metadata : {};
  const labels = isObject(tmeta.labels) ? tmeta.labels : {};
  const pdb = (byKey.get("policy/PodDisruptionBudget") ?? []).find((p) => {
    const selector = isObject(p.raw.spec) ? p.raw.spec.selector : undefined;
    if (!isObject(selector)) return false;
    const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
    // Polaris: any one PDB label equal to the template's value for that key ("" when absent).
    return Object.entries(matchLabels).some(([k, v]) => (typeof labels[k] === "string" ? labels[k] : "") === v);
  });
  const targetKind = rolloutAsDeployment && isArgoRollout(res) ? res.kind : "Deployment";
  const hpa = (byKey.get("autoscaling/HorizontalPodAutoscaler") ?? []).find((h) => {
    const ref = isObject(h.raw.spec) && isObject(h.raw.spec.scaleTargetRef) ? h.raw.spec.scaleTargetRef : {};
    return ref.kind === targetKind && ref.name === res.name;
  });
  if (!pdb || !hpa) return true;
  const minAvailable = (pdb.raw.spec as JsonObject).minAvailable;
  const minReplicasRaw = (hpa.raw.spec as JsonObject).minReplicas;
  const minReplicas = typeof minReplicasRaw === "number" && Number.isInteger(minReplicasRaw) ? minReplicasRaw : undefined;
  let value: number;
  if (minAvailable === undefined || minAvailable === null) return true;
  if (typeof minAvailable === "number") {
    if (!Number.isInteger(minAvailable)) return true;
    value = minAvailable;
  } else if (typeof minAvailable === "string") {
    if (!minAvailable.endsWith("%") || !/^[+-]?[0-9]+$/.test(minAvailable.slice(0, -1))) return true;
    if (minReplicas === undefined) return true;
    value = Math.ceil((Number(minAvailable.slice(0, -1)) * minReplicas) / 100);
  } else {
    return true;
  }
  return !(minReplicas !== undefined && value > minReplicas);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface Evaluation {
  config: PolarisConfig;
  checks: Map<string, CheckDef>;
  active: CheckDef[];
  byKey: Map<string, Resource[]>;
  cache: SchemaCache;
  rolloutAsDeployment: boolean;
}

function renderSchema(text: string, input: unknown, where: string): { empty: boolean; schema: unknown } {
  const rendered = text.includes("{{") ? renderGoTemplate(text, input, where) : text;
  if (rendered.trim() === "") return { empty: true, schema: null };
  let schema: unknown;
  try {
    schema = parseGoYaml(rendered);
  } catch (e) {
    throw new Error(`${where}: rendered schema is not valid YAML: ${(e as Error).message}\n${rendered}`);
  }
  return { empty: false, schema };
}

function runCheck(ev: Evaluation, check: CheckDef, res: Resource, data: unknown, input: unknown, where: string): boolean {
  if (check.schemaText === null) {
    if (check.id === "pdbMinAvailableGreaterThanHPAMinReplicas") return pdbMinAvailableGreaterThanHPAMinReplicas(res, ev.byKey, ev.rolloutAsDeployment);
    throw new Error(`${where}: no schema`);
  }
  // Like Polaris, render every template before validating anything.
  const main = renderSchema(check.schemaText, input, `${check.id}`);
  if (main.empty) throw new Error(`${where}: the main schema rendered empty (not supported)`);
  const additional = check.additional
    .map(([key, text]) => ({ key, ...renderSchema(text, input, `${check.id}[${key}]`) }))
    .filter((a) => !a.empty);
  let passes = ev.cache.validator(main.schema, check.id)(jsonClone(data)) as boolean;
  const namespace = res.kind === "Namespace" ? res.name : res.namespace;
  for (const a of additional) {
    if (!passes) break;
    const validate = ev.cache.validator(a.schema, `${check.id}[${a.key}]`);
    // DECISION (as Polaris): exact namespace equality; cluster-scoped objects only serve cluster-scoped subjects.
    const candidates = (ev.byKey.get(a.key) ?? []).filter((o) => o.namespace === namespace);
    passes = candidates.some((o) => validate(jsonClone(o.raw)) as boolean);
  }
  return passes;
}

function applyChecks(
  ev: Evaluation,
  res: Resource,
  testTarget: string,
  out: PolarisResult[],
  container?: { typed: JsonObject; isInit: boolean },
): void {
  const containerName = container && typeof container.typed.name === "string" ? container.typed.name : "";
  for (const check of ev.active) {
    if (!ev.config.disallowAnnotationExemptions && annotationExempt(res, check.id)) continue;
    if (configExempt(ev.config, check.id, res, containerName)) continue;
    if (!isActionable(check, testTarget, res, container?.isInit ?? false, ev.rolloutAsDeployment)) continue;

    let data: unknown;
    let polaris: JsonObject | null = null;
    if (testTarget === "PodSpec" || testTarget === "Container") {
      polaris = { PodSpec: res.typedPodSpec };
      if (res.podTemplate) polaris.PodTemplate = res.podTemplate;
    }
    if (check.target === "Controller" || !HANDLED_TARGETS.has(check.target)) {
      data = res.raw;
    } else if (check.target === "PodSpec") {
      data = res.typedPodSpec;
    } else if (check.target === "PodTemplate") {
      data = res.podTemplate;
    } else {
      polaris!.Container = container!.typed;
      if (check.schemaTarget === "PodSpec") {
        const copy: JsonObject = { ...res.typedPodSpec!, containers: [container!.typed] };
        delete copy.initContainers;
        data = copy;
      } else {
        data = container!.typed;
      }
    }
    const input = jsonClone(res.raw);
    if (polaris) input.Polaris = jsonClone(polaris);
    const object = `${res.kind}/${res.name}`;
    const passed = runCheck(ev, check, res, data, input, `${check.id} on ${object}${containerName ? `[${containerName}]` : ""}`);
    const severity = ev.config.severities.get(check.id) as PolarisSeverity;
    out.push({
      check: check.id,
      severity,
      target: check.target,
      object,
      ...(container ? { container: containerName } : {}),
      passed,
      message: passed ? check.successMessage : check.failureMessage,
    });
  }
}

interface Prepared {
  config: PolarisConfig;
  checks: Map<string, CheckDef>;
  active: CheckDef[];
}

/** Parsed check folders and configs, by path: they are read-only test data. */
const prepared = new Map<string, Prepared>();

function prepare(options: PolarisOptions): Prepared {
  const checksDir = resolve(options.checksDir ?? join(polarisDataDir, "checks"));
  const configFile = resolve(options.configFile ?? join(polarisDataDir, "config", "default.yaml"));
  const cacheKey = JSON.stringify([checksDir, configFile]);
  const hit = prepared.get(cacheKey);
  if (hit) return hit;
  const config = loadConfig(configFile);
  const checks = loadChecks(checksDir);
  for (const [id, def] of config.customChecks) checks.set(id, def); // custom checks win, as in Polaris
  const active: CheckDef[] = [];
  for (const id of [...config.severities.keys()].sort()) {
    const sev = config.severities.get(id);
    if (sev !== "warning" && sev !== "danger") continue;
    const def = checks.get(id);
    if (!def) throw new Error(`Check ${id} not found (config ${configFile}, checks ${checksDir})`);
    active.push(def);
  }
  const result = { config, checks, active };
  prepared.set(cacheKey, result);
  return result;
}

/** The checks that run (severity warning or danger), sorted by ID, with their target. */
export function activePolarisChecks(options: PolarisOptions = {}): Array<{ check: string; severity: PolarisSeverity; target: string }> {
  const { config, active } = prepare(options);
  return active.map((c) => ({ check: c.id, severity: config.severities.get(c.id) as PolarisSeverity, target: c.target }));
}

/**
 * Runs every check whose severity in the config is `warning` or `danger` against every object it
 * applies to, the way Polaris does. Throws on anything the evaluator does not support.
 */
export function evaluatePolaris(objects: Array<Record<string, unknown>>, options: PolarisOptions = {}): PolarisResult[] {
  const { config, checks, active } = prepare(options);
  const resources = objects.map(toResource);
  const byKey = new Map<string, Resource[]>();
  for (const r of resources) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const ev: Evaluation = { config, checks, active, byKey, cache: schemaCache, rolloutAsDeployment: options.rolloutAsDeployment ?? true };

  const out: PolarisResult[] = [];
  for (const res of resources) {
    if (!res.typedPodSpec) {
      applyChecks(ev, res, "", out);
      continue;
    }
    applyChecks(ev, res, "Controller", out);
    applyChecks(ev, res, "", out); // a controller also gets the checks that target its kind
    applyChecks(ev, res, "PodSpec", out);
    for (const [key, isInit] of [["initContainers", true], ["containers", false]] as const) {
      const list = res.typedPodSpec[key];
      if (!Array.isArray(list)) continue;
      for (const c of list) applyChecks(ev, res, "Container", out, { typed: isObject(c) ? c : {}, isInit });
    }
  }
  return out;
}

/**
 * Polaris's score: 100 * 2·passes / (2·passes + warnings + 2·dangers), truncated, over the
 * given results (failed warnings and failed dangers); 100 when there are none.
 */
export function polarisScore(results: PolarisResult[]): number {
  const passes = results.filter((r) => r.passed).length;
  const warnings = results.filter((r) => !r.passed && r.severity === "warning").length;
  const dangers = results.filter((r) => !r.passed && r.severity === "danger").length;
  const total = 2 * passes + warnings + 2 * dangers;
  return total === 0 ? 100 : Math.floor((100 * 2 * passes) / total);
}

/** One line per failed result, for assertion messages: `danger runAsRootAllowed Deployment/web [web]: …`. */
export function describeFailures(results: PolarisResult[]): string[] {
  return results
    .filter((r) => !r.passed)
    .map((r) => `${r.severity} ${r.check} ${r.object}${r.container !== undefined ? ` [${r.container}]` : ""}: ${r.message}`);
}
