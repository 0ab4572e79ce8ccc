// A small dependency checker for the layering ARCHITECTURE.md promises. Pure: it takes file texts and returns
// violations, so its own test can feed it tiny in-memory trees and prove every rule can fail.
//
// It reads imports with the TypeScript parser (not a regex) so `import type`, `export … from`, `import()`,
// `import x = require()` and import attributes are all seen, and nothing in a comment or a string is.
import ts from "typescript";
import { posix } from "node:path";

/** One source file: `path` is relative to the repository root, with forward slashes. */
export interface SourceText {
  path: string;
  text: string;
}

/** One broken rule, shown as `file -> imported`. `imported` is a repo path, a package name, or a code use. */
export interface Violation {
  rule: string;
  file: string;
  imported: string;
}

/** One import edge: what the file wrote, what it points at, and which names it takes ("*" = the whole module). */
export interface ImportEdge {
  specifier: string;
  /** The repo-relative path for relative specifiers (`.js` mapped to `.ts` when that file exists), else the specifier. */
  target: string;
  names: string[];
}

/** Each import/export-from/import()/require-import of a file, in source order. */
export function importsOf(file: SourceText, known: ReadonlySet<string> = new Set()): ImportEdge[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (spec: ts.Expression | undefined, names: string[]) => {
    if (spec && ts.isStringLiteralLike(spec)) {
      edges.push({ specifier: spec.text, target: resolveSpecifier(file.path, spec.text, known), names });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, importedNames(node.importClause));
    else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      add(node.moduleSpecifier, clause && ts.isNamedExports(clause) ? clause.elements.map(originalName) : ["*"]);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, ["*"]);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], ["*"]); // a dynamic import can reach any export
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function originalName(el: ts.ImportSpecifier | ts.ExportSpecifier): string {
  return (el.propertyName ?? el.name).text;
}

function importedNames(clause: ts.ImportClause | undefined): string[] {
  if (!clause) return ["*"]; // `import "./x.js"`: side effects only, but it still depends on the module
  const names: string[] = [];
  if (clause.name) names.push("default");
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push("*");
  else if (bindings) names.push(...bindings.elements.map(originalName));
  return names;
}

/** Relative specifiers become repo paths; `./x.js` means `./x.ts` under NodeNext when that source exists. */
export function resolveSpecifier(from: string, specifier: string, known: ReadonlySet<string>): string {
  if (!specifier.startsWith(".")) return specifier;
  const joined = posix.normalize(posix.join(posix.dirname(from), specifier));
  for (const [js, tsExt] of [[".js", ".ts"], [".mjs", ".mts"], [".cjs", ".cts"]] as const) {
    if (joined.endsWith(js)) {
      const candidate = joined.slice(0, -js.length) + tsExt;
      if (known.has(candidate)) return candidate;
    }
  }
  return joined;
}

/**
 * Code that reads the process, the environment or the clock: `process.…`, `process[…]`, `Date.now()`,
 * `new Date(…)` and `Date()` (both read the clock when called without a value; with one they are still
 * flagged, to keep the rule simple: pure code takes time from its input). Comments and strings never match.
 */
export function ambientUsesOf(file: SourceText): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const uses: string[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isIdent(node.expression, "process")) {
      const member = ts.isPropertyAccessExpression(node) ? `.${node.name.text}` : "[…]";
      uses.push(`process${member} (line ${at(node)})`);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
      && isIdent(node.expression.expression, "Date") && node.expression.name.text === "now") {
      uses.push(`Date.now() (line ${at(node)})`);
    } else if (ts.isNewExpression(node) && isIdent(node.expression, "Date")) {
      uses.push(`new Date() (line ${at(node)})`);
    } else if (ts.isCallExpression(node) && isIdent(node.expression, "Date")) {
      uses.push(`Date() (line ${at(node)})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

function isIdent(node: ts.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

/** Modules only src/cli/ and src/io/ may import. */
export const AMBIENT_MODULES = ["node:fs", "fs", "node:fs/promises", "fs/promises", "node:process", "process"];

/**
 * The composition roots: the CLI and the public API's entry hand the registry to the compile plan,
 * so they (and only they) may import it, and nothing else from emitters/.
 */
function isCompositionRoot(path: string): boolean {
  return isUnder(path, "src/cli") || path === "src/index.ts";
}

/** Top-level emitters/ files every emitter may use: the interface and the registry. */
const SHARED_EMITTER_FILES = new Set(["emitters/types.ts", "emitters/index.ts"]);

/** `emitters/<name>/…` → `<name>`; top-level emitters files and everything else → undefined. */
function emitterFolder(path: string): string | undefined {
  const m = /^emitters\/([^/]+)\/./.exec(path);
  return m?.[1];
}

const isUnder = (path: string, dir: string) => path.startsWith(dir.endsWith("/") ? dir : `${dir}/`);

/**
 * The layering rules:
 *  a. src/ never imports emitters/ (the registry is handed in): only the composition roots, src/cli/ and
 *     src/index.ts, import the registry (emitters/index.ts), and nothing else of emitters/;
 *  b. emitters/<a>/ never imports emitters/<b>/ (nor a top-level emitters file other than types.ts/index.ts:
 *     what two emitters share belongs on the Model or in a library under src/);
 *  c. outside src/cli/ and src/io/, no fs/process imports and no process/clock reads in code;
 *  d. emitters/ never imports src/cli/ or src/io/.
 * Only files under src/ and emitters/ are checked.
 */
export function checkLayering(files: readonly SourceText[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const out: Violation[] = [];
  for (const file of [...files].sort((x, y) => x.path.localeCompare(y.path))) {
    const inSrc = isUnder(file.path, "src");
    const inEmitters = isUnder(file.path, "emitters");
    if (!inSrc && !inEmitters) continue;
    const mayTouchWorld = isUnder(file.path, "src/cli") || isUnder(file.path, "src/io");
    const own = emitterFolder(file.path);
    for (const { target } of importsOf(file, known)) {
      const v = (rule: string) => out.push({ rule, file: file.path, imported: target });
      if (inSrc && isUnder(target, "emitters") && !(isCompositionRoot(file.path) && target === "emitters/index.ts")) v("a: src/ imports emitters/");
      if (own !== undefined && isUnder(target, "emitters") && !SHARED_EMITTER_FILES.has(target) && emitterFolder(target) !== own) {
        v("b: an emitter imports another emitter");
      }
      if (!mayTouchWorld && AMBIENT_MODULES.includes(target)) v("c: fs/process outside src/cli and src/io");
      if (inEmitters && (isUnder(target, "src/cli") || isUnder(target, "src/io"))) v("d: emitters/ imports src/cli or src/io");
    }
    if (!mayTouchWorld) {
      for (const use of ambientUsesOf(file)) out.push({ rule: "c: process/clock read outside src/cli and src/io", file: file.path, imported: use });
    }
  }
  return out;
}

/** Names that parse a cron or a duration, or hold raw defaults: only src/model/ may use them. */
export const MODEL_ONLY_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  "src/model/cron.ts": ["parseCron", "canonicalCron"],
  "src/model/units.ts": ["parseDuration", "parseRatio", "parseCpu", "parseMemory"],
  "src/model/cron-gap.ts": ["cronGaps", "portableCron", "withSeconds"],
  "src/model/defaults.ts": ["DEFAULTS"],
};

/**
 * "Facts live on the Model, once": outside src/model/, no file in src/ or emitters/ may import (or re-export)
 * the names above. A namespace or dynamic import of one of those modules counts as taking all of its names.
 */
export function checkModelOnlyFacts(files: readonly SourceText[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const out: Violation[] = [];
  for (const file of [...files].sort((x, y) => x.path.localeCompare(y.path))) {
    if (!(isUnder(file.path, "src") || isUnder(file.path, "emitters")) || isUnder(file.path, "src/model")) continue;
    for (const { target, names } of importsOf(file, known)) {
      const guarded = MODEL_ONLY_EXPORTS[target];
      if (!guarded) continue;
      for (const name of guarded) {
        if (names.includes(name) || names.includes("*")) {
          out.push({ rule: "facts: parsed/defaulted outside src/model", file: file.path, imported: `${target}#${name}` });
        }
      }
    }
  }
  return out;
}

/** `file -> imported  [rule]`, one line per violation: what the real-tree tests print on failure. */
export function formatViolations(violations: readonly Violation[]): string[] {
  return violations.map((v) => `${v.file} -> ${v.imported}  [${v.rule}]`);
}
