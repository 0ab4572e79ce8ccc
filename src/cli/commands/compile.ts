import { resolve } from "node:path";
import { selectEmitters } from "../../../emitters/index.js";
import { planCompile, type CompileOptions } from "../../compile.js";
import { writeTree } from "../../io/output-tree.js";
import { EXIT, type CliIO } from "../io.js";
import { loadAll, sourceName } from "./load-all.js";

export interface CompileCommandOptions extends CompileOptions {
  out: string;
}

/**
 * `berth compile`: validate every manifest, then write `<out>/<service>/<environment>/…`. Nothing
 * is written unless every manifest is valid, so a failed compile leaves the previous output as it was.
 */
export async function compileCommand(files: string[], options: CompileCommandOptions, io: CliIO): Promise<number> {
  const { loaded, failed } = await loadAll(files, io);
  if (failed) {
    io.stderr("berth compile: nothing written; fix the errors above first.\n");
    return EXIT.invalid;
  }
  const emitters = selectEmitters(options.emit);
  const planned = typeof emitters === "string" ? ({ ok: false, error: emitters } as const) : planCompile(
    loaded.map((l) => ({ source: sourceName(l.file, io.cwd), models: l.models })),
    emitters,
    options,
  );
  if (!planned.ok) {
    io.stderr(`berth compile: ${planned.error}\n`);
    return EXIT.usage;
  }
  const outDir = resolve(io.cwd, options.out);
  const diff = await writeTree(outDir, planned.plan);
  const written = diff.missing.length + diff.changed.length;
  io.stdout(
    `Compiled ${loaded.length} manifest${loaded.length === 1 ? "" : "s"} into ${options.out}/: ` +
      `${written} written, ${diff.unchanged} unchanged, ${diff.stale.length} stale removed.\n`,
  );
  return EXIT.ok;
}
