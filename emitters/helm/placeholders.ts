/**
 * Helm templates are berth's own objects with a few fields swapped for template expressions.
 * An object is built with placeholder strings at those fields, written as YAML, and each line
 * holding a placeholder is rewritten. The rest of the text is exactly the Kubernetes emitter's.
 */
const PREFIX = "@@berth:";

/** The placeholder standing in for a templated field. */
export function placeholder(name: string): string {
  return `${PREFIX}${name}@@`;
}

/** How to rewrite a line holding a placeholder: given its indentation and its key (or "-" for a list item). */
export type Rewrite = (indent: string, key: string) => string;

const LINE = /^( *)(- |[^:\n]+: )"@@berth:([a-zA-Z0-9-]+)@@"$/;

/** Rewrites every placeholder line of `text`; throws on a placeholder without a rewrite (a bug). */
export function rewritePlaceholders(text: string, rewrites: Record<string, Rewrite>): string {
  if (!text.includes(PREFIX)) return text;
  return text
    .split("\n")
    .map((line) => {
      if (!line.includes(PREFIX)) return line;
      const match = LINE.exec(line);
      if (!match) {
        if (line.includes(PREFIX)) throw new Error(`helm: placeholder in an unexpected position: ${line}`);
        return line;
      }
      const [, indent, lead, name] = match as unknown as [string, string, string, string];
      const rewrite = rewrites[name];
      if (!rewrite) throw new Error(`helm: no rewrite for placeholder ${name}`);
      return rewrite(indent, lead === "- " ? "-" : lead.slice(0, -2));
    })
    .join("\n");
}

/** `key: <expression>` on the same line. */
export const inline = (expression: string): Rewrite => (indent, key) => `${indent}${key}: ${expression}`;

/** `key:` followed by a YAML block rendered from a value (`toYaml … | nindent`). */
export const block = (value: string): Rewrite => (indent, key) => `${indent}${key}:{{- toYaml ${value} | nindent ${indent.length + 2} }}`;

/** The line only when a condition holds. */
export const when = (condition: string, inner: Rewrite): Rewrite => (indent, key) =>
  `{{- if ${condition} }}\n${inner(indent, key)}\n{{- end }}`;

/**
 * Repeats the list item that starts at the placeholder line once per element of `list`, with
 * `{{ . }}`-style access: wraps the item's block in a range.
 */
export function rangeItem(text: string, name: string, list: string, value: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.includes(`"${placeholder(name)}"`));
  if (at < 0) throw new Error(`helm: placeholder ${name} not found`);
  const indent = /^( *)- /.exec(lines[at]!)?.[1];
  if (indent === undefined) throw new Error(`helm: ${name} must start a list item`);
  let end = at + 1;
  while (end < lines.length && lines[end]!.startsWith(indent + "  ")) end++;
  lines[at] = lines[at]!.replace(`"${placeholder(name)}"`, value);
  lines.splice(end, 0, "{{- end }}");
  lines.splice(at, 0, `{{- range ${list} }}`);
  return lines.join("\n");
}
