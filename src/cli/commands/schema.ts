import { manifestSchema } from "../../schema/manifest-schema.js";
import { renderReference } from "../../schema/render-reference.js";
import { EXIT, type CliIO } from "../io.js";

/** `berth schema`: the manifest's JSON Schema (for `# yaml-language-server: $schema=…`), or the Markdown reference. */
export function schemaCommand(options: { format: "json" | "markdown" }, io: CliIO): number {
  io.stdout(options.format === "markdown" ? renderReference() : JSON.stringify(manifestSchema, null, 2) + "\n");
  return EXIT.ok;
}
