import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { Problem } from "../diagnostics/diagnostic.js";
import { problemAtPosition } from "../diagnostics/make.js";
import { closest } from "../diagnostics/suggest.js";
import { formatOf } from "../parse/index.js";
import { MAX_MANIFEST_BYTES } from "../parse/decode.js";
import { sha256Hex } from "../digest.js";

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: Problem };

/**
 * Reads one manifest's bytes, refusing oversized files before reading them into memory. Synchronously:
 * a manifest is at most 1 MiB, and each of fs/promises' round trips through libuv's thread pool cost more
 * than the read (a `check` of 1,000 unchanged services spent most of its time waiting on them).
 */
export async function readManifestBytes(file: string): Promise<ReadResult> {
  const at = { line: 1, col: 1 };
  try {
    const info = statSync(file);
    if (info.isDirectory()) return fail(problemAtPosition(file, "FILE_UNREADABLE", at, { directory: true }));
    if (info.size > MAX_MANIFEST_BYTES) return fail(problemAtPosition(file, "FILE_TOO_LARGE", at, { size: info.size, limit: MAX_MANIFEST_BYTES }));
    const bytes = readAtMost(file, MAX_MANIFEST_BYTES);
    // A device or a pipe has no size to check beforehand (`/dev/zero`, or a `service.yaml` linked to it).
    if (bytes.length > MAX_MANIFEST_BYTES) return fail(problemAtPosition(file, "FILE_TOO_LARGE", at, { size: bytes.length, limit: MAX_MANIFEST_BYTES, sizeUnknown: true }));
    return { ok: true, bytes };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A glob the shell found nothing for reaches berth as it was typed (`services/*.yaml`).
    if (code === "ENOENT") {
      if (/[*?[]/.test(file)) return fail(problemAtPosition(file, "FILE_NOT_FOUND", at, { pattern: true }));
      const guess = lookAlike(file);
      return fail(problemAtPosition(file, "FILE_NOT_FOUND", at, guess ? { guess } : {}));
    }
    return fail(problemAtPosition(file, "FILE_UNREADABLE", at, code ? { errno: code } : {}));
  }
}

/**
 * A manifest beside a path that does not exist, named like it (`servce.yaml`, `service.yml` for
 * `service.yaml`): the typo a newcomer makes. Its name alone: the path berth shows may be relative.
 * Read only when the file is missing.
 */
function lookAlike(file: string): string | undefined {
  const folder = dirname(file);
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => formatOf(n) !== undefined);
  } catch {
    return undefined;
  }
  return closest(basename(file), names.sort());
}

/**
 * At most `limit + 1` bytes of a file: enough to know it is too large. `readFileSync` reads to the end,
 * and a character device or a pipe has none: a manifest linked to `/dev/zero` (stat size 0, so the size
 * check passes) made berth read until it ran out of memory.
 */
function readAtMost(path: string, limit: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function fail(problem: Problem): ReadResult {
  return { ok: false, problem };
}

/** A manifest whose bytes are no longer those berth validated: edited, replaced or removed while berth ran. */
export class ManifestChanged extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while berth was compiling it`);
  }
}

/**
 * A manifest's bytes again, for the pass that compiles it. The first pass validated and hashed them,
 * then let them go, so memory does not grow with the number of manifests (issue 16: 10,000 manifests
 * held ~40 MB). Bytes that differ from what was validated are refused (ManifestChanged), never compiled.
 */
export function rereadManifest(file: string, path: string, digest: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readAtMost(path, MAX_MANIFEST_BYTES);
  } catch {
    throw new ManifestChanged(file);
  }
  if (sha256Hex(bytes) !== digest) throw new ManifestChanged(file);
  return bytes;
}
