import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { codeIds } from "../../diagnostics/catalogue/index.js";
import { unknownName } from "../../diagnostics/suggest.js";
import { invalidLine, summaryLine, type ChecklistReport } from "../../rules/evaluate.js";
import { RULES } from "../../rules/registry.js";
import { toJunit } from "../../lint/formats/junit.js";
import { toMarkdown } from "../../lint/formats/markdown.js";
import { toSarif } from "../../lint/formats/sarif.js";
import type { LintFinding, UncheckedManifest } from "../../lint/lint-manifest.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { loadManifests } from "../../io/load-manifests.js";
import { readConfig } from "../../io/read-config.js";
import type { NormalizeOptions } from "../../model/normalize.js";
import { lintManifests, type LintManifestsResult, type UnknownEnvironment } from "../../lint/lint-manifests.js";
import { declaredName, loadParsed, type LoadedManifest } from "../../pipeline.js";
import { readManifestBytes } from "../../io/read-sources.js";
import { parseManifest } from "../../parse/index.js";
import { inShard, parseShard, type Shard } from "../../shard.js";
import { isCalendarDate } from "../../model/dates.js";
import packageJson from "../../../package.json" with { type: "json" };
import { sourceName } from "./load-all.js";
import { skipGenerated } from "./skip-generated.js";
import { PLAIN_STYLE, streamStyle, type Style } from "../color.js";
import { EXIT, type CliIO } from "../io.js";
import { heapKeeper } from "../heap.js";
import { writeUserFile } from "../write-file.js";
import { printDiagnostics, renderDiagnostics } from "../print-diagnostics.js";

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
  const lintOptions = { environment: options.env, asOf, ignoreWaivers: !options.waivers, severity: config.config?.checklist?.severity };
  // Normalized as compile normalizes (the config's severities in the Model), so validation judges alike.
  const severityByTier = config.config?.monitoring?.severity_by_tier;
  const checklistSeverity = config.config?.checklist?.severity;
  const normalize: NormalizeOptions = { ...(severityByTier ? { severityByTier } : {}), ...(checklistSeverity ? { checklistSeverity } : {}) };
  // A report written to a file never carries escape codes, whatever the terminal.
  const style = options.output ? PLAIN_STYLE : streamStyle(io, "stdout");
  const threshold = failOn === "warning" ? ["error", "warning"] : ["error"];
  // One manifest at a time, loaded, linted and forgotten: the run keeps only what its format prints,
  // so memory does not grow with the manifests' Models (text keeps rendered findings and summary lines).
  const report = reportFor(options.format);
  const unknownEnvironments: UnknownEnvironment[] = [];
  let failing = false;
  const keep = heapKeeper();
  for (const file of manifests) {
    const loaded = await loadOne(file, shard, io.cwd, root, normalize);
    if (!loaded) continue;
    const one = await lintManifests([loaded], lintOptions);
    unknownEnvironments.push(...one.unknownEnvironments);
    failing ||= one.findings.some((f) => f.status !== "waived" && threshold.includes(f.severity));
    report.add(one, loaded, style);
    keep();
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

/** A report being built: each manifest's findings and checklist reports added in turn, then rendered once. */
interface Report {
  add(one: LintManifestsResult, loaded: LoadedManifest, style: Style): void;
  render(root: string, cwd: string): string;
}

function reportFor(format: LintCommandOptions["format"]): Report {
  const findings: LintFinding[] = [];
  const reports: ChecklistReport[] = [];
  switch (format) {
    case "text": {
      // Findings rendered with their code frames while the manifest's text is at hand; a summary line per report.
      const bodies: string[] = [];
      const summaries: string[] = [];
      let waived = 0;
      return {
        add(one, loaded, style) {
          bodies.push(...renderDiagnostics(one.findings.filter(shownInText), [loaded], style, one.findings));
          summaries.push(...one.reports.map((r) => summaryLine(r) + customAttestationsLine(r)), ...one.unchecked.map(invalidLine));
          waived += one.findings.filter((f) => f.status === "waived").length;
        },
        render: () => [bodies.join("\n\n"), summaries.join("\n") + (waived ? `\n(${waived} waived finding${waived === 1 ? "" : "s"} not shown; --no-waivers shows them as failures)` : "")].filter(Boolean).join("\n\n") + "\n",
      };
    }
    case "json": {
      const summaries: object[] = [];
      return {
        add(one) {
          summaries.push(
            ...one.reports.map((r) => ({ service: r.service, environment: r.environment, summary: summaryLine(r), valid: !r.validationErrors, validationErrors: r.validationErrors ?? 0, counts: r.counts, attestations: attestationsOf(r) })),
            // A manifest the checklist could not judge: no environment, no counts; its errors are among the findings.
            ...one.unchecked.map((u) => ({ file: u.file, service: u.service ?? null, environment: null, summary: invalidLine(u), valid: false, validationErrors: u.validationErrors })),
          );
          findings.push(...one.findings.map(({ redact: _r, target: _t, ...f }) => f));
        },
        render: () => JSON.stringify({ reports: summaries, findings }, null, 2) + "\n",
      };
    }
    case "sarif":
      return { add: (one) => void findings.push(...one.findings), render: (root, cwd) => sarif(findings, root, cwd) };
    case "junit":
    case "markdown": {
      const unchecked: UncheckedManifest[] = [];
      return {
        add(one) {
          findings.push(...one.findings);
          reports.push(...one.reports);
          unchecked.push(...one.unchecked);
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

/** Text shows every finding but the informational ones, except unused waivers (worth removing). */
const shownInText = (f: LintFinding) => f.severity !== "info" || f.code === "UNUSED_WAIVER";

/**
 * One manifest, loaded, or undefined when it is another shard's. Sharded as compile and check shard:
 * by the name the manifest declares (parsed first, its bytes read once); a file without a readable
 * name goes by its path.
 */
async function loadOne(file: string, shard: Shard | undefined, cwd: string, root: string, normalize: NormalizeOptions): Promise<LoadedManifest | undefined> {
  if (!shard) return (await loadManifests([file], cwd, normalize))[0];
  const path = resolve(cwd, file);
  const key = sourceName(path, root);
  const read = await readManifestBytes(path);
  if (!read.ok) return inShard(key, shard) ? (await loadManifests([file], cwd, normalize))[0] : undefined;
  const parsed = await parseManifest(file, read.bytes);
  const name = declaredName(parsed);
  return inShard(name ?? key, shard) ? await loadParsed(file, parsed, normalize) : undefined;
}

function usage(io: CliIO, message: string): number {
  io.stderr(`berth lint: ${message}\n`);
  return EXIT.usage;
}

/** Each attestation of a report as data: berth's items and the manifest's own (`custom`). */
function attestationsOf(r: ChecklistReport) {
  return r.attestations.map((a) => ({ item: a.attestation.id, ...(a.attestation.custom ? { custom: true } : {}), evidence: a.evidence ?? null, date: a.date ?? null }));
}

/** The manifest's own attested items under the summary line (berth's are in checklist.md): never silently dropped. */
function customAttestationsLine(r: ChecklistReport): string {
  const custom = r.attestations.filter((a) => a.attestation.custom);
  return custom.length ? `\n  attested (custom): ${custom.map((a) => `${a.attestation.id} ${a.evidence}${a.date ? ` (${a.date})` : ""}`).join("; ")}` : "";
}
