import type { Problem } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../diagnostics/locate.js";
import { problemAtPosition } from "../diagnostics/make.js";
import { findRunawayNesting } from "./nesting-guard.js";
import type { ManifestFormat } from "./parsed.js";

/**
 * The syntax codes that mean "this text is not the language its extension names". An HCL manifest
 * saved as `.yaml` (or the reverse) gives one YAML_SYNTAX per HCL line, each quoting the parser's
 * tokens: the real mistake, the file's name, is in none of them.
 */
const NOT_THIS_LANGUAGE = /^(YAML_|JSON_SYNTAX$|HCL_SYNTAX$|NOT_A_MAPPING$)/;

/**
 * When a manifest failed to parse in the language its extension names but parses cleanly, as a
 * mapping, in another one: that one problem, instead of the parser's many. Tried only after a
 * syntax failure, so a well-formed manifest never pays for the second parse.
 */
export async function wrongLanguage(file: string, text: string, format: ManifestFormat, problems: readonly Problem[]): Promise<Problem | undefined> {
  if (!problems.length || !problems.every((p) => NOT_THIS_LANGUAGE.test(p.code))) return undefined;
  const found = await parsesAs(file, text, format);
  if (!found) return undefined;
  const extension = /\.[^./\\]+$/.exec(file)?.[0] ?? "";
  const base = file.slice(file.search(/[^/\\]*$/), file.length - extension.length);
  return problemAtPosition(file, "WRONG_LANGUAGE", new LineIndex(text).position(firstContent(text)), {
    found,
    extension,
    rename: `${base}.${found === "hcl" ? "hcl" : found === "json" ? "json" : "yaml"}`,
  });
}

/**
 * The other language the text is, when it parses in one as a mapping of keys. YAML reads JSON too,
 * so a text that is JSON is said to be JSON; YAML is tried only where the extension is not YAML's.
 */
async function parsesAs(file: string, text: string, format: ManifestFormat): Promise<ManifestFormat | undefined> {
  // A `.json` file that opens with a bracket is JSON with a mistake (a trailing comma YAML would forgive).
  const jsonShaped = /^[{[]/.test(text.slice(firstContent(text)));
  if (format !== "yaml" && !(format === "json" && jsonShaped) && findRunawayNesting(text) < 0) {
    const yaml = (await import("./parse-yaml.js")).parseYaml(file, text, "yaml");
    const value = yaml.ok ? yaml.source.value : undefined;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return isJson(text) ? "json" : "yaml";
  }
  if (format !== "hcl") {
    const hcl = await (await import("./parse-hcl.js")).parseHcl(file, text);
    if (hcl.ok) return "hcl";
  }
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the first line that is neither blank nor a comment: where the file's content starts. */
function firstContent(text: string): number {
  const m = /^[ \t]*(?!#|\/\/|\r?$)\S/m.exec(text);
  return m ? m.index + m[0].length - 1 : 0;
}
