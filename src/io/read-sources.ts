import { readFileSync, statSync } from "node:fs";
import type { Problem } from "../diagnostics/diagnostic.js";
import { problemAtPosition } from "../diagnostics/make.js";
import { MAX_MANIFEST_BYTES } from "../parse/decode.js";

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
    return { ok: true, bytes: readFileSync(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail(problemAtPosition(file, "FILE_NOT_FOUND", at, {}));
    return fail(problemAtPosition(file, "FILE_UNREADABLE", at, code ? { errno: code } : {}));
  }
}

function fail(problem: Problem): ReadResult {
  return { ok: false, problem };
}
