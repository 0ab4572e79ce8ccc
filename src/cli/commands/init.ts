import { writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { EXIT, type CliIO } from "../io.js";
import { isSystemError, writeFailure } from "../write-file.js";
import { STARTER_HCL } from "../starter/starter-hcl.js";
import { STARTER_YAML } from "../starter/starter-yaml.js";

export interface InitOptions {
  format: "yaml" | "hcl";
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
  const output = options.output ?? `service.${options.format}`;
  const text = (options.format === "hcl" ? STARTER_HCL : STARTER_YAML).replaceAll("{{name}}", name);
  try {
    writeFileSync(resolve(io.cwd, output), text, { flag: options.force ? "w" : "wx" });
  } catch (error) {
    if (!isSystemError(error)) throw error;
    if (error.code === "EEXIST") {
      io.stderr(`berth init: ${output} already exists (use --force to overwrite it)\n`);
      return EXIT.usage;
    }
    const { reason, hint } = writeFailure(error.code, output, "--output");
    io.stderr(`berth init: cannot write ${output}: ${reason}\n  hint: ${hint}\n`);
    return EXIT.invalid;
  }
  io.stdout(`Wrote ${output} for service "${name}".\nNext: edit it, then run \`berth validate ${output}\`, \`berth compile ${output}\` and \`berth lint ${output}\`.\n`);
  return EXIT.ok;
}

/** A directory name made into a service name: `My_Service` → `my-service`; `my-service` when nothing usable is left. */
export function toServiceName(text: string): string {
  const candidate = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "").slice(0, 63).replace(/-+$/, "");
  return DNS_LABEL.test(candidate) ? candidate : "my-service";
}
