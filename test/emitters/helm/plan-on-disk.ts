// A compile planned in memory and written to a fresh temporary folder, for the tests that run helm on the chart.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Emitter } from "../../../emitters/types.js";
import { planCompile } from "../../../src/compile.js";
import type { Model } from "../../../src/model/model.js";
import { tempDir } from "../../support/tools.js";

/** Plans `models` with `emitters` and writes every file under a new temp folder (named from `prefix`); the folder. */
export function writePlan(models: readonly Model[], emitters: readonly Emitter[], prefix: string): string {
  const planned = planCompile([{ source: "service.yaml", models }], emitters, {});
  if (!planned.ok) throw new Error(planned.error);
  const out = tempDir(prefix);
  for (const f of planned.plan.files) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
  }
  return out;
}
