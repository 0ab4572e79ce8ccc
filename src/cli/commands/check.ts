import { compareTree } from "../../io/output-tree.js";
import { unifiedDiff } from "../../output/unified-diff.js";
import { streamStyle, type Style } from "../color.js";
import { EXIT, type CliIO } from "../io.js";
import { jsonDiagnostic, ownerOf, prepareCompile, type CompileFlags } from "./compile-run.js";

export type CheckCommandOptions = CompileFlags;

/**
 * `berth check`: for CI and pre-commit. Compiles in memory and compares with the committed output;
 * exit 1 with a unified diff when they differ or stale generated files remain. Writes nothing.
 * `--format json` prints, instead of diffs, each manifest's changed, missing, stale and unchanged files.
 */
export async function checkCommand(files: string[], options: CheckCommandOptions, io: CliIO): Promise<number> {
  const json = options.format === "json";
  const prepared = await prepareCompile(files, options, io, "check");
  if (!prepared.ok) {
    if (prepared.error) io.stderr(`berth check: ${prepared.error}\n`);
    if (json) io.stdout(JSON.stringify({ command: "check", ok: false, upToDate: false, out: prepared.outName ?? null, ...(prepared.error ? { error: prepared.error } : {}), totals: { changed: 0, missing: 0, stale: 0, unchanged: 0 }, manifests: prepared.loaded.map((l) => ({ file: l.file, service: l.models[0]?.name ?? null, environments: l.models.map((m) => m.environment.name), changed: [], missing: [], stale: [], unchanged: [], diagnostics: l.diagnostics.map(jsonDiagnostic) })) }, null, 2) + "\n");
    return prepared.exit;
  }
  const { loaded, plan, outDir, outName } = prepared;
  const diff = await compareTree(outDir, plan);
  const drift = diff.changed.length + diff.missing.length + diff.stale.length;
  const fix = `run \`berth compile ${prepared.files.join(" ")}${options.out !== undefined ? ` --out ${options.out}` : ""}\` and commit the result`;
  if (json) {
    const changed = diff.changed.map((c) => c.path);
    const differs = new Set([...changed, ...diff.missing]);
    const unchanged = plan.files.map((f) => f.path).filter((p) => !differs.has(p));
    const mine = (paths: string[], i: number) => paths.filter((p) => ownerOf(p, loaded) === i).map((p) => `${outName}/${p}`);
    const report = {
      command: "check",
      ok: drift === 0,
      upToDate: drift === 0,
      out: outName,
      ...(drift ? { hint: fix } : {}),
      totals: { changed: changed.length, missing: diff.missing.length, stale: diff.stale.length, unchanged: diff.unchanged },
      manifests: loaded.map((l, i) => ({ file: l.file, service: l.models[0]?.name ?? null, environments: l.models.map((m) => m.environment.name), changed: mine(changed, i), missing: mine(diff.missing, i), stale: mine(diff.stale, i), unchanged: mine(unchanged, i), diagnostics: l.diagnostics.map(jsonDiagnostic) })),
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
  io.stdout(`${outName}/ is up to date (${diff.unchanged} files).\n`);
  return EXIT.ok;
}

/** Added lines green, removed lines red, hunk headers cyan, as `git diff` shows them. */
function paintDiffLine(line: string, style: Style): string {
  if (line.startsWith("+")) return style.green(line);
  if (line.startsWith("-")) return style.red(line);
  if (line.startsWith("@@")) return style.cyan(line);
  return line;
}
