// Which test files are slow by nature, and whether each of their tests and hooks states its own timeout.
// Slow by nature: running an outside tool or the CLI (child_process, directly or through a helper in test/),
// fast-check properties, the TypeScript compiler, or every example (a readdir over examples/). Those must never lean on vitest's 5 s
// default: a loaded CI machine turns that into flaky failures. Pure functions over file texts.
import ts from "typescript";
import { importsOf, type SourceText } from "./import-graph.js";

/** Modules whose import makes a file slow, with the reason shown. */
const SLOW_MODULES: Record<string, string> = {
  "node:child_process": "runs a child process",
  child_process: "runs a child process",
  "fast-check": "runs fast-check properties",
  // Parsing a tree of files with it takes seconds on a loaded machine (this very check did, and timed out).
  typescript: "runs the TypeScript compiler",
};

/**
 * Exports of slow helper modules that run nothing (constants, temp dirs, argument builders). Importing only these
 * does not make a file slow. A new helper is slow until listed here: the safe way to be wrong.
 */
export const HELPERS_THAT_RUN_NOTHING = new Set(["REPO_ROOT", "tempDir", "sharedDir", "missing", "kubeconformArgs"]);

/** Each slow file (tests and helpers under test/) with why; helpers pass their slowness on to importers. */
export function slowFiles(files: readonly SourceText[]): Map<string, string> {
  const known = new Set(files.map((f) => f.path));
  const edges = new Map(files.map((f) => [f.path, importsOf(f, known)] as const));
  const slow = new Map<string, string>();
  for (const file of files) {
    const direct = edges.get(file.path)!.find((e) => SLOW_MODULES[e.target]);
    if (direct) slow.set(file.path, SLOW_MODULES[direct.target]!);
    else if (readsAllExamples(file)) slow.set(file.path, "reads every example");
  }
  // Helpers: a file taking anything but a run-nothing export from a slow module is slow too (to a fixed point).
  for (let changed = true; changed; ) {
    changed = false;
    for (const file of files) {
      if (slow.has(file.path)) continue;
      const via = edges.get(file.path)!.find((e) => slow.has(e.target) && e.names.some((n) => !HELPERS_THAT_RUN_NOTHING.has(n)));
      if (via) {
        slow.set(file.path, `${slow.get(via.target)} (via ${via.target})`);
        changed = true;
      }
    }
  }
  return slow;
}

/** A `readdir(…examples…)` call in code: the file walks every example. */
function readsAllExamples(file: SourceText): boolean {
  let found = false;
  const source = parse(file);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && /^readdir(Sync)?$/.test(calleeName(node.expression))) {
      const arg = node.arguments[0];
      if (arg && /examples/i.test(arg.getText(source))) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const TESTS = new Set(["it", "test"]);
const SUITES = new Set(["describe", "suite"]);
const HOOKS = new Set(["beforeAll", "beforeEach", "afterAll", "afterEach"]);

/**
 * The tests and hooks in `file` with no explicit timeout, as `line N: it(…)`. A test is covered by a timeout
 * argument on itself or on an enclosing describe, or by `vi.setConfig({ testTimeout })`; a hook by its own
 * argument or `vi.setConfig({ hookTimeout })`. A timeout argument is a number, an object with `timeout`, or a
 * name containing "timeout" (e.g. a shared `TIMEOUT` constant).
 */
export function missingTimeouts(file: SourceText): string[] {
  const source = parse(file);
  const config = setConfigKeys(source);
  const out: string[] = [];
  const visit = (node: ts.Node, suiteHasTimeout: boolean): void => {
    let covered = suiteHasTimeout;
    if (ts.isCallExpression(node) && node.arguments.some(isFunction)) {
      const root = rootName(node.expression);
      const own = node.arguments.slice(1).some(isTimeoutArg);
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const callee = node.expression.getText(source).split("(")[0];
      const name = HOOKS.has(root) ? "…" : (node.arguments[0]?.getText(source) ?? "").replace(/\s+/g, " ").slice(0, 60);
      const label = `line ${line}: ${callee}(${name})`;
      if (SUITES.has(root)) covered ||= own;
      else if (TESTS.has(root) && !(own || covered || config.has("testTimeout"))) out.push(label);
      else if (HOOKS.has(root) && !(own || config.has("hookTimeout"))) out.push(label);
    }
    ts.forEachChild(node, (child) => visit(child, covered));
  };
  visit(source, false);
  return out;
}

/** The keys passed to any `vi.setConfig({ … })` in the file. */
function setConfigKeys(source: ts.SourceFile): Set<string> {
  const keys = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === "vi.setConfig") {
      const arg = node.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg)) for (const p of arg.properties) if (p.name) keys.add(p.name.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
}

function isFunction(node: ts.Node): boolean {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

function isTimeoutArg(node: ts.Expression): boolean {
  if (ts.isNumericLiteral(node)) return true;
  if (ts.isObjectLiteralExpression(node)) return node.properties.some((p) => p.name?.getText() === "timeout");
  return ts.isIdentifier(node) && /timeout/i.test(node.text);
}

/** `it.skipIf(x).each(t)` → "it": the identifier the chain starts from. */
function rootName(node: ts.Expression): string {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return rootName(node.expression);
  if (ts.isCallExpression(node)) return rootName(node.expression);
  return "";
}

/** `fs.readdirSync` → "readdirSync", `readdir` → "readdir". */
function calleeName(node: ts.Expression): string {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return "";
}

function parse(file: SourceText): ts.SourceFile {
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Every slow test file's tests and hooks that lack a timeout, as `path (reason): line N: it(…)`. */
export function checkTimeouts(files: readonly SourceText[]): string[] {
  const slow = slowFiles(files);
  return files
    .filter((f) => f.path.endsWith(".test.ts") && slow.has(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))
    .flatMap((f) => missingTimeouts(f).map((m) => `${f.path} (${slow.get(f.path)}): ${m}`));
}
