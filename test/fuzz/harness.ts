/**
 * The hostile-input fuzz harness (issue 12): structured and byte-level mutations of every example,
 * in YAML, JSON and HCL, through the library as the CLI uses it. Shared by the bounded sample in
 * the vitest suite (fuzz.test.ts) and long runs (`npm run fuzz -- --runs N`, scripts/fuzz.mjs).
 *
 * Properties, for every generated manifest:
 * 1. no exception escapes loadManifest, lintManifest or planCompile;
 * 2. every diagnostic is located (line ≥ 1, col ≥ 1);
 * 3. an accepted manifest compiles with every emitter, twice byte-identically, into output that
 *    parses (YAML strictly, JSON) and whose Kubernetes objects the conformance checks accept
 *    (kubernetes-models for the kinds it has; metadata names, label and annotation limits);
 * 4. a credential planted in a random string position (a unique token in a credential's shape)
 *    appears in no output file, no message, hint, fact or lint report.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parseAllDocuments, parse as parseYamlText, stringify } from "yaml";
import { EMITTERS } from "../../emitters/index.js";
import { planCompile } from "../../src/compile.js";
import { lintManifest } from "../../src/lint/lint-manifest.js";
import { loadManifest } from "../../src/pipeline.js";
import { validateBuiltIn, modelFor } from "../support/k8s-models.js";

export interface Base {
  name: string;
  format: "yaml" | "hcl";
  text: string;
  /** The example's data (YAML bases only: structured mutations re-serialize it). */
  data?: unknown;
}

/** Every example, in YAML and in HCL. */
export function loadBases(root = fileURLToPath(new URL("../..", import.meta.url))): Base[] {
  const dir = join(root, "examples");
  return readdirSync(dir)
    .sort()
    .flatMap((example) => {
      const yaml = readFileSync(join(dir, example, "service.yaml"), "utf8");
      const hcl = readFileSync(join(dir, example, "service.hcl"), "utf8");
      return [
        { name: `${example}/service.yaml`, format: "yaml" as const, text: yaml, data: parseYamlText(yaml) },
        { name: `${example}/service.hcl`, format: "hcl" as const, text: hcl },
      ];
    });
}

// ---------------------------------------------------------------------------------------------
// Values and mutations

/** Strings that have broken a reader, a rule or an output before, or look as if they might. */
const EDGE_STRINGS = [
  "", " ", "~", "null", "yes", "no", "on", "0x1F", "0o17", "1e400", "-0", "84736251947362519", "9007199254740993", ".inf", ".nan",
  "ӂ", "𝔘", "\u0000", "\u202e", "a\nb", "\t", "'", '"', "#", ": ", "- ", "{", "}", "[", "]", "<<", "*a", "&a", "!!merge <<", "!!binary aGk=",
  "${var.x}", "%{ if x }", "$${x}", "<<EOF", "---", "...", "%YAML 1.1", "polaris/" + "a".repeat(60), "a".repeat(64), "a".repeat(254),
  "a".repeat(1100), "A".repeat(300), "x".repeat(4000), "/" + "a/".repeat(200), "http://", "https://x", "100%", "0.5", "1Gi", "30s", "0s", "*/5 * * * *",
];

const scalar = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 - 1, 2 ** 53 + 2, 1e21, -1e21, 84736251947362519, 0.1, 1.5, 99.99) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A value to put anywhere: mostly scalars, sometimes small lists and mappings of them. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("name", "port", "secret", "key", "path", "DB_PASSWORD", "env")), scalar, { maxKeys: 3 }) },
);

/** The shapes a credential is planted in, each detectable as one; `T` is the unique token. */
const SECRET_SHAPES = [
  (t: string) => `https://fuzz:${t}@example.com/x`,
  (t: string) => `postgres://app:${t}@db.internal/orders`,
  (t: string) => `eyJhbGciOiJIUzI1NiJ9.eyJ${t}.c2ln${t}`,
  (t: string) => `password = ${t}`,
  (t: string) => `ghp_${t}${"0".repeat(Math.max(0, 36 - t.length))}`,
];

export type Mutation =
  | { kind: "set"; pick: number; value: unknown }
  | { kind: "delete"; pick: number }
  | { kind: "rename"; pick: number; key: string }
  | { kind: "insert"; at: number; text: string }
  | { kind: "remove"; at: number; length: number }
  | { kind: "duplicate-line"; at: number }
  | { kind: "byte"; at: number; byte: number };

export interface FuzzCase {
  base: number;
  /** Serialize structured YAML mutations as JSON instead (JSON manifests take the same path). */
  json: boolean;
  mutations: Mutation[];
  /** Plant a credential (shape, position) or not. */
  plant?: { shape: number; pick: number };
  /** Unique per case: what must never appear in any output or message. */
  token: string;
}

/** Tokens inserted by byte-level mutations: the characters and constructs readers treat specially. */
const INSERTS = [
  "{", "}", "[", "]", '"', "'", ":", ": ", "\n", "\t", " ", "#", "&a ", "*a", "!!merge <<", "!!set ", "%YAML 1.1\n---\n", "---\n", "<<EOF\nx\nEOF\n",
  "${x}", "ӂ", "b ӂ{\n}\n", "port {\n}\n", "\u00a0", "\r", "\\", "=", ",", "- ", "? ", "|\n", ">-\n", "0x", "9".repeat(25), "e400", "\uFEFF",
];

export function caseArbitrary(bases: readonly Base[]): fc.Arbitrary<FuzzCase> {
  const structured = fc.oneof(
    fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), value }),
    fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("rename" as const), pick: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("name", "ports", "env", "db_password", "<<", "a".repeat(300))) }),
  );
  const bytes = fc.oneof(
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 6 })) }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("byte" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  );
  return fc.record({
    base: fc.integer({ min: 0, max: bases.length - 1 }),
    json: fc.boolean(),
    mutations: fc.oneof(fc.array(structured, { minLength: 1, maxLength: 3 }), fc.array(bytes, { minLength: 1, maxLength: 4 }), fc.constant([] as Mutation[])),
    plant: fc.option(fc.record({ shape: fc.nat({ max: SECRET_SHAPES.length - 1 }), pick: fc.nat() }), { nil: undefined }),
    token: fc.stringMatching(/^[A-Za-z0-9]{14}$/).map((s) => `Fz${s}`),
  });
}

// ---------------------------------------------------------------------------------------------
// Building the manifest

type Path = Array<string | number>;

function leafPaths(data: unknown, strings = false): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    if (!strings ? path.length > 0 : typeof v === "string") out.push(path);
  };
  walk(data, []);
  return out;
}

function setAt(data: unknown, path: Path, v: unknown): void {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = v;
}

function deleteAt(data: unknown, path: Path): void {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
}

function renameAt(data: unknown, path: Path, key: string): void {
  let node = data as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(node) || key in node) return;
  const entries = Object.entries(node).map(([k, v]) => [k === String(last) ? key : k, v] as const);
  for (const k of Object.keys(node)) delete node[k];
  for (const [k, v] of entries) node[k] = v;
}

/** The quoted strings and numbers of an HCL text, as [start, end) spans: its structured positions. */
function hclLiterals(text: string, strings = false): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = strings ? /"(?:[^"\\\n]|\\.)*"/g : /"(?:[^"\\\n]|\\.)*"|(?<=[=\s[,])-?[0-9]+(?:\.[0-9]+)?(?=[\s,\]])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const hclValue = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** The file name and bytes of a case. */
export function buildCase(bases: readonly Base[], c: FuzzCase): { file: string; bytes: Uint8Array; planted?: string } {
  const base = bases[c.base]!;
  const planted = c.plant ? SECRET_SHAPES[c.plant.shape]!(c.token) : undefined;
  const structuredOps = c.mutations.filter((m) => m.kind === "set" || m.kind === "delete" || m.kind === "rename");
  let text: string;
  let file = base.name;
  if (base.format === "yaml" && (structuredOps.length || c.json)) {
    const data = structuredClone(base.data);
    for (const m of structuredOps) {
      const paths = leafPaths(data);
      if (!paths.length) break;
      const path = paths[("pick" in m ? m.pick : 0) % paths.length]!;
      if (m.kind === "set") setAt(data, path, structuredClone(m.value));
      else if (m.kind === "delete") deleteAt(data, path);
      else renameAt(data, path, m.key);
    }
    if (planted !== undefined) {
      const strings = leafPaths(data, true);
      if (strings.length) setAt(data, strings[c.plant!.pick % strings.length]!, planted);
    }
    text = c.json ? JSON.stringify(data, null, 2) : stringify(data, { lineWidth: 0 });
    if (c.json) file = file.replace(/\.yaml$/, ".json");
  } else {
    text = base.text;
    if (base.format === "hcl") {
      for (const m of structuredOps) {
        const spans = hclLiterals(text);
        if (!spans.length) break;
        const [start, end] = spans[("pick" in m ? m.pick : 0) % spans.length]!;
        const replacement = m.kind === "set" ? hclValue(m.value) : m.kind === "delete" ? '""' : JSON.stringify(m.key);
        text = text.slice(0, start) + replacement + text.slice(end);
      }
    }
    if (planted !== undefined) {
      if (base.format === "hcl") {
        const spans = hclLiterals(text, true);
        const span = spans[c.plant!.pick % Math.max(1, spans.length)];
        if (span) text = text.slice(0, span[0]) + JSON.stringify(planted) + text.slice(span[1]);
      } else {
        // A YAML text with byte-level mutations only: plant into a plain `key: value` line's value.
        const lines = text.split("\n");
        const candidates = lines.map((l, i) => (/^\s*[a-z_]+: [A-Za-z]/.test(l) ? i : -1)).filter((i) => i >= 0);
        const at = candidates[c.plant!.pick % Math.max(1, candidates.length)];
        if (at !== undefined) lines[at] = lines[at]!.replace(/: .*$/, `: ${JSON.stringify(planted)}`);
        text = lines.join("\n");
      }
    }
  }
  let bytes: Uint8Array = new TextEncoder().encode(text);
  for (const m of c.mutations) {
    if (m.kind === "insert") {
      const at = m.at % (bytes.length + 1);
      bytes = concat(bytes.subarray(0, at), new TextEncoder().encode(m.text), bytes.subarray(at));
    } else if (m.kind === "remove" && bytes.length) {
      const at = m.at % bytes.length;
      bytes = concat(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + m.length)));
    } else if (m.kind === "duplicate-line") {
      const lines = new TextDecoder().decode(bytes).split("\n");
      const at = m.at % lines.length;
      lines.splice(at, 0, lines[at]!);
      bytes = new TextEncoder().encode(lines.join("\n"));
    } else if (m.kind === "byte" && bytes.length) {
      bytes = bytes.slice();
      bytes[m.at % bytes.length] = m.byte;
    }
  }
  // A byte-level mutation may cut through the planted credential: then it is no longer one, and not tracked.
  const intact = planted !== undefined && new TextDecoder().decode(bytes).includes(planted);
  return { file, bytes, ...(intact ? { planted: c.token } : {}) };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The properties

export interface Outcome {
  accepted: boolean;
  files: number;
}

/** Runs one case through the library and throws, with the reason, when a property does not hold. */
export async function checkCase(bases: readonly Base[], c: FuzzCase): Promise<Outcome> {
  const { file, bytes, planted } = buildCase(bases, c);
  const fail = (what: string): never => {
    throw new Error(`${what}\n  case: ${file}, ${bytes.length} bytes`);
  };
  const leak = (where: string, text: string) => {
    if (planted !== undefined && text.includes(planted)) fail(`planted credential ${planted} appears in ${where}`);
  };
  const loaded = await loadManifest(file, bytes);
  for (const d of loaded.diagnostics) {
    if (!(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.col) && d.col >= 1)) fail(`unlocated diagnostic ${d.code} at ${d.line}:${d.col}`);
  }
  leak("a diagnostic", JSON.stringify(loaded.diagnostics));
  const lint = await lintManifest(loaded);
  for (const f of lint.findings) if (!(f.line >= 1 && f.col >= 1)) fail(`unlocated lint finding ${f.code} at ${f.line}:${f.col}`);
  leak("a lint finding or report", JSON.stringify(lint));
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (!loaded.models.length) {
    if (!errors.length) fail("rejected without an error");
    return { accepted: false, files: 0 };
  }
  if (errors.length) fail(`accepted with errors: ${errors.map((e) => e.code).join(", ")}`);
  const first = planCompile([{ source: file, models: loaded.models }], EMITTERS);
  const second = planCompile([{ source: file, models: loaded.models }], EMITTERS);
  if (!first.ok || !second.ok) return fail(`compile failed: ${first.ok ? "" : first.error} ${second.ok ? "" : second.error}`);
  if (JSON.stringify(first.plan) !== JSON.stringify(second.plan)) fail("two compiles differ");
  for (const out of first.plan.files) {
    leak(`output ${out.path}`, out.content);
    conformance(out.path, out.content, fail);
  }
  return { accepted: true, files: first.plan.files.length };
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

function qualifiedName(key: string): boolean {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return LABEL_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
}

/** Output the tools downstream accept: parseable files, and Kubernetes objects the API server would admit. */
function conformance(path: string, content: string, fail: (what: string) => never): void {
  if (path.endsWith(".json")) {
    try {
      JSON.parse(content);
    } catch (error) {
      fail(`${path} is not JSON: ${String(error)}`);
    }
    return;
  }
  // Helm templates are Go templates, not YAML; everything else ending in .yaml is plain YAML.
  if (!path.endsWith(".yaml") || path.includes("/templates/")) return;
  const docs = parseAllDocuments(content, { strict: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length) fail(`${path} is not YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
    const object = doc.toJS() as Record<string, unknown> | null;
    if (!object || typeof object !== "object" || typeof object.kind !== "string" || typeof object.apiVersion !== "string") continue;
    const meta = (object.metadata ?? {}) as { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    const where = `${path} ${object.kind}/${meta.name}`;
    if (typeof meta.name === "string" && (meta.name.length > 253 || !DNS_SUBDOMAIN.test(meta.name))) fail(`${where}: metadata.name is not a DNS subdomain`);
    for (const [k, v] of Object.entries(meta.labels ?? {})) {
      if (!qualifiedName(k)) fail(`${where}: label key ${JSON.stringify(k.slice(0, 80))} is invalid`);
      if (typeof v !== "string" || v.length > 63 || !LABEL_VALUE.test(v)) fail(`${where}: label value ${JSON.stringify(String(v).slice(0, 80))} is invalid`);
    }
    let size = 0;
    for (const [k, v] of Object.entries(meta.annotations ?? {})) {
      if (!qualifiedName(k)) fail(`${where}: annotation key ${JSON.stringify(k.slice(0, 80))} is invalid`);
      size += new TextEncoder().encode(k + String(v)).length;
    }
    if (size > 256 * 1024) fail(`${where}: annotations total ${size} bytes`);
    if (object.kind === "ConfigMap") {
      for (const k of Object.keys((object.data ?? {}) as object)) if (k.length > 253 || !CONFIGMAP_KEY.test(k)) fail(`${where}: ConfigMap key ${JSON.stringify(k.slice(0, 80))} is invalid`);
    }
    if (hasModel(object.apiVersion, object.kind)) {
      const problems = validateBuiltIn(object);
      if (problems.length) fail(`${where}: ${problems.slice(0, 3).join("; ")}`);
    }
  }
}

/** Whether kubernetes-models has a class for the kind (kustomize's Kustomization is not a package export). */
function hasModel(apiVersion: string, kind: string): boolean {
  try {
    return modelFor(apiVersion, kind) !== null;
  } catch {
    return false;
  }
}
