import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { codeIds } from "../../diagnostics/catalogue/index.js";
import { unknownName } from "../../diagnostics/suggest.js";
import type { ChecklistReport } from "../../rules/evaluate.js";
import { RULES } from "../../rules/registry.js";
import { toJunit } from "../../lint/formats/junit.js";
import { toMarkdown } from "../../lint/formats/markdown.js";
import { toSarif } from "../../lint/formats/sarif.js";
import type { LintFinding, UncheckedManifest } from "../../lint/lint-manifest.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { readConfig } from "../../io/read-config.js";
import type { UnknownEnvironment } from "../../lint/lint-manifests.js";
import { parseShard, type Shard } from "../../shard.js";
import { isCalendarDate } from "../../model/dates.js";
import packageJson from "../../../package.json" with { type: "json" };
import { skipGenerated } from "./skip-generated.js";
import { jobFailure, openCompilePool } from "./compile-workers.js";
import { lintOne, PORTABLE_FORMATS, type LintContext, type Linted, type LintPart } from "./lint-one.js";
import type { LintJob } from "../compile-worker.js";
import { colorEnabled } from "../color.js";
import { EXIT, type CliIO } from "../io.js";
import { heapKeeper } from "../heap.js";
import { writeUserFile } from "../write-file.js";
import { printDiagnostics } from "../print-diagnostics.js";

export interface LintCommandOptions {
  env?: string;
  format: "text" | "json" | "markdown" | "sarif" | "junit";
  output?: string;
  /** Default: the config's `lint.fail_on`, else `error`. */
  failOn?: "error" | "warning";
  asOf?: string;
  waivers: boolean;
  config?: string;
  /** `--shard i/n`: only the services whose name hashes to shard i of n. */
  shard?: string;
}

/**
 * `berth lint`: the production-readiness checklist as findings at `file:line:col`. Exit 1 when a
 * finding reaches `--fail-on` (waived findings never do) or the config file is invalid, 0
 * otherwise. Waiver expiry is judged against `--as-of` (default: today, UTC): the only place
 * berth reads the clock.
 */
export async function lintCommand(files: string[], options: LintCommandOptions, io: CliIO): Promise<number> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(asOf)) return usage(io, `--as-of must be a calendar date, YYYY-MM-DD (got ${JSON.stringify(asOf)}${/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? ": no such day on the calendar" : ""})`);
  const config = await readConfig(options.config, { cwd: io.cwd, knownRules: [...RULES.map((r) => r.id), ...codeIds()] });
  printDiagnostics(io, [config]);
  if (hasErrors(config.diagnostics)) {
    io.stderr(`berth lint: nothing checked; fix the config file ${config.file} first.\n`);
    return EXIT.invalid;
  }
  const failOn = options.failOn ?? config.config?.lint?.fail_on ?? "error";
  let shard: Shard | undefined;
  if (options.shard !== undefined) {
    const parsed = parseShard(options.shard);
    if (typeof parsed === "string") return usage(io, parsed);
    shard = parsed;
  }
  const manifests = await skipGenerated(files, io, "lint");
  const root = config.repositoryRoot ?? config.dir;
  // Normalized as compile normalizes (the config's severities in the Model), so validation judges alike.
  const severityByTier = config.config?.monitoring?.severity_by_tier;
  const checklistSeverity = config.config?.checklist?.severity;
  const ctx: LintContext = {
    cwd: io.cwd,
    root,
    ...(shard ? { shard } : {}),
    normalize: { ...(severityByTier ? { severityByTier } : {}), ...(checklistSeverity ? { checklistSeverity } : {}) },
    options: { environment: options.env, asOf, ignoreWaivers: !options.waivers, severity: checklistSeverity },
    threshold: failOn === "warning" ? ["error", "warning"] : ["error"],
    format: options.format,
    // A report written to a file never carries escape codes, whatever the terminal.
    colored: !options.output && colorEnabled(io.env, io.stdoutIsTTY),
  };
  // One manifest at a time, loaded, linted and forgotten: the run keeps only what its format prints,
  // so memory does not grow with the manifests' Models (text keeps rendered findings and summary lines).
  const report = reportFor(options.format);
  const unknownEnvironments: UnknownEnvironment[] = [];
  let failing = false;
  const keep = heapKeeper();
  const take = (linted: Linted | undefined) => {
    if (!linted) return;
    unknownEnvironments.push(...linted.unknownEnvironments);
    failing ||= linted.failing;
    report.add(linted.part);
    keep();
  };
  // A large batch is linted on worker threads too (in the formats whose parts are plain data), in file order all the same.
  const pool = PORTABLE_FORMATS.has(options.format) ? openCompilePool(manifests.length, io.env, io.env.BERTH_DEBUG ? io.stderr : undefined, "linting") : undefined;
  if (pool) {
    try {
      await pool.run<Linted | undefined>({
        count: manifests.length,
        ordered: true,
        message: (i) => ({ kind: "lint", file: manifests[i]!, ctx }) satisfies Omit<LintJob, "id">,
        here: (i) => lintOne(manifests[i]!, ctx),
        deliver: (_, linted) => take(linted),
        failure: (i, error, data) => jobFailure(manifests[i]!, error, data),
      });
    } finally {
      await pool.close();
    }
  } else {
    if (io.env.BERTH_DEBUG) io.stderr("berth: linting on the main thread\n");
    for (const file of manifests) take(await lintOne(file, ctx));
  }
  if (unknownEnvironments.length) {
    for (const u of unknownEnvironments) usage(io, `${u.file} ${unknownName("environment", u.environment, u.available)}`);
    return EXIT.usage;
  }
  const output = report.render(root, io.cwd);
  if (options.output) {
    if (!writeUserFile(resolve(io.cwd, options.output), options.output, output, io, { command: "lint", option: "--output" })) return EXIT.invalid;
  } else io.stdout(output);
  return failing ? EXIT.invalid : EXIT.ok;
}

/** A report being built: each manifest's part added in turn (lint-one.ts), then rendered once. */
interface Report {
  add(part: LintPart): void;
  render(root: string, cwd: string): string;
}

function reportFor(format: LintCommandOptions["format"]): Report {
  switch (format) {
    case "text": {
      const bodies: string[] = [];
      const summaries: string[] = [];
      let waived = 0;
      return {
        add(part) {
          if (part.format !== "text") return;
          bodies.push(...part.bodies);
          summaries.push(...part.summaries);
          waived += part.waived;
        },
        render: () => [bodies.join("\n\n"), summaries.join("\n") + (waived ? `\n(${waived} waived finding${waived === 1 ? "" : "s"} not shown; --no-waivers shows them as failures)` : "")].filter(Boolean).join("\n\n") + "\n",
      };
    }
    case "json": {
      const summaries: object[] = [];
      const findings: object[] = [];
      return {
        add(part) {
          if (part.format !== "json") return;
          summaries.push(...part.summaries);
          findings.push(...part.findings);
        },
        render: () => JSON.stringify({ reports: summaries, findings }, null, 2) + "\n",
      };
    }
    case "sarif": {
      const findings: LintFinding[] = [];
      return { add: (part) => void (part.format === "sarif" && findings.push(...part.findings)), render: (root, cwd) => sarif(findings, root, cwd) };
    }
    case "junit":
    case "markdown": {
      const findings: LintFinding[] = [];
      const reports: ChecklistReport[] = [];
      const unchecked: UncheckedManifest[] = [];
      return {
        add(part) {
          if (part.format !== "junit" && part.format !== "markdown") return;
          findings.push(...part.findings);
          reports.push(...part.reports);
          unchecked.push(...part.unchecked);
        },
        render: () => (format === "junit" ? toJunit(reports, findings) : toMarkdown(reports, findings, unchecked)),
      };
    }
  }
}

/**
 * SARIF with locations relative to the repository root (`repository_root` in the config, else the
 * nearest folder holding `.git`, else the config file's folder), so GitHub maps them from any folder.
 */
function sarif(findings: LintFinding[], root: string, cwd: string): string {
  const fromRoot = findings.map((f) => {
    const rel = relative(root, resolve(cwd, f.file));
    return { ...f, file: rel.startsWith("..") || isAbsolute(rel) ? resolve(cwd, f.file) : rel.split(sep).join("/") };
  });
  const srcRoot = pathToFileURL(root).href.replace(/\/?$/, "/");
  return toSarif(fromRoot, { version: packageJson.version, srcRoot });
}

function usage(io: CliIO, message: string): number {
  io.stderr(`berth lint: ${message}\n`);
  return EXIT.usage;
}


