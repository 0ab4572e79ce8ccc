// Compares a JSON Schema with a TypeScript type, field by field, using the type checker.
// The walk starts at the schema root and the TS root type together and follows both in step: a property's
// schema with that property's TS type, `items` with the array's element type, `additionalProperties` with the
// string index type. So each $def is paired with whatever TS type the spec actually uses there, never by name.
import ts from "typescript";

/** The JSON Schema keywords this walk reads. */
export interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode | boolean;
  additionalProperties?: SchemaNode | boolean;
  $defs?: Record<string, SchemaNode>;
  [keyword: string]: unknown;
}

export interface Comparison {
  /** One line per disagreement: `path: what`. */
  mismatches: string[];
  /** `#/$defs/<name>` → the TS types it was compared with (for coverage and for the reader). */
  defs: Map<string, Set<string>>;
}

/** Walks `schema` and `root` in step; see the file comment. */
export function compareSchemaWithType(schema: SchemaNode, root: ts.Type, checker: ts.TypeChecker): Comparison {
  const mismatches: string[] = [];
  const defs = new Map<string, Set<string>>();
  // A shared subschema (a $def) reached again with the same TS type is not compared twice: once is a full
  // check, and twice would print each mismatch once per path (e.g. under the root and under environments.*).
  const seen = new Map<string, Set<ts.Type>>();
  const ids = new Map<SchemaNode, number>();
  const idOf = (node: SchemaNode) => ids.get(node) ?? (ids.set(node, ids.size), ids.size - 1);

  const resolve = (ref: string, path: string): SchemaNode | undefined => {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const target = m ? schema.$defs?.[m[1]!] : undefined;
    if (!target) mismatches.push(`${path || "(root)"}: unsupported $ref ${ref}`);
    return target;
  };

  /** The node and everything it composes with ($ref, allOf), each once. */
  const expand = (nodes: SchemaNode[], path: string, type: ts.Type): SchemaNode[] => {
    const out: SchemaNode[] = [];
    const add = (node: SchemaNode) => {
      if (out.includes(node)) return;
      out.push(node);
      if (node.$ref) {
        const target = resolve(node.$ref, path);
        if (target) {
          const names = defs.get(node.$ref) ?? new Set<string>();
          defs.set(node.$ref, names.add(checker.typeToString(type)));
          add(target);
        }
      }
      for (const sub of node.allOf ?? []) add(sub);
      // anyOf/oneOf would need a TS union to compare with: say so rather than skip it silently.
      if (node.anyOf || node.oneOf) mismatches.push(`${path || "(root)"}: anyOf/oneOf not supported by this comparison`);
    };
    nodes.forEach(add);
    return out;
  };

  const compare = (nodes: SchemaNode[], rawType: ts.Type, path: string): void => {
    const type = checker.getNonNullableType(rawType);
    const all = expand(nodes, path, type);
    // Memo key: the nodes that say something about shape (a bare `{ $ref, description }` wrapper differs per
    // use site but adds nothing), so a $def met again with the same TS type is skipped.
    const key = all.filter(shapes).map(idOf).join(",");
    const types = seen.get(key) ?? new Set<ts.Type>();
    if (types.has(type)) return;
    seen.set(key, types.add(type));
    const props = new Map<string, SchemaNode[]>();
    for (const node of all) {
      for (const [name, sub] of Object.entries(node.properties ?? {})) props.set(name, [...(props.get(name) ?? []), sub]);
    }
    const required = new Set(all.flatMap((n) => n.required ?? []));
    const items = all.map((n) => n.items).filter(isSchema);
    const additional = all.map((n) => n.additionalProperties).filter(isSchema);
    const at = (name: string) => (path ? `${path}.${name}` : name);

    if (items.length > 0) {
      const element = arrayElement(type, checker);
      if (element) compare(items, element, `${path}[]`);
      else mismatches.push(`${path || "(root)"}: an array in the schema, ${checker.typeToString(type)} in TS`);
    }
    const object = objectPart(type, checker);
    if (additional.length > 0) {
      const value = object && checker.getIndexTypeOfType(object, ts.IndexKind.String);
      if (value) compare(additional, value, `${path}.*`);
      else mismatches.push(`${path || "(root)"}: a map in the schema, ${checker.typeToString(type)} in TS`);
    } else if (object && checker.getIndexInfoOfType(object, ts.IndexKind.String)) {
      mismatches.push(`${path || "(root)"}: a map in TS, no additionalProperties schema`);
    }

    const tsProps = new Map((object ? checker.getPropertiesOfType(object) : []).map((p) => [p.name, p] as const));
    for (const name of [...new Set([...props.keys(), ...tsProps.keys()])].sort()) {
      const symbol = tsProps.get(name);
      const sub = props.get(name);
      if (!symbol) mismatches.push(`${at(name)}: missing in TS`);
      else if (!sub) mismatches.push(`${at(name)}: missing in schema`);
      else {
        const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
        if (required.has(name) && optional) mismatches.push(`${at(name)}: required in schema, optional in TS`);
        if (!required.has(name) && !optional) mismatches.push(`${at(name)}: optional in schema, required in TS`);
        compare(sub, checker.getTypeOfSymbol(symbol), at(name));
      }
    }
    for (const name of required) {
      if (!props.has(name) && !tsProps.has(name)) mismatches.push(`${at(name)}: required in schema but declared nowhere`);
    }
  };

  compare([schema], root, "");
  return { mismatches: [...new Set(mismatches)], defs };
}

/** Whether a node constrains the object/array shape this walk compares. */
function shapes(node: SchemaNode): boolean {
  return Boolean(node.properties || node.required || isSchema(node.items) || isSchema(node.additionalProperties));
}

function isSchema(value: SchemaNode | boolean | undefined): value is SchemaNode {
  return typeof value === "object" && value !== null;
}

/** The members of a union (or the type itself). */
const members = (type: ts.Type): readonly ts.Type[] => (type.isUnion() ? type.types : [type]);

/** The element type of the array in `type` (e.g. `string[] | undefined` → string), if any. */
function arrayElement(type: ts.Type, checker: ts.TypeChecker): ts.Type | undefined {
  const array = members(type).find((t) => checker.isArrayType(t));
  return array && checker.getIndexTypeOfType(array, ts.IndexKind.Number);
}

/**
 * The object-like part of `type`: interfaces, type literals, intersections and Records, but not arrays or
 * primitives (a `string`'s "properties" are String.prototype's). `CountOrRatio = number | string` has none.
 */
function objectPart(type: ts.Type, checker: ts.TypeChecker): ts.Type | undefined {
  const objects = members(type).filter(
    (t) => (t.flags & ts.TypeFlags.Object || t.isIntersection()) && !checker.isArrayType(t) && !checker.isTupleType(t),
  );
  if (objects.length > 1) return checker.getNonNullableType(type); // several object shapes: compare the union's common view
  return objects[0];
}

/** Loads `fileName` (from disk, or from `text` when given) and returns the checker and the named exported types. */
export function loadTypes(fileName: string, names: string[], text?: string): { checker: ts.TypeChecker; types: Map<string, ts.Type> } {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  if (text !== undefined) {
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (f, lang, ...rest) => (f === fileName ? ts.createSourceFile(f, text, lang) : getSourceFile.call(host, f, lang, ...rest));
    host.fileExists = (f) => f === fileName || fileExists.call(host, f);
    host.readFile = (f) => (f === fileName ? text : readFile.call(host, f));
  }
  const program = ts.createProgram([fileName], options, host);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (errors.length > 0) throw new Error(`test setup: ${fileName} does not type-check:\n${errors.join("\n")}`);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(fileName)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  const types = new Map<string, ts.Type>();
  for (const name of names) {
    const symbol = exports.find((s) => s.name === name);
    if (!symbol) throw new Error(`test setup: ${fileName} exports no ${name}`);
    types.set(name, checker.getDeclaredTypeOfSymbol(symbol));
  }
  return { checker, types };
}
