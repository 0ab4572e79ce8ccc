/** A fact behind a diagnostic: what `--format json` carries and what the wording is rendered from. */
export type ParamValue = string | number | boolean;
export type Params = { readonly [key: string]: ParamValue | undefined };

/**
 * One diagnostic code's wording. Producers (the parser, the schema check, the rules) say only
 * which code applies and the facts (`params`); the message and hint are rendered from here, once,
 * when the diagnostic is presented. So the words for a code live in one place, tools get the
 * facts, and a producer cannot word the same problem two ways.
 */
export interface Entry<P extends Params = Params> {
  /** The one-line message, from the facts. */
  message(params: P): string;
  /** The default advice under the code frame (`berth explain <code>` shows it). */
  hint: string;
  /** A more specific advice the facts allow (e.g. the closest key), instead of `hint`. */
  advice?(params: P): string | undefined;
}

export function entry<P extends Params>(message: (params: P) => string, hint: string, advice?: (params: P) => string | undefined): Entry<P> {
  return advice ? { message, hint, advice } : { message, hint };
}
