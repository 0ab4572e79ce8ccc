import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { printable } from "../../diagnostics/printable.js";
import { streamStyle } from "../color.js";
import { EXIT, type CliIO } from "../io.js";
import { heapKeeper } from "../heap.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { skipGenerated } from "./skip-generated.js";
import { jobFailure, openCompilePool } from "./compile-workers.js";
import { validateOne, type Validated } from "./validate-one.js";
import type { ValidateJob } from "../compile-worker.js";

export interface ValidateOptions {
  format: "text" | "json";
}

/**
 * `berth validate <files…>`: every problem of every file in one run; exit 1 if any is an error.
 * One manifest at a time: each is loaded, reported and forgotten (only its summary is kept), so
 * memory does not grow with the number of manifests; a large batch on worker threads too.
 */
export async function validateCommand(files: string[], options: ValidateOptions, io: CliIO): Promise<number> {
  const json = options.format === "json";
  const { green } = streamStyle(io, "stdout");
  const summaries: Summary[] = [];
  const keep = heapKeeper();
  // berth's own output (a broad glob's deploy/…/service.yaml) is no manifest: skipped, as compile, check and lint do.
  const take = (result: Validated) => {
    const summary = summarize(result);
    summaries.push(summary);
    if (!json) {
      printDiagnostics(io, [result]);
      // A file's name is the repository's to choose, escape sequences included: printed escaped, as messages are.
      if (summary.valid) io.stdout(`${green("✓")} ${printable(result.file)} is valid (${plural(summary.environments.length, "environment")}: ${summary.environments.join(", ")})\n`);
    }
    keep();
  };
  // berth's own output (a broad glob's deploy/…/service.yaml) is no manifest: skipped, as compile, check and lint do.
  const manifests = await skipGenerated(files, io, "validate");
  // A large batch is validated on worker threads too, and reported in file order all the same.
  const pool = openCompilePool(manifests.length, io.env, io.env.BERTH_DEBUG ? io.stderr : undefined, "validating");
  if (!pool && io.env.BERTH_DEBUG) io.stderr("berth: validating on the main thread\n");
  if (pool) {
    try {
      await pool.run<Validated>({
        count: manifests.length,
        ordered: true,
        message: (i) => ({ kind: "validate", file: manifests[i]!, cwd: io.cwd }) satisfies Omit<ValidateJob, "id">,
        here: (i) => validateOne(manifests[i]!, io.cwd),
        deliver: (_, result) => take(result),
        failure: (i, error, data) => jobFailure(manifests[i]!, error, data),
      });
    } finally {
      await pool.close();
    }
  } else {
    for (const file of manifests) take(await validateOne(file, io.cwd));
  }
  if (json) io.stdout(JSON.stringify({ valid: summaries.every((s) => s.valid), files: summaries }, null, 2) + "\n");
  else printSummary(summaries, io);
  return summaries.every((s) => s.valid) ? EXIT.ok : EXIT.invalid;
}

/** What the run keeps of one manifest: what the JSON report gives (the text summary counts it). */
interface Summary {
  file: string;
  valid: boolean;
  environments: string[];
  diagnostics: Array<Omit<Diagnostic, "redact" | "target">>;
}

function summarize(result: Validated): Summary {
  const strip = (d: Diagnostic) => {
    const { redact: _redact, target: _target, ...rest } = d;
    return rest;
  };
  return { file: result.file, valid: !result.diagnostics.some((d) => d.severity === "error"), environments: result.environments, diagnostics: result.diagnostics.map(strip) };
}

function printSummary(summaries: Summary[], io: CliIO): void {
  const all = summaries.flatMap((s) => s.diagnostics);
  const errors = all.filter((d) => d.severity === "error").length;
  const warnings = all.filter((d) => d.severity === "warning").length;
  const invalid = summaries.filter((s) => !s.valid).length;
  if (errors || warnings || summaries.length > 1) {
    const summary = `${plural(summaries.length, "manifest")} checked: ${plural(invalid, "invalid manifest")}, ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
    (errors ? io.stderr : io.stdout)(summary + "\n");
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
