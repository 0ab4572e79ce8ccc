import { resolve } from "node:path";
import { invalidLine, summaryLine, type ChecklistReport } from "../../rules/evaluate.js";
import type { LintFinding, LintOptions, UncheckedManifest } from "../../lint/lint-manifest.js";
import { loadManifests } from "../../io/load-manifests.js";
import type { NormalizeOptions } from "../../model/normalize.js";
import { lintManifests, type UnknownEnvironment } from "../../lint/lint-manifests.js";
import { declaredName, loadParsed, type LoadedManifest } from "../../pipeline.js";
import { readManifestBytes } from "../../io/read-sources.js";
import { parseManifest } from "../../parse/index.js";
import { inShard, type Shard } from "../../shard.js";
import { ANSI_STYLE, PLAIN_STYLE } from "../color.js";
import { renderDiagnostics } from "../print-diagnostics.js";
import { sourceName } from "./load-all.js";

export type LintFormat = "text" | "json" | "markdown" | "sarif" | "junit";

/** What linting one manifest needs. Plain data: a large batch is linted on worker threads too. */
export interface LintContext {
  cwd: string;
  /** Manifests are sharded by their path from here when they declare no name. */
  root: string;
  shard?: Shard;
  normalize: NormalizeOptions;
  options: LintOptions;
  /** The severities that fail the run (`--fail-on`). */
  threshold: string[];
  format: LintFormat;
  /** Whether the text report is coloured. */
  colored: boolean;
}

/**
 * One manifest's share of the report, already in the report's terms: rendered text for `text`, plain
 * objects for `json` and `sarif` (so it can cross threads). junit and markdown need the checklist
 * reports themselves, which hold functions: those two formats lint on the main thread only.
 */
export type LintPart =
  | { format: "text"; bodies: string[]; summaries: string[]; waived: number }
  | { format: "json"; summaries: object[]; findings: object[] }
  | { format: "sarif"; findings: LintFinding[] }
  | { format: "junit" | "markdown"; findings: LintFinding[]; reports: ChecklistReport[]; unchecked: UncheckedManifest[] };

export interface Linted {
  unknownEnvironments: UnknownEnvironment[];
  /** A finding reaches `--fail-on` (waived findings never do). */
  failing: boolean;
  part: LintPart;
}

/** Formats whose parts are plain data. */
export const PORTABLE_FORMATS: ReadonlySet<LintFormat> = new Set(["text", "json", "sarif"]);

/** One manifest, loaded, linted and reduced to its part of the report; undefined when it is another shard's. */
export async function lintOne(file: string, ctx: LintContext): Promise<Linted | undefined> {
  const loaded = await loadOne(file, ctx);
  if (!loaded) return undefined;
  const one = await lintManifests([loaded], ctx.options);
  return {
    unknownEnvironments: one.unknownEnvironments,
    failing: one.findings.some((f) => f.status !== "waived" && ctx.threshold.includes(f.severity)),
    part: partOf(ctx, one.findings, one.reports, one.unchecked, loaded),
  };
}

function partOf(ctx: LintContext, findings: LintFinding[], reports: ChecklistReport[], unchecked: UncheckedManifest[], loaded: LoadedManifest): LintPart {
  switch (ctx.format) {
    case "text":
      // Findings rendered with their code frames while the manifest's text is at hand; a summary line per report.
      return {
        format: "text",
        bodies: renderDiagnostics(findings.filter(shownInText), [loaded], ctx.colored ? ANSI_STYLE : PLAIN_STYLE, findings),
        summaries: [...reports.map((r) => summaryLine(r) + customAttestationsLine(r)), ...unchecked.map(invalidLine)],
        waived: findings.filter((f) => f.status === "waived").length,
      };
    case "json":
      return {
        format: "json",
        summaries: [
          ...reports.map((r) => ({ service: r.service, environment: r.environment, summary: summaryLine(r), valid: !r.validationErrors, validationErrors: r.validationErrors ?? 0, counts: r.counts, attestations: attestationsOf(r) })),
          // A manifest the checklist could not judge: no environment, no counts; its errors are among the findings.
          ...unchecked.map((u) => ({ file: u.file, service: u.service ?? null, environment: null, summary: invalidLine(u), valid: false, validationErrors: u.validationErrors })),
        ],
        findings: findings.map(({ redact: _r, target: _t, ...f }) => f),
      };
    case "sarif":
      return { format: "sarif", findings };
    case "junit":
    case "markdown":
      return { format: ctx.format, findings, reports, unchecked };
  }
}

/**
 * One manifest, loaded, or undefined when it is another shard's. Sharded as compile and check shard:
 * by the name the manifest declares (parsed first, its bytes read once); a file without a readable
 * name goes by its path.
 */
async function loadOne(file: string, ctx: LintContext): Promise<LoadedManifest | undefined> {
  if (!ctx.shard) return (await loadManifests([file], ctx.cwd, ctx.normalize))[0];
  const path = resolve(ctx.cwd, file);
  const key = sourceName(path, ctx.root);
  const read = await readManifestBytes(path);
  if (!read.ok) return inShard(key, ctx.shard) ? (await loadManifests([file], ctx.cwd, ctx.normalize))[0] : undefined;
  const parsed = await parseManifest(file, read.bytes);
  const name = declaredName(parsed);
  return inShard(name ?? key, ctx.shard) ? await loadParsed(file, parsed, ctx.normalize) : undefined;
}

/** Text shows every finding but the informational ones, except unused waivers (worth removing). */
const shownInText = (f: LintFinding) => f.severity !== "info" || f.code === "UNUSED_WAIVER";

/** Each attestation of a report as data: berth's items and the manifest's own (`custom`). */
function attestationsOf(r: ChecklistReport) {
  return r.attestations.map((a) => ({ item: a.attestation.id, ...(a.attestation.custom ? { custom: true } : {}), evidence: a.evidence ?? null, date: a.date ?? null }));
}

/** The manifest's own attested items under the summary line (berth's are in checklist.md): never silently dropped. */
function customAttestationsLine(r: ChecklistReport): string {
  const custom = r.attestations.filter((a) => a.attestation.custom);
  return custom.length ? `\n  attested (custom): ${custom.map((a) => `${a.attestation.id} ${a.evidence}${a.date ? ` (${a.date})` : ""}`).join("; ")}` : "";
}
