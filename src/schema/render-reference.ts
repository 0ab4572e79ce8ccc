import { manifestSchema, resolveRef, type SchemaNode } from "./manifest-schema.js";

/**
 * Renders the manifest reference (Markdown) from the schema, so the README's reference can
 * never disagree with what berth accepts. `berth schema --format markdown` prints it and
 * `npm run docs` writes it into the README.
 */
export function renderReference(schema = manifestSchema): string {
  const sections: string[] = [];
  const rendered = new Set<string>();
  const queue: Array<{ title: string; anchor: string; node: SchemaNode; intro?: string }> = [];

  // A node that adds properties to a $ref is its own (inline) type, not the referenced one.
  const defName = (node: SchemaNode) => (node.properties ? undefined : /^#\/\$defs\/(.+)$/.exec(node.$ref ?? "")?.[1]);
  const isRecord = (node: SchemaNode) => !!resolveRef(node).properties;

  /** A named object type gets its own section (once); an inline object gets a section under its path. */
  function sectionFor(node: SchemaNode, path: string): string {
    const name = defName(node);
    const anchor = name && name !== "settings" ? name.toLowerCase() : path.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    if (!rendered.has(anchor)) {
      rendered.add(anchor);
      queue.push({ title: name ? `\`${name}\`` : `\`${path}\``, anchor, node: name ? schema.$defs[name]! : node });
    }
    return anchor;
  }

  function typeOf(node: SchemaNode, path: string): string {
    const resolved = resolveRef(node);
    const name = defName(node);
    if (resolved.const !== undefined) return `\`${JSON.stringify(resolved.const)}\``;
    if (resolved.enum) return resolved.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
    if (isRecord(node)) return `[${name ?? path.split(".").pop()!.replace("[]", "")}](#${sectionFor(node, path)})`;
    if (name && UNIT_TYPES[name]) return UNIT_TYPES[name]!;
    const type = resolved.type;
    if (type === "array") return `list of ${typeOf(resolved.items ?? {}, `${path}[]`)}`;
    if (type === "object" && typeof resolved.additionalProperties === "object") {
      return `map of ${typeOf(resolved.additionalProperties, `${path}.*`)}`;
    }
    if (Array.isArray(type)) return type.join(" or ");
    return type ?? "any";
  }

  function table(node: SchemaNode, path: string): string {
    const rows = ["| Key | Type | Default | Description |", "| --- | --- | --- | --- |"];
    const required = new Set(resolveRef(node).required ?? node.required ?? []);
    for (const [key, prop] of orderedProperties(node, path)) {
      const hclNote = hclForm(prop);
      const description = (prop.description ?? resolveRef(prop).description ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
      const def = prop.default !== undefined ? `\`${JSON.stringify(prop.default)}\`` : required.has(key) ? "**required**" : "";
      rows.push(`| \`${key}\` | ${typeOf(prop, path ? `${path}.${key}` : key)} | ${def} | ${description}${hclNote} |`);
    }
    return rows.join("\n");
  }

  sections.push(`### Top level\n\n${schema.description}\n\n${table(schema, "")}`);
  while (queue.length) {
    const { title, anchor, node } = queue.shift()!;
    const description = node.description ? `${node.description}\n\n` : "";
    sections.push(`### ${title}\n<a id="${anchor}"></a>\n\n${description}${table(node, anchor)}`);
  }
  return sections.join("\n\n") + "\n";
}

/** How a collection is written in HCL: labelled blocks, repeated blocks, or keyed blocks. */
function hclForm(prop: SchemaNode): string {
  const hcl = prop["x-hcl"];
  if (!hcl) return "";
  const isMap = typeof resolveRef(prop).additionalProperties === "object";
  const form = hcl.label ? `${hcl.block} "<${hcl.label}>" { … }` : isMap ? `${hcl.block} "<key>" { … }` : `${hcl.block} { … }`;
  return ` HCL: \`${form}\`${isMap ? "" : ", repeated"}.`;
}

/** The top level reads in manifest order: identity first, then settings, then environments. */
function orderedProperties(node: SchemaNode, path: string): Array<[string, SchemaNode]> {
  const entries = Object.entries(allProperties(node));
  if (path !== "") return entries;
  const first = ["apiVersion", "kind", "name"];
  const last = ["default_environment", "environments"];
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) - 10 : last.includes(key) ? 10 + last.indexOf(key) : 0);
  return entries.map((e, i) => [e, i] as const).sort((a, b) => rank(a[0][0]) - rank(b[0][0]) || a[1] - b[1]).map(([e]) => e);
}

function allProperties(node: SchemaNode): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  const visit = (n: SchemaNode) => {
    const name = /^#\/\$defs\/(.+)$/.exec(n.$ref ?? "")?.[1];
    if (name) visit(manifestSchema.$defs[name]!);
    Object.assign(out, n.properties ?? {});
  };
  visit(node);
  return out;
}

/** Value types whose format the README's "Units" section explains. */
const UNIT_TYPES: Record<string, string> = {
  overlay: "overrides: any top-level key except `apiVersion`, `kind`, `name`",
  duration: "duration",
  ratio: "percentage",
  countOrRatio: "count or percentage",
  cpuQuantity: "CPU quantity",
  memoryQuantity: "memory quantity",
  cron: "cron",
  date: "date",
  url: "URL",
  hostname: "host name",
  imageRef: "image reference",
  serviceName: "name",
  environmentName: "name",
  resourceName: "name",
  portName: "port name",
  labelKey: "label key",
  labelValue: "label value",
  envName: "variable name",
  metricName: "metric name",
  portRef: "port name or number",
};
