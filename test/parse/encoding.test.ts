/**
 * A manifest saved as UTF-16 (Windows PowerShell 5's `>` and `Out-File` write it) is named as such,
 * with the way to save it as UTF-8, in every byte order with or without a byte-order mark; it is
 * not "binary" because of the NUL beside each ASCII character.
 */
import { describe, expect, it, vi } from "vitest";
import { loadManifest } from "../../src/pipeline.js";
import { BASE_YAML } from "../helpers.js";

// Loads the HCL parser's WebAssembly in-process on first use: never on vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const load = (bytes: Uint8Array, file = "service.yaml") => loadManifest(file, bytes);

const utf16 = (text: string, order: "LE" | "BE", bom: boolean): Uint8Array => {
  const le = Buffer.from((bom ? "\ufeff" : "") + text, "utf16le");
  return order === "LE" ? le : le.swap16();
};

describe("a UTF-16 manifest", () => {
  for (const order of ["LE", "BE"] as const) {
    for (const bom of [true, false]) {
      it(`${order}${bom ? " with" : " without"} a byte-order mark: UTF16_FILE at 1:1, with the PowerShell advice`, async () => {
        const { diagnostics } = await load(utf16(BASE_YAML.replace(/\n/g, "\r\n"), order, bom));
        expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`)).toEqual(["UTF16_FILE@1:1"]);
        expect(diagnostics[0]!.message).toBe(`the file is UTF-16 (${order === "LE" ? "little" : "big"}-endian${bom ? ", with a byte-order mark" : ""}); manifests are UTF-8`);
        expect(diagnostics[0]!.hint).toContain("`Out-File -Encoding utf8`");
      });
    }
  }

  it("with non-ASCII text and a byte-order mark, in HCL too", async () => {
    const { diagnostics } = await load(utf16('name = "订单"\nteam = "支付"\n', "LE", true), "service.hcl");
    expect(diagnostics.map((d) => d.code)).toEqual(["UTF16_FILE"]);
  });

  it("a binary file with NUL bytes is still BINARY_FILE, and UTF-8 with a NUL is not UTF-16", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expect((await load(png)).diagnostics.map((d) => d.code)).toEqual(["BINARY_FILE"]);
    const nul = new TextEncoder().encode(BASE_YAML + "description: a\u0000b\n");
    expect((await load(nul)).diagnostics.map((d) => d.code)).toEqual(["BINARY_FILE"]);
  });
});
