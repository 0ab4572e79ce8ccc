import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { EXIT, type CliIO } from "../io.js";
import { isSystemError, writeFailure } from "../write-file.js";
import { STARTER_HCL } from "../starter/starter-hcl.js";
import { STARTER_YAML } from "../starter/starter-yaml.js";

export interface InitOptions {
  /** Default: from `output`'s extension, else yaml. */
  format?: "yaml" | "hcl";
  name?: string;
  output?: string;
  force: boolean;
}

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `berth init`: a commented starter manifest that validates as written. Never overwrites by accident. */
export async function initCommand(options: InitOptions, io: CliIO): Promise<number> {
  const name = options.name ?? toServiceName(basename(io.cwd));
  if (!DNS_LABEL.test(name)) {
    io.stderr(`berth init: "${name}" is not a valid service name.\n  hint: use lowercase letters, digits and "-", starting with a letter (at most 63 characters), e.g. --name orders-api\n`);
    return EXIT.usage;
  }
  if (options.output !== undefined && isFolder(options.output, io.cwd)) {
    // Before the extension is judged: `--output services/orders/` has none, and the advice is to
    // name the file in the folder (not `services/orders/.yaml`), as for any folder given as a file.
    const { reason, hint } = writeFailure("EISDIR", options.output, "--output", `service.${options.format ?? "yaml"}`);
    io.stderr(`berth init: cannot write ${options.output}: ${reason}\n  hint: ${hint}\n`);
    return EXIT.invalid;
  }
  const format = formatFor(options);
  if (typeof format === "object") {
    io.stderr(`berth init: ${format.problem}\n  hint: ${format.hint}\n`);
    return EXIT.usage;
  }
  const output = options.output ?? `service.${format}`;
  const text = (format === "hcl" ? STARTER_HCL : STARTER_YAML).replaceAll("{{name}}", name);
  const path = resolve(io.cwd, output);
  const twin = await twinOf(path, name);
  if (twin) {
    const shown = join(dirname(output), twin.file);
    io.stderr(
      `berth init: ${shown} ${twin.sure ? "already describes" : "may already describe"} service "${name}"${twin.sure ? "" : " (berth cannot read its name)"}; ` +
        `a second manifest for it, ${output}, would make \`berth compile\` refuse both.\n` +
        `  hint: Edit ${shown} instead, or remove it first (--force overwrites only ${output}, never another file); for another service, give --name.\n`,
    );
    return EXIT.usage;
  }
  try {
    // A new project's folder is made as the file is written (`--output services/orders/service.yaml`).
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      // EEXIST here: a file where the folder belongs.
      if (isSystemError(error) && error.code === "EEXIST") error.code = "ENOTDIR";
      throw error;
    }
    writeFileSync(path, text, { flag: options.force ? "w" : "wx" });
  } catch (error) {
    if (!isSystemError(error)) throw error;
    if (error.code === "EEXIST") {
      io.stderr(`berth init: ${output} already exists (use --force to overwrite it)\n`);
      return EXIT.usage;
    }
    const { reason, hint } = writeFailure(error.code, output, "--output", `service.${format}`);
    io.stderr(`berth init: cannot write ${output}: ${reason}\n  hint: ${hint}\n`);
    return EXIT.invalid;
  }
  io.stdout(`Wrote ${output} for service "${name}".\nNext: edit it, then run \`berth validate ${output}\`, \`berth compile ${output}\` and \`berth lint ${output}\`.\n`);
  return EXIT.ok;
}

/**
 * A manifest beside `path` with the same stem and another manifest extension (`service.hcl` beside
 * `service.yaml`) that names the same service (`sure`), or whose name berth cannot read (not `sure`).
 * Two manifests of one service make `berth compile service.*` refuse both. One with another name is
 * another service, and no twin.
 */
async function twinOf(path: string, name: string): Promise<{ file: string; sure: boolean } | undefined> {
  const target = basename(path).toLowerCase();
  const stem = target.slice(0, target.length - extname(target).length);
  let entries: string[];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    return undefined; // No folder yet: nothing beside it.
  }
  const { declaredName } = await import("../../pipeline.js");
  const { parseManifest } = await import("../../parse/index.js");
  for (const entry of entries.sort()) {
    const lower = entry.toLowerCase();
    if (lower === target || ![".yaml", ".yml", ".hcl", ".json"].some((ext) => lower === stem + ext)) continue;
    let declared: string | undefined;
    try {
      const file = join(dirname(path), entry);
      declared = declaredName(await parseManifest(file, readFileSync(file)));
    } catch {
      declared = undefined;
    }
    if (declared === undefined || declared === name) return { file: entry, sure: declared === name };
  }
  return undefined;
}

const EXTENSIONS: Readonly<Record<string, "yaml" | "hcl">> = { ".yaml": "yaml", ".yml": "yaml", ".hcl": "hcl" };

/**
 * The manifest language: `--format`, else `--output`'s extension, else YAML. berth reads a manifest's
 * language from its extension, so a file whose extension says otherwise (or nothing berth knows) is refused.
 */
function formatFor(options: InitOptions): "yaml" | "hcl" | { problem: string; hint: string } {
  if (options.output === undefined) return options.format ?? "yaml";
  const extension = extname(options.output).toLowerCase();
  const fromName = EXTENSIONS[extension];
  const accepted = "`.yaml`, `.yml` (YAML) or `.hcl` (HCL)";
  if (!fromName) {
    return {
      problem: `cannot write a manifest to ${options.output}: ${extension ? `"${extension}" is not a manifest extension` : "the name has no extension"}`,
      hint: `berth reads a manifest's language from its extension: end the name in ${accepted}, e.g. --output ${withExtension(options.output, options.format ?? "yaml")}.`,
    };
  }
  if (options.format && options.format !== fromName) {
    return {
      problem: `--format ${options.format} does not match ${options.output}, whose extension says ${fromName.toUpperCase()}`,
      hint: `berth reads a manifest's language from its extension: name the file ${withExtension(options.output, options.format)}, or leave out --format.`,
    };
  }
  return fromName;
}

/** `--output` ends in a path separator, or names a folder that exists. */
function isFolder(output: string, cwd: string): boolean {
  if (/[/\\]$/.test(output)) return true;
  try {
    return statSync(resolve(cwd, output)).isDirectory();
  } catch {
    return false;
  }
}

function withExtension(file: string, format: "yaml" | "hcl"): string {
  const extension = extname(file);
  return `${extension ? file.slice(0, -extension.length) : file}.${format}`;
}

/** A directory name made into a service name: `My_Service` → `my-service`; `my-service` when nothing usable is left. */
export function toServiceName(text: string): string {
  const candidate = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "").slice(0, 63).replace(/-+$/, "");
  return DNS_LABEL.test(candidate) ? candidate : "my-service";
}
