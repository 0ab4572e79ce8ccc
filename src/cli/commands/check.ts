import { resolve } from "node:path";
import { selectEmitters } from "../../../emitters/index.js";
import { planCompile, type CompileOptions } from "../../compile.js";
import { compareTree } from "../../io/output-tree.js";
import { unifiedDiff } from "../../output/unified-diff.js";
import { streamStyle, type Style } from "../color.js";
import { EXIT, type CliIO } from "../io.js";
import { loadAll, sourceName } from "./load-all.js";

export interface CheckCommandOptions extends CompileOptions {
  out: string;
}

/**
 * `berth check`: for CI and pre-commit. Compiles in memory and compares with the committed output;
 * exit 1 with a unified diff when they differ or stale generated files remain. Writes nothing.
 */
export async function checkCommand(files: string[], options: CheckCommandOptions, io: CliIO): Promise<number> {
  const { loaded, failed } = await loadAll(files, io);
  if (failed) return EXIT.invalid;
  const emitters = selectEmitters(options.emit);
  const planned = typeof emitters === "string" ? ({ ok: false, error: emitters } as const) : planCompile(loaded.map((l) => ({ source: sourceName(l.file, io.cwd), models: l.models })), emitters, options);
  if (!planned.ok) {
    io.stderr(`berth check: ${planned.error}\n`);
    return EXIT.usage;
  }
  const diff = await compareTree(resolve(io.cwd, options.out), planned.plan);
  const style = streamStyle(io, "stdout");
  for (const change of diff.changed) io.stdout(unifiedDiff(`${options.out}/${change.path}`, change.actual, change.expected).split("\n").map((line) => paintDiffLine(line, style)).join("\n"));
  for (const path of diff.missing) io.stdout(`missing: ${options.out}/${path}\n`);
  for (const path of diff.stale) io.stdout(`stale:   ${options.out}/${path} (generated, but no longer produced)\n`);
  const drift = diff.changed.length + diff.missing.length + diff.stale.length;
  if (drift) {
    io.stderr(
      `berth check: ${options.out}/ is out of date (${diff.changed.length} changed, ${diff.missing.length} missing, ${diff.stale.length} stale).\n` +
        `  hint: run \`berth compile ${files.join(" ")} --out ${options.out}\` and commit the result.\n`,
    );
    return EXIT.invalid;
  }
  io.stdout(`${options.out}/ is up to date (${diff.unchanged} files).\n`);
  return EXIT.ok;
}

/** Added lines green, removed lines red, hunk headers cyan, as `git diff` shows them. */
function paintDiffLine(line: string, style: Style): string {
  if (line.startsWith("+")) return style.green(line);
  if (line.startsWith("-")) return style.red(line);
  if (line.startsWith("@@")) return style.cyan(line);
  return line;
}
