/**
 * What a terminal would act on instead of showing: C0 and C1 control characters (ESC starts the
 * sequences that recolour, retitle or clear it; 0x9b is a one-byte CSI) and the bidirectional
 * controls that make text display in another order than it is read (Trojan Source, CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex
export const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A message or hint as a terminal should get it: what it would act on, escaped (`\u001b`). Messages
 * quote what the manifest says (an unknown key, a value), and a manifest is not trusted to drive the terminal.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
