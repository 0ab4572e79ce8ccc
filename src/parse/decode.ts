import type { Problem } from "../diagnostics/diagnostic.js";
import { problemAtPosition } from "../diagnostics/make.js";
import { LineIndex } from "../diagnostics/locate.js";

/** Largest manifest berth reads. Real manifests are a few kilobytes; this bounds time and memory on garbage. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** A failed decode still carries what text it can (invalid bytes as U+FFFD) for the code frame. */
/** Native validation for the common case; firstInvalidUtf8 only runs to locate a bad byte. */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export type Decoded = { ok: true; text: string } | { ok: false; problem: Problem; text?: string };

/**
 * Turns raw file bytes into text, refusing what cannot be a manifest: oversized files, UTF-16
 * text, binary data (NUL bytes) and invalid UTF-8, each located at the first offending byte.
 */
export function decodeManifest(file: string, bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    return { ok: false, problem: problemAtPosition(file, "FILE_TOO_LARGE", { line: 1, col: 1 }, { size: bytes.length, limit: MAX_MANIFEST_BYTES }) };
  }
  // A UTF-16 file has a NUL beside every ASCII character (or a byte-order mark): it is text, not binary.
  const nul = bytes.indexOf(0);
  const utf16 = utf16Of(bytes, nul >= 0);
  if (utf16) {
    const problem = problemAtPosition(file, "UTF16_FILE", { line: 1, col: 1 }, { byteOrder: utf16.order === "LE" ? "little-endian" : "big-endian", bom: utf16.bom });
    return { ok: false, problem, text: new TextDecoder(utf16.order === "LE" ? "utf-16le" : "utf-16be").decode(bytes) };
  }
  if (nul >= 0) return { ok: false, problem: problemAtPosition(file, "BINARY_FILE", positionOfByte(bytes, nul), { detail: "file contains a NUL byte; manifests are text" }) };
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const hex = bytes[bad]!.toString(16).padStart(2, "0");
    const problem = problemAtPosition(file, "INVALID_UTF8", positionOfByte(bytes, bad), { detail: `invalid UTF-8 byte 0x${hex}` });
    return { ok: false, problem, text: new TextDecoder("utf-8").decode(bytes) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}


/** Bytes looked at to recognise UTF-16 without a byte-order mark. */
const UTF16_SAMPLE = 1024;

/**
 * UTF-16 and its byte order: from a byte-order mark (FF FE, FE FF; neither byte occurs in UTF-8),
 * or, without one, from the NUL that pairs with nearly every character of a mostly-ASCII text
 * (at an odd offset for little-endian), looked for only in a file that has a NUL. Windows
 * PowerShell 5's `>` writes such files.
 */
function utf16Of(bytes: Uint8Array, hasNul: boolean): { order: "LE" | "BE"; bom: boolean } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { order: "LE", bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { order: "BE", bom: true };
  if (!hasNul) return undefined; // the common case, UTF-8, costs no loop
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SAMPLE) / 2);
  if (pairs < 2) return undefined;
  let le = 0;
  let be = 0;
  for (let k = 0; k < pairs; k++) {
    const [even, odd] = [bytes[2 * k]!, bytes[2 * k + 1]!];
    if (even !== 0 && odd === 0) le++;
    else if (even === 0 && odd !== 0) be++;
  }
  // Nine in ten: room for a few non-ASCII characters, none for binary data with the odd NUL.
  if (le * 10 >= pairs * 9) return { order: "LE", bom: false };
  if (be * 10 >= pairs * 9) return { order: "BE", bom: false };
  return undefined;
}

/** Position of a byte offset, counting columns in characters of the valid text before it. */
function positionOfByte(bytes: Uint8Array, offset: number) {
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
  return new LineIndex(before).position(before.length);
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [len, min, max] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
      : b === 0xe0 ? [3, 0xa0, 0xbf]
      : b === 0xed ? [3, 0x80, 0x9f] // no UTF-16 surrogates
      : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
      : b === 0xf0 ? [4, 0x90, 0xbf]
      : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf]
      : b === 0xf4 ? [4, 0x80, 0x8f]
      : [0, 0, 0];
    if (len === 0 || i + len > bytes.length) return i;
    if (bytes[i + 1]! < min || bytes[i + 1]! > max) return i;
    for (let k = 2; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}
