import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadManifests } from "../../io/load-manifests.js";
import type { LoadedManifest } from "../../pipeline.js";
import { streamStyle } from "../color.js";
import { EXIT, type CliIO } from "../io.js";
import { printDiagnostics } from "../print-diagnostics.js";

export interface ValidateOptions {
  format: "text" | "json";
}

/** `berth validate <files…>`: every problem of every file in one run; exit 1 if any is an error. */
export async function validateCommand(files: string[], options: ValidateOptions, io: CliIO): Promise<number> {
  const results = await loadManifests(files);
  if (options.format === "json") io.stdout(JSON.stringify(jsonReport(results), null, 2) + "\n");
  else printText(results, io);
  return results.some((r) => r.diagnostics.some((d) => d.severity === "error")) ? EXIT.invalid : EXIT.ok;
}

function printText(results: LoadedManifest[], io: CliIO): void {
  const { green } = streamStyle(io, "stdout");
  for (const result of results) {
    printDiagnostics(io, [result]);
    if (!result.diagnostics.some((d) => d.severity === "error")) {
      const environments = result.models.map((m) => m.environment.name).join(", ");
      io.stdout(`${green("✓")} ${result.file} is valid (${plural(result.models.length, "environment")}: ${environments})\n`);
    }
  }
  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === "error").length;
  const warnings = all.filter((d) => d.severity === "warning").length;
  const invalid = results.filter((r) => r.diagnostics.some((d) => d.severity === "error")).length;
  if (errors || warnings || results.length > 1) {
    const summary = `${plural(results.length, "manifest")} checked: ${plural(invalid, "invalid manifest")}, ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
    (errors ? io.stderr : io.stdout)(summary + "\n");
  }
}

function jsonReport(results: LoadedManifest[]) {
  const strip = (d: Diagnostic) => {
    const { redact: _redact, target: _target, ...rest } = d;
    return rest;
  };
  return {
    valid: !results.some((r) => r.diagnostics.some((d) => d.severity === "error")),
    files: results.map((r) => ({
      file: r.file,
      valid: !r.diagnostics.some((d) => d.severity === "error"),
      environments: r.models.map((m) => m.environment.name),
      diagnostics: r.diagnostics.map(strip),
    })),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
