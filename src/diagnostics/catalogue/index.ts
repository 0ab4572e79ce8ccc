import type { Entry, Params } from "./entry.js";
import { MEANING } from "./meaning.js";
import { READ } from "./read.js";
import { SHAPE } from "./shape.js";
import { SYNTAX } from "./syntax.js";

export type { Entry, ParamValue, Params } from "./entry.js";

/**
 * Every diagnostic code berth reports, with its wording. A code is a stable id that tests,
 * editors, waivers and CI annotations key on. (A checklist rule's findings carry the rule's id
 * as their code; their wording is on the rule.)
 */
export const CODES = { ...READ, ...SYNTAX, ...SHAPE, ...MEANING } as const;

export type Code = keyof typeof CODES;

/** The codes by the stage that reports them, in that order (`berth explain --list`). */
export const CODE_GROUPS: ReadonlyArray<{ readonly stage: string; readonly codes: readonly Code[] }> = [
  { stage: "reading", codes: Object.keys(READ) as Code[] },
  { stage: "syntax", codes: Object.keys(SYNTAX) as Code[] },
  { stage: "schema", codes: Object.keys(SHAPE) as Code[] },
  { stage: "meaning", codes: Object.keys(MEANING) as Code[] },
];

/**
 * Codes renamed, by their old id. Diagnostics carry the new id; a waiver or a severity override
 * naming the old one is still a known id, and `berth explain` still answers for it.
 */
export const RENAMED_CODES: Readonly<Record<string, Code>> = { YAML_TOO_DEEP: "NESTING_TOO_DEEP" };

/** Every id a waiver or override may name as a diagnostic code: the catalogue's and the renamed ones'. */
export function codeIds(): string[] {
  return [...Object.keys(CODES), ...Object.keys(RENAMED_CODES)];
}

/** The facts a code's message is rendered from. */
export type ParamsOf<C extends Code> = Parameters<(typeof CODES)[C]["message"]>[0];

export function isCode(id: string): id is Code {
  return Object.hasOwn(CODES, id);
}

/** The default advice for a code (`berth explain`, SARIF rule help). */
export function hintFor(code: Code): string {
  return CODES[code].hint;
}

/** A code's message and hint for these facts. */
export function wordingOf(code: Code, params: Params): { message: string; hint: string } {
  const e = CODES[code] as unknown as Entry;
  return { message: e.message(params), hint: e.advice?.(params) ?? e.hint };
}
