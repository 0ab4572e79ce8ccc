/**
 * A small, strict re-implementation of the part of Go's `text/template` that the Polaris check
 * files use (test support code for `polaris.ts`; no Go or Polaris code was copied).
 *
 * Supported: text; `{{ pipeline }}` output; `{{- ` / ` -}}` trim markers; `{{/* comments *\/}}`;
 * `{{ $x := … }}` / `{{ $x = … }}`; `{{ if }}` / `{{ else if }}` / `{{ else }}` / `{{ end }}`;
 * `{{ range [$k, $v :=] … }}` / `{{ else }}` over maps (sorted keys, as Go does) and arrays;
 * field chains (`.a.b`, `$x.a`, `(pipeline).a`), `$`, `.`; string / raw-string / number / bool /
 * nil literals; pipes (`|`); the builtins `and`, `or`, `not`, `eq`, `ne`, `index`, `print`, and
 * the two functions Polaris registers, `hasPrefix` and `hasSuffix`.
 *
 * Anything else (`with`, `define`, `template`, `block`, `break`, `continue`, other functions,
 * character constants, method calls, …) throws a `GoTemplateError`, so a check can never pass
 * because part of its template was silently skipped.
 *
 * Value model (mirrors Go's reflect values for `map[string]interface{}` data):
 * - a missing map key is the invalid value (`MISSING`): printing it gives `<no value>`, it is
 *   false in `if`, `eq` treats it as nil, and fields of it are again `MISSING`;
 * - JSON `null` is a nil interface: a field access *through* it is an error ("nil pointer
 *   evaluating interface {}.x", as in Go), and a pipeline whose result is nil yields `MISSING`
 *   (Go unwraps the empty interface after each command);
 * - numbers are compared numerically (Go would refuse `eq` between an int and a float64; the
 *   check files never compare numbers); integers print as integers, other numbers with Go's
 *   `%v` float format (`1e-05`, `1.5e+06`).
 */

export class GoTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoTemplateError";
  }
}

/** Go's invalid reflect.Value: what a missing map key evaluates to. */
export const MISSING: unique symbol = Symbol("go-template:missing");

type Value = unknown;

// ---------------------------------------------------------------------------------------------
// Lexing

type TokKind = "(" | ")" | "|" | "," | ":=" | "=" | "str" | "num" | "var" | "field" | "dot" | "ident";
interface Tok {
  k: TokKind;
  /** string literal value, identifier or variable name */
  s?: string;
  n?: number;
  /** field chain for "field" and "var" tokens */
  path?: string[];
  /** whitespace precedes this token (distinguishes `(x).a` from `(x) .a`) */
  sp: boolean;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_]/;
const SPACE = /[ \t\r\n]/;

function lexAction(src: string, where: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let sp = true;
  const push = (t: Omit<Tok, "sp">) => {
    toks.push({ ...t, sp });
    sp = false;
  };
  const readFields = (): string[] => {
    const path: string[] = [];
    while (src[i] === "." && IDENT_START.test(src[i + 1] ?? "")) {
      let j = i + 1;
      while (j < src.length && IDENT_CHAR.test(src[j]!)) j++;
      path.push(src.slice(i + 1, j));
      i = j;
    }
    return path;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (SPACE.test(c)) {
      i++;
      sp = true;
      continue;
    }
    if (c === "(" || c === ")" || c === "|" || c === ",") {
      push({ k: c });
      i++;
      continue;
    }
    if (c === ":" && src[i + 1] === "=") {
      push({ k: ":=" });
      i += 2;
      continue;
    }
    if (c === "=") {
      push({ k: "=" });
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let out = "";
      for (;;) {
        const d = src[j];
        if (d === undefined || d === "\n") throw new GoTemplateError(`${where}: unterminated quoted string`);
        if (d === '"') break;
        if (d === "\\") {
          const e = src[j + 1];
          const simple: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", t: "\t", r: "\r" };
          if (e !== undefined && e in simple) {
            out += simple[e];
            j += 2;
            continue;
          }
          throw new GoTemplateError(`${where}: unsupported escape \\${e ?? ""} in string literal`);
        }
        out += d;
        j++;
      }
      push({ k: "str", s: out });
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const j = src.indexOf("`", i + 1);
      if (j < 0) throw new GoTemplateError(`${where}: unterminated raw string`);
      push({ k: "str", s: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === "'") throw new GoTemplateError(`${where}: character constants are not supported`);
    if (/[0-9]/.test(c) || ((c === "-" || c === "+" || c === ".") && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/.exec(src.slice(i));
      const after = m ? src[i + m[0].length] : undefined;
      if (!m || (after !== undefined && !SPACE.test(after) && !")|,".includes(after))) {
        throw new GoTemplateError(`${where}: unsupported number literal near ${JSON.stringify(src.slice(i, i + 12))}`);
      }
      push({ k: "num", n: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === "$") {
      let j = i + 1;
      while (j < src.length && IDENT_CHAR.test(src[j]!)) j++;
      const name = src.slice(i, j);
      i = j;
      push({ k: "var", s: name, path: readFields() });
      continue;
    }
    if (c === ".") {
      if (IDENT_START.test(src[i + 1] ?? "")) {
        push({ k: "field", path: readFields() });
      } else {
        push({ k: "dot" });
        i++;
      }
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_CHAR.test(src[j]!)) j++;
      const name = src.slice(i, j);
      i = j;
      if (src[i] === ".") throw new GoTemplateError(`${where}: method/field access on identifier ${name} is not supported`);
      push({ k: "ident", s: name });
      continue;
    }
    throw new GoTemplateError(`${where}: unexpected character ${JSON.stringify(c)} in action`);
  }
  return toks;
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Operand =
  | { k: "field"; path: string[] }
  | { k: "dot" }
  | { k: "var"; name: string; path: string[] }
  | { k: "pipe"; pipe: Pipe; path: string[] }
  | { k: "lit"; v: Value }
  | { k: "func"; name: string };

interface Pipe {
  decl: string[];
  op: ":=" | "=" | null;
  cmds: Operand[][];
}

type Node =
  | { t: "text"; s: string }
  | { t: "out"; pipe: Pipe }
  | { t: "if"; pipe: Pipe; then: Node[]; else: Node[] }
  | { t: "range"; pipe: Pipe; then: Node[]; else: Node[] };

const FUNCTIONS = new Set(["and", "or", "not", "eq", "ne", "index", "print", "hasPrefix", "hasSuffix"]);
const UNSUPPORTED_KEYWORDS = new Set(["with", "define", "template", "block", "break", "continue"]);

class TokStream {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly where: string,
  ) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new GoTemplateError(`${this.where}: unexpected end of action`);
    return t;
  }
}

function parsePipe(ts: TokStream, allowDecl: boolean, maxVars: number): Pipe {
  const pipe: Pipe = { decl: [], op: null, cmds: [] };
  const t0 = ts.toks[ts.i];
  const t1 = ts.toks[ts.i + 1];
  const t2 = ts.toks[ts.i + 2];
  const t3 = ts.toks[ts.i + 3];
  const plainVar = (t: Tok | undefined) => t?.k === "var" && (t.path ?? []).length === 0;
  if (allowDecl && plainVar(t0) && (t1?.k === ":=" || t1?.k === "=")) {
    pipe.decl = [t0!.s!];
    pipe.op = t1.k;
    ts.i += 2;
  } else if (allowDecl && maxVars >= 2 && plainVar(t0) && t1?.k === "," && plainVar(t2) && t3?.k === ":=") {
    pipe.decl = [t0!.s!, t2!.s!];
    pipe.op = ":=";
    ts.i += 4;
  }
  for (;;) {
    const cmd: Operand[] = [];
    while (ts.peek() && ts.peek()!.k !== "|" && ts.peek()!.k !== ")") cmd.push(parseOperand(ts, cmd.length === 0));
    if (cmd.length === 0) throw new GoTemplateError(`${ts.where}: missing value in pipeline`);
    pipe.cmds.push(cmd);
    if (ts.peek()?.k === "|") {
      ts.next();
      continue;
    }
    break;
  }
  if (pipe.decl.includes("$")) throw new GoTemplateError(`${ts.where}: cannot assign to $`);
  return pipe;
}

function parseOperand(ts: TokStream, first: boolean): Operand {
  const t = ts.next();
  switch (t.k) {
    case "(": {
      const pipe = parsePipe(ts, false, 0);
      const close = ts.next();
      if (close.k !== ")") throw new GoTemplateError(`${ts.where}: expected )`);
      const after = ts.peek();
      const path = after && after.k === "field" && !after.sp ? (ts.next(), after.path!) : [];
      return { k: "pipe", pipe, path };
    }
    case "field":
      return { k: "field", path: t.path! };
    case "dot":
      return { k: "dot" };
    case "var":
      return { k: "var", name: t.s!, path: t.path ?? [] };
    case "str":
      return { k: "lit", v: t.s! };
    case "num":
      return { k: "lit", v: t.n! };
    case "ident": {
      if (t.s === "true" || t.s === "false") return { k: "lit", v: t.s === "true" };
      if (t.s === "nil") return { k: "lit", v: null };
      if (!FUNCTIONS.has(t.s!)) throw new GoTemplateError(`${ts.where}: function "${t.s}" not defined (not supported)`);
      if (!first) throw new GoTemplateError(`${ts.where}: function "${t.s}" used as an argument without parentheses is not supported`);
      return { k: "func", name: t.s! };
    }
    default:
      throw new GoTemplateError(`${ts.where}: unexpected "${t.k}" in operand`);
  }
}

interface Frame {
  node: Extract<Node, { t: "if" | "range" }>;
  inElse: boolean;
  /** this `if` came from `{{ else if }}` and shares the parent's `{{ end }}` */
  chained: boolean;
}

export interface ParsedTemplate {
  name: string;
  nodes: Node[];
}

/** Parses a template; throws `GoTemplateError` on syntax this subset does not support. */
export function parseGoTemplate(src: string, name = "template"): ParsedTemplate {
  const root: Node[] = [];
  const stack: Frame[] = [];
  const current = (): Node[] => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    return top.inElse ? top.node.else : top.node.then;
  };
  let pos = 0;
  let trimNext = false;
  const lineOf = (at: number) => src.slice(0, at).split("\n").length;
  for (;;) {
    const open = src.indexOf("{{", pos);
    let text = open < 0 ? src.slice(pos) : src.slice(pos, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, "");
    if (open < 0) {
      if (text) current().push({ t: "text", s: text });
      break;
    }
    const where = `${name}:${lineOf(open)}`;
    let start = open + 2;
    const trimLeft = src[start] === "-" && SPACE.test(src[start + 1] ?? "");
    if (trimLeft) {
      text = text.replace(/[ \t\r\n]+$/, "");
      start += 2;
    }
    if (text) current().push({ t: "text", s: text });

    // Comments: {{/* … */}} or {{- /* … */ -}}
    if (src.startsWith("/*", start)) {
      const endComment = src.indexOf("*/", start + 2);
      if (endComment < 0) throw new GoTemplateError(`${where}: unclosed comment`);
      let after = endComment + 2;
      let trimRight = false;
      if (src.startsWith(" -}}", after) || src.startsWith("\t-}}", after) || src.startsWith("\n-}}", after) || src.startsWith("\r-}}", after)) {
        trimRight = true;
        after += 2;
      }
      if (!src.startsWith("}}", after)) throw new GoTemplateError(`${where}: comment ends before closing delimiter`);
      pos = after + 2;
      trimNext = trimRight;
      continue;
    }

    // Find the closing delimiter, skipping over quoted strings.
    let j = start;
    let close = -1;
    while (j < src.length) {
      const c = src[j]!;
      if (c === '"') {
        j++;
        while (j < src.length && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
        j++;
        continue;
      }
      if (c === "`") {
        const k = src.indexOf("`", j + 1);
        j = k < 0 ? src.length : k + 1;
        continue;
      }
      if (c === "}" && src[j + 1] === "}") {
        close = j;
        break;
      }
      j++;
    }
    if (close < 0) throw new GoTemplateError(`${where}: unclosed action`);
    let body = src.slice(start, close);
    const trimRight = body.length >= 2 && body.endsWith("-") && SPACE.test(body[body.length - 2]!);
    if (trimRight) body = body.slice(0, -1);
    pos = close + 2;
    trimNext = trimRight;

    const ts = new TokStream(lexAction(body, where), where);
    const head = ts.peek();
    if (!head) throw new GoTemplateError(`${where}: missing value for command`);
    const keyword = head.k === "ident" ? head.s! : "";
    if (UNSUPPORTED_KEYWORDS.has(keyword)) throw new GoTemplateError(`${where}: {{ ${keyword} }} is not supported`);
    if (keyword === "if" || keyword === "range") {
      ts.next();
      const pipe = parsePipe(ts, true, keyword === "range" ? 2 : 1);
      if (ts.peek()) throw new GoTemplateError(`${where}: unexpected ${ts.peek()!.k} after ${keyword} pipeline`);
      const node: Frame["node"] = { t: keyword, pipe, then: [], else: [] };
      current().push(node);
      stack.push({ node, inElse: false, chained: false });
      continue;
    }
    if (keyword === "else") {
      ts.next();
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new GoTemplateError(`${where}: unexpected {{ else }}`);
      top.inElse = true;
      const nextTok = ts.peek();
      if (!nextTok) continue;
      if (nextTok.k === "ident" && nextTok.s === "if" && top.node.t === "if") {
        ts.next();
        const pipe = parsePipe(ts, true, 1);
        if (ts.peek()) throw new GoTemplateError(`${where}: unexpected ${ts.peek()!.k} after else-if pipeline`);
        const node = { t: "if" as const, pipe, then: [] as Node[], else: [] as Node[] };
        top.node.else.push(node);
        stack.push({ node, inElse: false, chained: true });
        continue;
      }
      throw new GoTemplateError(`${where}: unsupported {{ else … }} form`);
    }
    if (keyword === "end") {
      ts.next();
      if (ts.peek()) throw new GoTemplateError(`${where}: unexpected tokens after end`);
      let frame = stack.pop();
      if (!frame) throw new GoTemplateError(`${where}: unexpected {{ end }}`);
      while (frame.chained) {
        frame = stack.pop();
        if (!frame) throw new GoTemplateError(`${where}: unbalanced else-if`);
      }
      continue;
    }
    const pipe = parsePipe(ts, true, 1);
    if (ts.peek()) throw new GoTemplateError(`${where}: unexpected "${ts.peek()!.k}" in command`);
    current().push({ t: "out", pipe });
  }
  if (stack.length) throw new GoTemplateError(`${name}: unexpected EOF (missing {{ end }})`);
  return { name, nodes: root };
}

// ---------------------------------------------------------------------------------------------
// Execution

interface State {
  name: string;
  vars: Array<{ name: string; value: Value }>;
}

function isMap(v: Value): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeName(v: Value): string {
  if (v === MISSING) return "<invalid>";
  if (v === null) return "interface {} (nil)";
  if (Array.isArray(v)) return "[]interface {}";
  if (isMap(v)) return "map[string]interface {}";
  return typeof v === "number" ? "float64" : typeof v === "boolean" ? "bool" : typeof v === "string" ? "string" : typeof v;
}

function field(v: Value, name: string, st: State): Value {
  if (v === MISSING) return MISSING;
  if (v === null) throw new GoTemplateError(`${st.name}: nil pointer evaluating interface {}.${name}`);
  if (isMap(v)) return Object.prototype.hasOwnProperty.call(v, name) ? v[name] : MISSING;
  throw new GoTemplateError(`${st.name}: can't evaluate field ${name} in type ${typeName(v)}`);
}

function chain(v: Value, path: string[], st: State): Value {
  let cur = v;
  for (const p of path) cur = field(cur, p, st);
  return cur;
}

/** Go's template truth: zero values, nil and the invalid value are false. */
export function goTruth(v: Value): boolean {
  if (v === MISSING || v === null || v === undefined) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

function formatFloat(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  const [mantissa, expText] = n.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 21 || (!Number.isInteger(n) && exp >= 6)) {
    const sign = exp < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(n); // 1e-4 <= |n| < 1e21 here, where JS prints plain decimals as Go does
}

/** fmt.Sprint-like formatting of one value (`%v`). */
export function goFormat(v: Value): string {
  if (v === MISSING) return "<no value>";
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatFloat(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(" ")}]`;
  if (isMap(v)) {
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goFormat(v[k])}`)
      .join(" ")}]`;
  }
  throw new GoTemplateError(`cannot format value of type ${typeof v}`);
}

type BasicKind = "bool" | "number" | "string" | "invalid" | "other";
function basicKind(v: Value): BasicKind {
  if (v === MISSING || v === null || v === undefined) return "invalid";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  return "other";
}

function goEq(st: State, a: Value, ...bs: Value[]): boolean {
  if (bs.length === 0) throw new GoTemplateError(`${st.name}: error calling eq: missing argument for comparison`);
  const k1 = basicKind(a);
  for (const b of bs) {
    const k2 = basicKind(b);
    let truth: boolean;
    if (k1 !== k2) {
      if (k1 !== "invalid" && k2 !== "invalid") throw new GoTemplateError(`${st.name}: error calling eq: incompatible types for comparison`);
      truth = false;
    } else if (k1 === "other") {
      throw new GoTemplateError(`${st.name}: error calling eq: non-comparable type ${typeName(a)}`);
    } else if (k1 === "invalid") {
      truth = true; // nil == nil
    } else {
      truth = a === b;
    }
    if (truth) return true;
  }
  return false;
}

function goIndex(st: State, item: Value, keys: Value[]): Value {
  let cur = item;
  for (const key of keys) {
    if (cur === MISSING || cur === null) throw new GoTemplateError(`${st.name}: error calling index: index of untyped nil`);
    if (Array.isArray(cur)) {
      if (typeof key !== "number" || !Number.isInteger(key)) throw new GoTemplateError(`${st.name}: error calling index: cannot index slice with ${goFormat(key)}`);
      if (key < 0 || key >= cur.length) throw new GoTemplateError(`${st.name}: error calling index: index out of range: ${key}`);
      cur = cur[key];
    } else if (isMap(cur)) {
      if (typeof key !== "string") throw new GoTemplateError(`${st.name}: error calling index: value has type ${typeName(key)}; should be string`);
      // A missing key gives the map's zero element: a nil interface.
      cur = Object.prototype.hasOwnProperty.call(cur, key) ? cur[key] : null;
    } else {
      throw new GoTemplateError(`${st.name}: error calling index: can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

function goPrint(args: Value[]): string {
  let out = "";
  let prevString = false;
  args.forEach((raw, i) => {
    const arg = raw === MISSING ? null : raw; // an invalid argument becomes a nil interface{}
    const isString = typeof arg === "string";
    if (i > 0 && !isString && !prevString) out += " ";
    out += goFormat(arg);
    prevString = isString;
  });
  return out;
}

function stringArg(st: State, fn: string, v: Value): string {
  if (typeof v === "string") return v;
  if (v === MISSING) throw new GoTemplateError(`${st.name}: error calling ${fn}: invalid value; expected string`);
  throw new GoTemplateError(`${st.name}: error calling ${fn}: wrong type for value; expected string; got ${typeName(v)}`);
}

function evalOperand(op: Operand, st: State, dot: Value): Value {
  switch (op.k) {
    case "field":
      return chain(dot, op.path, st);
    case "dot":
      return dot;
    case "var": {
      const found = [...st.vars].reverse().find((v) => v.name === op.name);
      if (!found) throw new GoTemplateError(`${st.name}: undefined variable: ${op.name}`);
      return chain(found.value, op.path, st);
    }
    case "pipe":
      return chain(evalPipe(op.pipe, st, dot), op.path, st);
    case "lit":
      return op.v;
    case "func":
      throw new GoTemplateError(`${st.name}: function ${op.name} used as a value`);
  }
}

function evalCommand(cmd: Operand[], st: State, dot: Value, final: Value[]): Value {
  const head = cmd[0]!;
  if (head.k !== "func") {
    if (cmd.length > 1 || final.length > 0) throw new GoTemplateError(`${st.name}: can't give argument to non-function`);
    return evalOperand(head, st, dot);
  }
  const argOps = cmd.slice(1);
  const name = head.name;
  if (name === "and" || name === "or") {
    const thunks: Array<() => Value> = [...argOps.map((op) => () => evalOperand(op, st, dot)), ...final.map((v) => () => v)];
    if (thunks.length === 0) throw new GoTemplateError(`${st.name}: wrong number of args for ${name}: want at least 1 got 0`);
    let v: Value = MISSING;
    for (const thunk of thunks) {
      v = thunk();
      if (goTruth(v) === (name === "or")) return v;
    }
    return v;
  }
  const args = [...argOps.map((op) => evalOperand(op, st, dot)), ...final];
  const arity = (min: number, max: number) => {
    if (args.length < min || args.length > max) throw new GoTemplateError(`${st.name}: wrong number of args for ${name}: got ${args.length}`);
  };
  switch (name) {
    case "not":
      arity(1, 1);
      return !goTruth(args[0]);
    case "eq":
      arity(2, Infinity);
      return goEq(st, args[0], ...args.slice(1));
    case "ne":
      arity(2, 2);
      return !goEq(st, args[0], args[1]);
    case "index":
      arity(1, Infinity);
      return goIndex(st, args[0], args.slice(1));
    case "print":
      return goPrint(args);
    case "hasPrefix":
      arity(2, 2);
      return stringArg(st, name, args[0]).startsWith(stringArg(st, name, args[1]));
    case "hasSuffix":
      arity(2, 2);
      return stringArg(st, name, args[0]).endsWith(stringArg(st, name, args[1]));
    default:
      throw new GoTemplateError(`${st.name}: function "${name}" not supported`);
  }
}

function evalPipe(pipe: Pipe, st: State, dot: Value): Value {
  let value: Value = MISSING;
  pipe.cmds.forEach((cmd, i) => {
    value = evalCommand(cmd, st, dot, i === 0 ? [] : [value]);
    // Go digs into interface{} after each command: a nil interface becomes the invalid value.
    if (value === null || value === undefined) value = MISSING;
  });
  if (pipe.op === ":=") {
    for (const name of pipe.decl) st.vars.push({ name, value });
  } else if (pipe.op === "=") {
    const name = pipe.decl[0]!;
    const found = [...st.vars].reverse().find((v) => v.name === name);
    if (!found) throw new GoTemplateError(`${st.name}: undefined variable: ${name}`);
    found.value = value;
  }
  return value;
}

function walk(nodes: Node[], st: State, dot: Value, out: string[]): void {
  for (const node of nodes) {
    switch (node.t) {
      case "text":
        out.push(node.s);
        break;
      case "out": {
        const v = evalPipe(node.pipe, st, dot);
        if (node.pipe.decl.length === 0) out.push(goFormat(v));
        break;
      }
      case "if": {
        const mark = st.vars.length;
        const v = evalPipe(node.pipe, st, dot);
        walk(goTruth(v) ? node.then : node.else, st, dot, out);
        st.vars.length = mark;
        break;
      }
      case "range": {
        const mark = st.vars.length;
        const { decl } = node.pipe;
        const v = evalPipe({ ...node.pipe, decl: [], op: null }, st, dot);
        let entries: Array<[Value, Value]>;
        if (v === MISSING) entries = [];
        else if (Array.isArray(v)) entries = v.map((e, i) => [i, e]);
        else if (isMap(v)) entries = Object.keys(v).sort().map((k) => [k, v[k]]);
        else throw new GoTemplateError(`${st.name}: range can't iterate over ${goFormat(v)}`);
        for (const [key, elem] of entries) {
          if (decl.length === 1) st.vars.push({ name: decl[0]!, value: elem });
          if (decl.length === 2) st.vars.push({ name: decl[0]!, value: key }, { name: decl[1]!, value: elem });
          walk(node.then, st, elem, out);
          st.vars.length = mark;
        }
        if (entries.length === 0) walk(node.else, st, dot, out);
        st.vars.length = mark;
        break;
      }
    }
  }
}

/** Executes a parsed template against `data` (the value of `.` and `$`). */
export function executeGoTemplate(tpl: ParsedTemplate, data: unknown): string {
  const st: State = { name: tpl.name, vars: [{ name: "$", value: data }] };
  const out: string[] = [];
  walk(tpl.nodes, st, data, out);
  return out.join("");
}

/** Parses and executes in one go. */
export function renderGoTemplate(src: string, data: unknown, name = "template"): string {
  return executeGoTemplate(parseGoTemplate(src, name), data);
}
