import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifests } from "../../src/index.js";
import { BASE_YAML } from "../helpers.js";

describe("loadManifests", () => {
  it("loads every file in the order given; a file it cannot read carries only its read diagnostic", async () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-load-"));
    writeFileSync(join(dir, "b.yaml"), BASE_YAML);
    writeFileSync(join(dir, "a.yaml"), BASE_YAML + "replcas: 2\n");
    const files = [join(dir, "b.yaml"), join(dir, "missing.yaml"), join(dir, "a.yaml"), dir];
    const loaded = await loadManifests(files);
    expect(loaded.map((l) => l.file)).toEqual(files);
    expect(loaded.map((l) => l.diagnostics.map((d) => d.code))).toEqual([[], ["FILE_NOT_FOUND"], ["UNKNOWN_KEY"], ["FILE_UNREADABLE"]]);
    expect(loaded[0]!.models.map((m) => m.environment.name)).toEqual(["production"]);
    expect(loaded[1]).toEqual({ file: files[1], models: [], outcomes: [], diagnostics: [expect.objectContaining({ line: 1, col: 1 })] });
    expect(loaded[2]!.text).toContain("replcas");
  });

  it("says which manifest beside a missing file was probably meant (a typo in the name or the extension)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-load-"));
    writeFileSync(join(dir, "service.yaml"), BASE_YAML);
    writeFileSync(join(dir, "notes.txt"), "not a manifest");
    const hints = async (name: string) => (await loadManifests([join(dir, name)]))[0]!.diagnostics.map((d) => `${d.code}: ${d.hint}`);
    expect(await hints("servce.yaml")).toEqual(["FILE_NOT_FOUND: Did you mean service.yaml, in the same folder?"]);
    expect(await hints("service.yml")).toEqual(["FILE_NOT_FOUND: Did you mean service.yaml, in the same folder?"]);
    expect(await hints("notes.yaml")).toEqual(["FILE_NOT_FOUND: Check the path; berth reads `.yaml`, `.yml`, `.json` and `.hcl` manifests."]);
    expect(await hints("nothing/service.yaml")).toEqual(["FILE_NOT_FOUND: Check the path; berth reads `.yaml`, `.yml`, `.json` and `.hcl` manifests."]);
  });

  it.skipIf(process.platform === "win32")("a manifest linked to an endless device is too large, not read until memory runs out", async () => {
    // stat gives /dev/zero a size of 0, so the size check passed and readFileSync never returned.
    const dir = mkdtempSync(join(tmpdir(), "berth-load-"));
    symlinkSync("/dev/zero", join(dir, "service.yaml"));
    const [loaded] = await loadManifests([join(dir, "service.yaml")]);
    expect(loaded!.diagnostics.map((d) => [d.code, d.message])).toEqual([["FILE_TOO_LARGE", "file is more than 1048576 bytes; the limit is 1048576 bytes"]]);
  }, 20_000);
});
