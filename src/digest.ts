import type * as NodeCrypto from "node:crypto";
import { createRequire } from "node:module";

let crypto: typeof NodeCrypto | undefined;

/**
 * SHA-256 of a text (or bytes), in hex. node:crypto (and the dozen modules it loads) is required on the first
 * digest, not when berth starts: a `validate` of most manifests takes none (issue 16: cold start).
 */
export function sha256Hex(text: string | Uint8Array): string {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof NodeCrypto;
  return crypto.createHash("sha256").update(text).digest("hex");
}
