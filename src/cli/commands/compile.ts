import { OutputError, writeTree, type TreeDifference } from "../../io/output-tree.js";
import { EXIT, type CliIO } from "../io.js";
import { displayPath, jsonDiagnostic, ownerOf, prepareCompile, type CompileFlags } from "./compile-run.js";

export type CompileCommandOptions = CompileFlags & {
  /** Replace files at planned paths that berth did not write. */
  force?: boolean;
};

/**
 * `berth compile`: validate every manifest, then write `<out>/<service>/<environment>/…`. Nothing
 * is written unless every manifest is valid, so a failed compile leaves the previous output as it was.
 * `--format json` prints a summary on stdout (files written, unchanged and stale per manifest, diagnostics).
 */
export async function compileCommand(files: string[], options: CompileCommandOptions, io: CliIO): Promise<number> {
  const json = options.format === "json";
  const prepared = await prepareCompile(files, options, io, "compile");
  if (!prepared.ok) {
    if (prepared.error) io.stderr(`berth compile: ${prepared.error}\n`);
    else if (prepared.loaded.length) io.stderr("berth compile: nothing written; fix the errors above first.\n");
    if (json) io.stdout(JSON.stringify({ command: "compile", ok: false, out: prepared.outName ?? null, ...(prepared.error ? { error: prepared.error } : {}), totals: { written: 0, unchanged: 0, stale: 0 }, manifests: prepared.loaded.map((l) => ({ file: l.file, service: l.models[0]?.name ?? null, environments: l.models.map((m) => m.environment.name), written: [], unchanged: [], stale: [], diagnostics: l.diagnostics.map(jsonDiagnostic) })) }, null, 2) + "\n");
    return prepared.exit;
  }
  const { loaded, plan, outDir, outName } = prepared;
  let diff: TreeDifference;
  try {
    diff = await writeTree(outDir, plan, { force: options.force === true });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    // The user's to fix (a full disk, a symlink, a hand-written file): the path, the reason, what to do.
    io.stderr(`berth compile: cannot write ${displayPath(io.cwd, error.path)}: ${error.reason}\n  hint: ${error.hint}\n`);
    if (json) io.stdout(JSON.stringify({ command: "compile", ok: false, out: outName, error: { path: displayPath(io.cwd, error.path), reason: error.reason, ...(error.errno ? { errno: error.errno } : {}) } }, null, 2) + "\n");
    return EXIT.invalid;
  }
  const written = [...diff.missing, ...diff.changed.map((c) => c.path)].sort();
  if (json) {
    const unchanged = plan.files.map((f) => f.path).filter((p) => !written.includes(p));
    const mine = (paths: string[], i: number) => paths.filter((p) => ownerOf(p, loaded) === i).map((p) => `${outName}/${p}`);
    const report = {
      command: "compile",
      ok: true,
      out: outName,
      totals: { written: written.length, unchanged: diff.unchanged, stale: diff.stale.length },
      manifests: loaded.map((l, i) => ({ file: l.file, service: l.models[0]?.name ?? null, environments: l.models.map((m) => m.environment.name), written: mine(written, i), unchanged: mine(unchanged, i), stale: mine(diff.stale, i), diagnostics: l.diagnostics.map(jsonDiagnostic) })),
    };
    io.stdout(JSON.stringify(report, null, 2) + "\n");
    return EXIT.ok;
  }
  io.stdout(
    `Compiled ${loaded.length} manifest${loaded.length === 1 ? "" : "s"} into ${outName}/: ` +
      `${written.length} written, ${diff.unchanged} unchanged, ${diff.stale.length} stale removed.\n`,
  );
  return EXIT.ok;
}
