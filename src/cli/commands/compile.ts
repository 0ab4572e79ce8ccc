import { OutputError } from "../../io/output-tree.js";
import { EXIT, type CliIO } from "../io.js";
import { ManifestChanged } from "../../io/read-sources.js";
import { displayPath, forEachService, jsonDiagnostic, manifestChanged, prepareCompile, type CompileFlags, type Entry } from "./compile-run.js";
import { removeOrphan } from "./orphans.js";

export type CompileCommandOptions = CompileFlags & {
  /** Replace files at planned paths that berth did not write. */
  force?: boolean;
};

/** What happened to one manifest's files (paths relative to the output folder). */
interface Outcome {
  written: string[];
  unchanged: string[];
  stale: string[];
}

/**
 * `berth compile`: validate every manifest, then write `<out>/<service>/<environment>/…` and the chart `<out>/<service>/helm/<service>/`. Nothing
 * is written unless every manifest is valid, so a failed compile leaves the previous output as it was.
 * Streams: each service is compiled, written and forgotten before the next. A service whose record
 * (`<out>/<service>/.berth.inputs.json`) matches its inputs is skipped; `--no-cache` compiles it anyway.
 * `--format json` prints a summary on stdout (files written, unchanged and stale per manifest, diagnostics).
 */
export async function compileCommand(files: string[], options: CompileCommandOptions, io: CliIO): Promise<number> {
  const json = options.format === "json";
  const prepared = await prepareCompile(files, options, io, "compile");
  if (!prepared.ok) {
    if (prepared.error) io.stderr(`berth compile: ${prepared.error}\n`);
    else if (prepared.entries.length) io.stderr("berth compile: nothing written; fix the errors above first.\n");
    if (json) io.stdout(JSON.stringify({ command: "compile", ok: false, out: prepared.outName ?? null, ...(prepared.error ? { error: prepared.error } : {}), totals: { written: 0, unchanged: 0, stale: 0 }, manifests: prepared.entries.map((e) => ({ file: e.file, service: e.service, environments: e.environments, written: [], unchanged: [], stale: [], diagnostics: e.diagnostics.map(jsonDiagnostic) })) }, null, 2) + "\n");
    return prepared.exit;
  }
  const { entries, outDir, outName } = prepared;
  const outcomes = new Map<Entry, Outcome>();
  const totals = { written: 0, unchanged: 0, stale: 0 };
  const prefix = (path: string) => `${outName}/${path}`;
  const orphaned: string[] = [];
  for (const entry of entries) {
    if (!entry.cached) continue;
    totals.unchanged += entry.cached.files.length;
    if (json) outcomes.set(entry, { written: [], unchanged: entry.cached.files.map((f) => prefix(`${entry.service}/${f}`)), stale: [] });
  }
  try {
    const step = { kind: "write", outDir, force: options.force === true, whole: prepared.whole } as const;
    await forEachService(prepared, step, (entry, outcome) => {
      if (outcome.kind !== "write") return;
      totals.written += outcome.written.length;
      totals.unchanged += outcome.unchanged.length;
      totals.stale += outcome.stale.length;
      if (json) outcomes.set(entry, { written: [...outcome.written].sort().map(prefix), unchanged: outcome.unchanged.map(prefix), stale: outcome.stale.map(prefix) });
    }, io);
    // A service whose manifest is gone: its generated files are stale (files berth did not write stay).
    for (const service of prepared.orphans) {
      // Its record goes too (last), counted as check counts it.
      const stale = await removeOrphan(outDir, service, options.force === true);
      totals.stale += stale.length;
      if (json) orphaned.push(...stale.map(prefix));
    }
  } catch (error) {
    if (error instanceof ManifestChanged) return manifestChanged(io, "compile", error, json ? { out: outName } : undefined);
    if (!(error instanceof OutputError)) throw error;
    // The user's to fix (a full disk, a symlink, a hand-written file): the path, the reason, what to do.
    io.stderr(`berth compile: cannot write ${displayPath(io.cwd, error.path)}: ${error.reason}\n  hint: ${error.hint}\n`);
    if (json) io.stdout(JSON.stringify({ command: "compile", ok: false, out: outName, error: { path: displayPath(io.cwd, error.path), reason: error.reason, ...(error.errno ? { errno: error.errno } : {}) } }, null, 2) + "\n");
    return EXIT.invalid;
  }
  const skipped = entries.filter((e) => e.cached).length;
  if (json) {
    const none: Outcome = { written: [], unchanged: [], stale: [] };
    const report = {
      command: "compile",
      ok: true,
      out: outName,
      totals,
      manifests: entries.map((e) => ({ file: e.file, service: e.service, environments: e.environments, cached: e.cached !== undefined, ...(outcomes.get(e) ?? none), diagnostics: e.diagnostics.map(jsonDiagnostic) })),
      ...(prepared.orphans.length ? { orphans: { services: prepared.orphans, stale: orphaned } } : {}),
    };
    io.stdout(JSON.stringify(report, null, 2) + "\n");
    return EXIT.ok;
  }
  io.stdout(
    `Compiled ${entries.length} manifest${entries.length === 1 ? "" : "s"} into ${outName}/: ` +
      `${totals.written} written, ${totals.unchanged} unchanged, ${totals.stale} stale removed` +
      (skipped ? ` (${skipped} service${skipped === 1 ? "" : "s"} skipped: inputs unchanged since their record; --no-cache compiles them).\n` : ".\n"),
  );
  return EXIT.ok;
}
