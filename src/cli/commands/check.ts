import { statSync } from "node:fs";
import { join } from "node:path";
import { compareTree, OutputError, readText, RECORD_FILE, type TreeDifference } from "../../io/output-tree.js";
import { asOutputError } from "../../io/output/output-error.js";
import { realFs } from "../../io/output/fs.js";
import { isGenerated } from "../../output/header.js";
import { unifiedDiff } from "../../output/unified-diff.js";
import { streamStyle, type Style } from "../color.js";
import { EXIT, type CliIO } from "../io.js";
import { ManifestChanged } from "../../io/read-sources.js";
import { displayPath, forEachService, jsonDiagnostic, manifestChanged, prepareCompile, type CompileFlags, type Entry } from "./compile-run.js";
import { orphanPlan } from "./orphans.js";

export type CheckCommandOptions = CompileFlags;

/**
 * `berth check`: for CI and pre-commit. Compiles in memory, one service at a time, and compares
 * with the committed output; exit 1 with a unified diff when they differ or stale generated files
 * remain. Writes nothing. A service whose record matches its inputs is up to date without reading
 * its output; `--no-cache` compares every file (and so also catches hand edits of generated files).
 * `--format json` prints, instead of diffs, each manifest's changed, missing, stale and unchanged files.
 */
export async function checkCommand(files: string[], options: CheckCommandOptions, io: CliIO): Promise<number> {
  const json = options.format === "json";
  const prepared = await prepareCompile(files, options, io, "check");
  if (!prepared.ok) {
    if (prepared.error) io.stderr(`berth check: ${prepared.error}\n`);
    if (json) io.stdout(JSON.stringify({ command: "check", ok: false, upToDate: false, out: prepared.outName ?? null, ...(prepared.error ? { error: prepared.error } : {}), totals: { changed: 0, missing: 0, stale: 0, unchanged: 0 }, manifests: prepared.entries.map((e) => ({ file: e.file, service: e.service, environments: e.environments, changed: [], missing: [], stale: [], unchanged: [], diagnostics: e.diagnostics.map(jsonDiagnostic) })) }, null, 2) + "\n");
    return prepared.exit;
  }
  const { entries, outDir, outName } = prepared;
  // An output folder that is a file holds no output: listing every planned file as missing would send the
  // user to a compile that refuses the same path (write.ts). Said as compile says it.
  if (statSync(outDir, { throwIfNoEntry: false })?.isDirectory() === false) {
    const reason = "is a file, not a folder";
    io.stderr(`berth check: cannot read ${outName}: ${reason}\n  hint: Give \`--out\` a folder (it is created when missing).\n`);
    if (json) io.stdout(JSON.stringify({ command: "check", ok: false, upToDate: false, out: outName, error: { path: outName, reason } }, null, 2) + "\n");
    await prepared.pool?.close();
    return EXIT.invalid;
  }
  const diff: TreeDifference = { missing: [], changed: [], stale: [], unchanged: 0 };
  const unchangedOf = new Map<Entry, string[]>();
  const ownerOf = new Map<string, Entry>();
  const orphaned: string[] = [];
  for (const entry of entries) {
    if (!entry.cached) continue;
    // Its files and its record, as a comparison counts them (service-step.ts): the same tree, the same count, with or without --no-cache.
    diff.unchanged += entry.cached.files.length + 1;
    if (json) unchangedOf.set(entry, entry.cached.files.map((f) => `${entry.service}/${f}`));
  }
  try {
    await forEachService(prepared, { kind: "compare", outDir, whole: prepared.whole }, (entry, mine) => {
      if (mine.kind !== "compare") return;
      diff.missing.push(...mine.missing);
      diff.changed.push(...mine.changed);
      diff.stale.push(...mine.stale);
      diff.unchanged += mine.unchanged;
      if (json) {
        unchangedOf.set(entry, mine.same);
        for (const path of [...mine.changed.map((c) => c.path), ...mine.missing, ...mine.stale]) ownerOf.set(path, entry);
      }
    }, io);
    // A service whose manifest is gone: compile would remove its generated files and its record.
    for (const service of prepared.orphans) {
      const mine = await compareTree(outDir, orphanPlan(service));
      const stale = [...mine.stale, ...((await readText(realFs, join(outDir, service, RECORD_FILE))) !== undefined ? [`${service}/${RECORD_FILE}`] : [])];
      diff.stale.push(...stale);
      orphaned.push(...stale);
    }
  } catch (error) {
    if (error instanceof ManifestChanged) return manifestChanged(io, "check", error, json ? { out: outName } : undefined);
    // The output folder holds what cannot be read (a FIFO or a link where a file belongs, a permission): the user's to fix, not a bug.
    const output = error instanceof OutputError ? error : asOutputError(error, (error as NodeJS.ErrnoException).path ?? outDir);
    io.stderr(`berth check: cannot read ${displayPath(io.cwd, output.path)}: ${output.reason}\n  hint: ${output.hint}\n`);
    if (json) io.stdout(JSON.stringify({ command: "check", ok: false, upToDate: false, out: outName, error: { path: displayPath(io.cwd, output.path), reason: output.reason, ...(output.errno ? { errno: output.errno } : {}) } }, null, 2) + "\n");
    return EXIT.invalid;
  }
  const byPath = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  diff.changed.sort(byPath((c) => c.path));
  diff.missing.sort();
  diff.stale.sort();
  const drift = diff.changed.length + diff.missing.length + diff.stale.length;
  // The compile that repairs what this check saw: --no-cache when only a full comparison sees it (a hand
  // edit inside a file the record vouches for), --force when a changed file no longer carries berth's header.
  const flags = [...(options.cache === false ? ["--no-cache"] : []), ...(diff.changed.some((c) => !c.path.endsWith(`/${RECORD_FILE}`) && !isGenerated(c.actual)) ? ["--force"] : [])];
  // And the options this check compiled with: without them that compile writes other output (another
  // strategy, every environment) and this check keeps failing.
  const same = [
    ...(options.config !== undefined ? ["--config", options.config] : []),
    ...(options.environment !== undefined ? ["--env", options.environment] : []),
    ...(options.emit?.length ? ["--emit", options.emit.join(",")] : []),
    ...(options.strategy !== undefined ? ["--strategy", options.strategy] : []),
    ...(options.shard !== undefined ? ["--shard", options.shard] : []),
  ];
  // A shard's compile is given every manifest, as this check was: it reads them all to tell a service renamed
  // into another shard (its folder here an orphan) from one whose manifest is merely not its own.
  const given = options.shard !== undefined ? files : prepared.files;
  const fix = `run \`berth compile ${[...flags, ...same, ...given].join(" ")}${options.out !== undefined ? ` --out ${options.out}` : ""}\` and commit the result`;
  if (json) {
    const changed = diff.changed.map((c) => c.path);
    const mine = (paths: string[], e: Entry) => paths.filter((p) => ownerOf.get(p) === e).map((p) => `${outName}/${p}`);
    const report = {
      command: "check",
      ok: drift === 0,
      upToDate: drift === 0,
      out: outName,
      ...(drift ? { hint: fix } : {}),
      totals: { changed: changed.length, missing: diff.missing.length, stale: diff.stale.length, unchanged: diff.unchanged },
      manifests: entries.map((e) => ({ file: e.file, service: e.service, environments: e.environments, cached: e.cached !== undefined, changed: mine(changed, e), missing: mine(diff.missing, e), stale: mine(diff.stale, e), unchanged: (unchangedOf.get(e) ?? []).map((p) => `${outName}/${p}`), diagnostics: e.diagnostics.map(jsonDiagnostic) })),
      ...(prepared.orphans.length ? { orphans: { services: prepared.orphans, stale: orphaned.sort().map((p) => `${outName}/${p}`) } } : {}),
    };
    io.stdout(JSON.stringify(report, null, 2) + "\n");
    return drift ? EXIT.invalid : EXIT.ok;
  }
  const style = streamStyle(io, "stdout");
  for (const change of diff.changed) io.stdout(unifiedDiff(`${outName}/${change.path}`, change.actual, change.expected).split("\n").map((line) => paintDiffLine(line, style)).join("\n"));
  for (const path of diff.missing) io.stdout(`missing: ${outName}/${path}\n`);
  for (const path of diff.stale) io.stdout(`stale:   ${outName}/${path} (generated, but no longer produced)\n`);
  if (drift) {
    io.stderr(
      `berth check: ${outName}/ is out of date (${diff.changed.length} changed, ${diff.missing.length} missing, ${diff.stale.length} stale).\n` +
        `  hint: ${fix}.\n`,
    );
    return EXIT.invalid;
  }
  const skipped = entries.filter((e) => e.cached).length;
  io.stdout(`${outName}/ is up to date (${diff.unchanged} files${skipped ? `; ${skipped} service${skipped === 1 ? "" : "s"} by their record, --no-cache reads every file` : ""}).\n`);
  return EXIT.ok;
}

/** Added lines green, removed lines red, hunk headers cyan, as `git diff` shows them. */
function paintDiffLine(line: string, style: Style): string {
  if (line.startsWith("+")) return style.green(line);
  if (line.startsWith("-")) return style.red(line);
  if (line.startsWith("@@")) return style.cyan(line);
  return line;
}
