import { entry } from "./entry.js";

/**
 * Parsing the text. A parser library's own sentence is a fact like any other (`detail`): berth
 * does not reword what YAML, JSON or HCL say about their grammar, it adds the hint.
 */
export const SYNTAX = {
  EMPTY_MANIFEST: entry(
    (p: { subject?: "config"; commentsOnly?: boolean; format?: "hcl" }) => `the ${p.subject === "config" ? "config file" : "manifest"} ${p.commentsOnly ? "has no content" : "is empty"}`,
    "Start from `berth init`, which writes a commented starter manifest.",
    (p) => (p.format === "hcl" ? "Start from `berth init --format hcl`, which writes a commented starter manifest in HCL." : undefined),
  ),
  NOT_A_MAPPING: entry(
    (p: { subject?: "config"; found: "a list" | "a single value" }) => `the ${p.subject === "config" ? "config file" : "manifest"} is ${p.found}, not a mapping of keys`,
    "A manifest is a mapping of keys (`name: …`, `image: …`) at the top level.",
    (p) => (p.subject === "config" ? "The config file is a mapping of keys at the top level, e.g. `checklist: { severity: { image-pinned: error } }`." : undefined),
  ),
  WRONG_LANGUAGE: entry(
    (p: { found: "yaml" | "json" | "hcl"; extension: string; rename?: string }) => `the file is written in ${LANGUAGE[p.found]}, but its name ends in ${p.extension}, so berth read it as ${LANGUAGE[languageOf(p.extension)]}`,
    "berth reads a manifest in the language its extension names: `.yaml` or `.yml` for YAML, `.json` for JSON, `.hcl` for HCL. Rename the file to match what it holds.",
    (p) => (p.rename ? `Rename it to \`${p.rename}\` (berth reads a manifest in the language its extension names).` : undefined),
  ),
  // YAML
  YAML_SYNTAX: entry(
    (p: { detail: string; repeats?: number }) => (p.repeats ? `${p.detail}; nothing after it is read (${p.repeats} more ${p.repeats === 1 ? "error follows" : "errors follow"} from this one)` : p.detail),
    "Fix the YAML syntax at the caret.",
  ),
  YAML_TAB_INDENT: entry((p: { detail: string }) => p.detail, "YAML indents with spaces only; replace the tab with spaces."),
  YAML_BAD_INDENT: entry(
    (p: { key?: string; item?: boolean; found: number; expected: number; parent?: string }) => {
      const what = p.item ? "this list item" : p.key !== undefined ? `"${p.key}"` : "this line";
      const others = p.item ? `the other items of ${p.parent ?? "the list"}` : p.parent ? `the other keys of ${block(p.parent, "")}` : "the lines around it";
      return `${what} is indented ${spaces(p.found)}; ${p.expected === 0 ? "top-level keys are not indented" : `${others} are indented ${spaces(p.expected)}`}`;
    },
    "Every key of a block (and every item of a list) starts at the same column: indent the line like the ones around it.",
    (p) => {
      const what = p.item ? "the `-` item" : p.key !== undefined ? `\`${p.key}\`` : "the line";
      if (p.expected === 0) return `Start ${what} in the first column, like the other top-level keys.`;
      const like = p.item ? (p.parent ? `, like the other items of \`${p.parent}\`` : "") : p.parent ? `, like the other keys of ${block(p.parent, "`")}` : "";
      return `Indent ${what} ${spaces(p.expected)}${like}.`;
    },
  ),
  YAML_UNQUOTED_VALUE: entry(
    (p: { key?: string; value: string; indicator: string; cron: boolean }) =>
      `${p.cron ? "the cron expression" : "the value"} ${p.value} ${p.indicator === "*" ? "starts with `*`, which YAML reads as an alias" : `starts with \`${p.indicator}\`, which YAML reserves`}${p.cron ? "; it must be quoted" : ""}`,
    "Quote a value that starts with `*`, `@` or a backtick.",
    (p) => `${p.cron ? "Quote cron expressions" : "Quote the value"}: \`${p.key !== undefined ? `${p.key}: ` : "- "}"${p.value.replace(/"/g, '\\"')}"\`.`,
  ),
  YAML_MISSING_SEPARATOR: entry(
    (p: { key: string; value: string; colon: boolean }) =>
      p.colon ? `\`${p.key}:${p.value}\` has no space after the colon, so YAML does not read it as a key and a value`
      : `\`${p.key} ${p.value}\` is missing \`: \` after the key, so YAML does not read it as a key and a value`,
    "Separate a key from its value with a colon and a space: `key: value`.",
    (p) => `${p.colon ? "Add a space after the colon" : "Add `: ` after the key"}: \`${p.key}: ${p.value}\`.`,
  ),
  YAML_COLON_IN_VALUE: entry(
    (p: { key?: string; value: string }) => `the value ${p.value} contains \`: \`, which YAML reads as the start of another key`,
    "Quote a value that contains `: `.",
    (p) => `Quote the value: \`${p.key !== undefined ? `${p.key}: ` : "- "}"${p.value.replace(/"/g, '\\"')}"\`.`,
  ),
  YAML_DUPLICATE_KEY: entry(
    // `detail` (the parser's words) when the first use cannot be found.
    (p: { key?: string; line?: number; detail?: string }) => (p.key !== undefined && p.line !== undefined ? `key "${p.key}" is set twice in this mapping; the first is on line ${p.line}` : (p.detail ?? "a key is set twice in this mapping")),
    "Each key may appear once in a mapping; remove or merge the repeat.",
    (p) => (p.key !== undefined && p.line !== undefined ? `Each key may appear once in a mapping: remove this \`${p.key}\`, or merge it into the one on line ${p.line}.` : undefined),
  ),
  YAML_MULTIPLE_DOCUMENTS: entry((p: { documents: number }) => `found ${p.documents} YAML documents; a manifest holds one`, "A manifest describes one service; put each service in its own file."),
  YAML_ALIAS_LIMIT: entry((p: { limit: number }) => `aliases expand past the limit of ${p.limit}`, "Anchors and aliases expand too far; write the values out or use fewer aliases."),
  // Any format. (Named YAML_TOO_DEEP until HCL and JSON had it too: RENAMED_CODES keeps the old id known.)
  NESTING_TOO_DEEP: entry(
    (p: { format?: "yaml" | "json" | "hcl"; depth?: number }) =>
      `${p.format ? `${p.format.toUpperCase()} ` : ""}values nest ${p.depth !== undefined ? `more than ${p.depth} levels deep` : "too deep for a manifest"}`,
    "Nesting this deep is not a manifest; check for runaway indentation or brackets.",
    (p) => (p.format === "hcl" ? "Nesting this deep is not a manifest; check for runaway blocks, brackets or `${…}` templates." : undefined),
  ),
  // JSON
  JSON_SYNTAX: entry((p: { detail: string }) => p.detail, "Fix the JSON syntax at the caret (JSON allows no trailing commas or comments)."),
  // HCL
  HCL_SYNTAX: entry((p: { detail: string; repeats?: number }) => (p.repeats ? `${p.detail} (and ${p.repeats} more like it after this one)` : p.detail), "Fix the HCL syntax at the caret."),
  HCL_DUPLICATE_BLOCK: entry((p: { block: string; count: number }) => `block ${p.block.includes('"') ? p.block : `"${p.block}"`} appears ${p.count} times; it may appear once`, "This block may appear once; merge the repeats."),
  HCL_BLOCK_LABEL: entry(
    (p: { block: string; label?: string; labelField?: string; secondLabel?: string; collection?: string }) =>
      p.collection !== undefined
        ? `block "${p.block}" needs a label, the name of its entry in ${p.collection}: ${p.block} "<name>" { … }`
        : p.secondLabel !== undefined
          ? `block ${p.block} "${p.label}" has a second label "${p.secondLabel}"; it takes one`
          : p.labelField
            ? `${p.block} "${p.label}" sets ${p.labelField} again; the block's label is its ${p.labelField}`
            : `block "${p.block}" takes no label (found "${p.label}")`,
    "Write the block as the reference shows: `port \"http\" { … }` carries its name as the label; `waiver { … }` has none.",
  ),
  HCL_BLOCK_LABELS_MIXED: entry(
    (p: { block: string }) => `block "${p.block}" is written both with and without a label`,
    "Write every block of one kind the same way, as the reference shows: `port \"http\" { … }` always carries its label; `waiver { … }` never does.",
  ),
  HCL_BLOCK_NAME: entry(
    (p: { written: string; block: string; label: string; labelled: boolean }) => `block "${p.written}" is not an HCL block; each entry of ${p.written} is written as a "${p.block}" block`,
    "In HCL a list of entries is written as one block per entry, named in the singular, as the reference shows: `port \"http\" { … }`, `volume \"data\" { … }`.",
    (p) => `Write \`${p.block}${p.labelled ? ` "${p.label}"` : ""} { … }\`, one block per entry of ${p.written}.`,
  ),
  HCL_DUPLICATE_KEY: entry(
    (p: { key: string; line: number }) => `key "${p.key}" is set twice in this object; the first is on line ${p.line} (HCL keeps only the last)`,
    "Each key may appear once in an object `{ … }`; remove or merge the repeat.",
    (p) => `Each key may appear once in an object: remove this \`${p.key}\`, or merge it into the one on line ${p.line}.`,
  ),
  HCL_VALUE_AS_BLOCK: entry(
    (p: { key: string; expected: string; object?: boolean }) => `${p.key} is written as a block; it takes ${p.expected}, written as an attribute`,
    "Write a value, and Kubernetes' own data in `patches` and `extra_objects`, as an attribute, `key = value` or `key = { … }`; blocks (`key { … }`) hold berth's settings.",
    (p) => `Write it as an attribute: \`${p.key} = ${p.object ? "{ … }" : "…"}\`.`,
  ),
  HCL_INTERPOLATION: entry(
    (_p: { inString?: boolean }) => "expressions, references and templates (`${…}`) are not evaluated in manifests",
    "berth's HCL is plain data: write the literal value instead of `${…}`; to keep a `${` or `%{` as text (a script's `${HOME}`), double its first character: `$${HOME}`.",
    (p) =>
      p.inString
        ? "To keep `${` or `%{` as text (a script's `${HOME}`), double its first character: `$${HOME}`, `%%{`; otherwise write the literal value: templates are not evaluated."
        : "berth's HCL is plain data: write the literal value instead of the expression.",
  ),
} as const;

const LANGUAGE = { yaml: "YAML", json: "JSON", hcl: "HCL" } as const;

function languageOf(extension: string): keyof typeof LANGUAGE {
  return /^\.ya?ml$/i.test(extension) ? "yaml" : /^\.json$/i.test(extension) ? "json" : "hcl";
}

function spaces(n: number): string {
  return n === 1 ? "1 space" : `${n} spaces`;
}

/** A block as the indentation messages name it: `database`, or "this scheduled_jobs item" for a list item's keys. */
function block(parent: string, quote: string): string {
  return parent.endsWith("[]") ? `this ${quote}${parent.slice(0, -2)}${quote} item` : `${quote}${parent}${quote}`;
}
