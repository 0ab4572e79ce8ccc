import { manifestSchema } from "../../schema/manifest-schema.js";
import { EXIT, type CliIO } from "../io.js";

/** `berth schema`: the manifest's JSON Schema, e.g. for `# yaml-language-server: $schema=…`. */
export function schemaCommand(io: CliIO): number {
  io.stdout(JSON.stringify(manifestSchema, null, 2) + "\n");
  return EXIT.ok;
}
