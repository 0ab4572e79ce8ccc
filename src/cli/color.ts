import type { CliIO } from "./io.js";

/**
 * Terminal colour for the whole CLI: decided once per stream, applied through one style object,
 * so no other file writes escape codes.
 *
 * Plain SGR codes rather than `util.styleText`: since Node 22.13 styleText checks
 * `process.stdout` and the environment itself (its `validateStream` option, on by default), so
 * the same call colours on Node 20 and not on 22/24, and it would ignore the stream and
 * environment the CLI is handed (tests run it without a process).
 */

/** Painters for the few styles berth uses; each returns its text unchanged when colour is off. */
export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/**
 * Whether to colour a stream, in this order: a non-empty `NO_COLOR` disables (https://no-color.org);
 * `FORCE_COLOR` enables unless it is "0", which disables; `TERM=dumb` disables; otherwise colour
 * exactly when the stream is a terminal.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0";
  if (env.TERM === "dumb") return false;
  return isTTY;
}

// Each style closes with its own reset (39 = default colour, 22 = normal intensity), not the
// global 0, so styles nest: bold(red("error")) stays bold to its end.
const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export const ANSI_STYLE: Style = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

const unchanged = (text: string) => text;

export const PLAIN_STYLE: Style = { red: unchanged, yellow: unchanged, green: unchanged, cyan: unchanged, dim: unchanged, bold: unchanged };

/** The style for writing to one of the CLI's streams. */
export function streamStyle(io: CliIO, stream: "stdout" | "stderr"): Style {
  return colorEnabled(io.env, stream === "stdout" ? io.stdoutIsTTY : io.stderrIsTTY) ? ANSI_STYLE : PLAIN_STYLE;
}
