/**
 * Messages and hints are written once, with YAML snippets (`deploy.auto_revert: true`, `url: { secret: <name>,
 * key: <key> }`). A diagnostic in an HCL manifest shows each snippet as the HCL that says the same
 * (`deploy { auto_revert = true }`, `url = { secret = "<name>", key = "<key>" }`), so berth never
 * asks an HCL user to write YAML. Only snippets between backticks that read as a YAML key and
 * value (or a flow mapping) are rewritten; anything else (`berth schema`, `/healthz`, `${…}`) is
 * left as written.
 */

/** YAML-only phrasing in messages and hints, and what it says in HCL. */
const PHRASES: ReadonlyArray<readonly [string, string]> = [
  [", indented like the block's other keys", ", inside its braces"],
  // WRONG_TYPE: HCL has blocks and objects where YAML has mappings.
  [" must be a mapping", " must be a block or an object `{ … }`"],
  [", not a mapping", ", not an object `{ … }`"],
  ["reference it under `secrets:` as `{ secret, key }`", 'reference it with a `secret "<NAME>" { … }` block (its `secret` and `key`)'],
];

/**
 * A value to write in place of the one given (`Add the unit: \`30s\``): a plain scalar in YAML, a
 * quoted string in HCL (`timeout = 30s` does not parse).
 */
const REPLACEMENT_VALUE = /((?:Add the unit|Write it with berth's units|Write it with a Kubernetes unit): |Did you mean )`([^`"]+)`/g;

/** The message or hint with every YAML snippet in it written as HCL. */
export function inHclSyntax(text: string): string {
  let out = text.replace(REPLACEMENT_VALUE, (_all, lead: string, value: string) => `${lead}\`${JSON.stringify(value)}\``);
  for (const [yaml, hcl] of PHRASES) out = out.split(yaml).join(hcl);
  return out.replace(/`([^`\n]+)`/g, (whole, inner: string) => {
    const hcl = snippetToHcl(inner);
    return hcl === undefined ? whole : "`" + hcl + "`";
  });
}

const KEY = String.raw`[A-Za-z_][\w-]*`;
/** `key: value`, `a.b.c: value`, or `key:` alone; the key path without `/` (a label key is never a path). */
const KEY_VALUE = new RegExp(String.raw`^(${KEY}(?:\.${KEY})*):(?: (.+))?$`, "s");

function snippetToHcl(snippet: string): string | undefined {
  if (snippet.startsWith("{")) {
    const value = readValue(snippet);
    return value && value.rest.trim() === "" && value.node.kind === "map" ? render(value.node) : undefined;
  }
  const m = KEY_VALUE.exec(snippet);
  if (!m) return undefined;
  const path = m[1]!.split(".");
  if (m[2] === undefined) return m[1] === snippet.slice(0, -1) ? path.join(".") : undefined;
  const value = readValue(m[2]);
  if (!value || value.rest.trim() !== "") return undefined;
  // `a.b.c: v` is the attribute `c` in the blocks `a` and `b`: `a { b { c = v } }`.
  let out = `${key(path[path.length - 1]!)} = ${render(value.node)}`;
  for (const block of path.slice(0, -1).reverse()) out = `${block} { ${out} }`;
  return out;
}

type Node = { kind: "scalar"; text: string } | { kind: "list"; items: Node[] } | { kind: "map"; entries: Array<[string, Node | undefined]> };

/** Reads one YAML flow value from the start of `text`: `{ … }`, `[ … ]` or a plain or quoted scalar. */
function readValue(text: string): { node: Node; rest: string } | undefined {
  const s = text.trimStart();
  if (s.startsWith("{")) {
    const entries: Array<[string, Node | undefined]> = [];
    let rest = s.slice(1).trimStart();
    while (!rest.startsWith("}")) {
      const k = /^("[^"]*"|[^:,{}[\]]+?)\s*(:\s|,|(?=\}))/.exec(rest);
      if (!k) return undefined;
      rest = rest.slice(k[0].length);
      const name = k[1]!.trim();
      if (k[2]!.startsWith(":")) {
        const value = readValue(rest);
        if (!value) return undefined;
        entries.push([name, value.node]);
        rest = value.rest.trimStart().replace(/^,/, "");
      } else entries.push([name, undefined]);
      rest = rest.trimStart();
      if (rest === "") return undefined;
    }
    return { node: { kind: "map", entries }, rest: rest.slice(1) };
  }
  if (s.startsWith("[")) {
    const items: Node[] = [];
    let rest = s.slice(1).trimStart();
    while (!rest.startsWith("]")) {
      const value = readValue(rest);
      if (!value) return undefined;
      items.push(value.node);
      rest = value.rest.trimStart().replace(/^,/, "").trimStart();
      if (rest === "") return undefined;
    }
    return { node: { kind: "list", items }, rest: rest.slice(1) };
  }
  const quoted = /^("(?:[^"\\]|\\.)*"|'[^']*')/.exec(s);
  if (quoted) return { node: { kind: "scalar", text: quoted[1]! }, rest: s.slice(quoted[1]!.length) };
  const plain = /^[^,{}[\]]+/.exec(s);
  if (!plain) return undefined;
  return { node: { kind: "scalar", text: plain[0].trimEnd() }, rest: s.slice(plain[0].trimEnd().length) };
}

/** A placeholder stands for a value the reader fills in: kept as written. */
const PLACEHOLDER = /^(\u2026|\.\.\.)$/;

function render(node: Node): string {
  if (node.kind === "list") return `[${node.items.map(render).join(", ")}]`;
  if (node.kind === "map") {
    if (node.entries.length === 0) return "{}";
    return `{ ${node.entries.map(([k, v]) => (PLACEHOLDER.test(k) ? k : `${key(k)} = ${v ? render(v) : "…"}`)).join(", ")} }`;
  }
  const text = node.text;
  if (PLACEHOLDER.test(text) || /^(true|false|null)$/.test(text) || /^-?\d+(\.\d+)?$/.test(text)) return text;
  if (text.startsWith('"')) return text;
  if (text.startsWith("'")) return JSON.stringify(text.slice(1, -1));
  return JSON.stringify(text);
}

/** An HCL attribute or object key: an identifier as it is, anything else quoted. */
function key(name: string): string {
  if (name.startsWith('"')) return name;
  return /^[A-Za-z_][\w-]*$/.test(name) ? name : JSON.stringify(name);
}
