import { entry } from "./entry.js";

/** Reading the file: before there is text to parse. */
export const READ = {
  FILE_NOT_FOUND: entry(
    (_: { subject?: "config"; pattern?: boolean; guess?: string }) => "no such file",
    "Check the path; berth reads `.yaml`, `.yml`, `.json` and `.hcl` manifests.",
    (p) =>
      p.subject === "config"
        ? "Check the path given to `--config`."
        : p.pattern
          ? "No file matches this pattern; the shell passes unmatched patterns on as they are. Check the pattern and the folder it starts from, e.g. `services/*/service.yaml`."
          : p.guess
            ? `Did you mean ${p.guess}, in the same folder?`
            : undefined,
  ),
  FILE_UNREADABLE: entry(
    (p: { directory?: boolean; subject?: "config"; errno?: string }) =>
      p.directory ? `is a directory, not a ${p.subject === "config" ? "config" : "manifest"} file` : `cannot read the file (${p.errno ?? "unknown error"})`,
    "Check the file's permissions.",
    (p) =>
      p.directory
        ? p.subject === "config"
          ? "Give `--config` the config file itself, e.g. `berth.config.yaml`."
          : "Pass the manifest files themselves, e.g. `examples/*/service.yaml`."
        : undefined,
  ),
  FILE_TOO_LARGE: entry((p: { size: number; limit: number; sizeUnknown?: boolean }) => `file is ${p.sizeUnknown ? "more than " + p.limit : p.size} bytes; the limit is ${p.limit} bytes`, "A service manifest is a few kilobytes; split generated data out of it."),
  UNSUPPORTED_EXTENSION: entry(
    (p: { subject?: "config" }) => (p.subject === "config" ? "a config file is YAML or JSON" : "unknown manifest extension"),
    "Name the manifest `*.yaml`, `*.yml`, `*.json` or `*.hcl`.",
    (p) => (p.subject === "config" ? "Name the config file `*.yaml`, `*.yml` or `*.json`." : undefined),
  ),
  BINARY_FILE: entry((p: { detail: string }) => p.detail, "This looks like a binary file, not a manifest. Check the path."),
  INVALID_UTF8: entry((p: { detail: string }) => p.detail, "Save the file as UTF-8."),
  UTF16_FILE: entry(
    (p: { byteOrder: "little-endian" | "big-endian"; bom: boolean }) => `the file is UTF-16 (${p.byteOrder}${p.bom ? ", with a byte-order mark" : ""}); manifests are UTF-8`,
    "Save the file as UTF-8. Windows PowerShell 5's `>` and `Out-File` write UTF-16: use `Out-File -Encoding utf8` or `Set-Content -Encoding utf8` instead.",
  ),
} as const;
