import { join } from "node:path";
import { kindAt, type OutputFs } from "./fs.js";

/**
 * An environment's output folder is replaced as a unit: the new tree is built beside it as
 * `.<env>.berth-partial`, renamed `.<env>.berth-ready` once complete, then swapped in (the old
 * tree is renamed `.<env>.berth-old` and removed). A run killed at any moment leaves one of
 * these states, and the next run settles it before doing anything else.
 */
export type Stage = "partial" | "ready" | "old";

const STAGE_NAME = /^\.(.+)\.berth-(partial|ready|old)$/;

export function stagePath(serviceDir: string, env: string, stage: Stage): string {
  return join(serviceDir, `.${env}.berth-${stage}`);
}

/** True for berth's own staging folders, which readers of the output tree skip. */
export function isStagingName(name: string): boolean {
  return STAGE_NAME.test(name);
}

/** Temporary files of earlier berth versions (`<file>.berth-<pid>.tmp`): never preserved, always removed. */
export function isLegacyTemporary(name: string): boolean {
  return /\.berth-\d+\.tmp$/.test(name);
}

/**
 * Settles what an interrupted run left in one service folder, the same way whatever the moment:
 * a partial tree is discarded; with the environment's folder gone, a ready tree is rolled forward
 * (it is complete) or else the old one rolled back; leftovers beside a present folder are removed.
 * Returns the environments it touched.
 */
export async function recoverService(fs: OutputFs, serviceDir: string): Promise<string[]> {
  if ((await kindAt(fs, serviceDir)) !== "dir") return [];
  const envs = new Set<string>();
  const names = await fs.readdir(serviceDir);
  for (const name of names) {
    const match = STAGE_NAME.exec(name);
    if (match) envs.add(match[1]!);
  }
  // A record being written when the run stopped (record.ts): never the record itself, so it goes.
  if (names.includes(".berth.inputs.json.partial")) await fs.rm(join(serviceDir, ".berth.inputs.json.partial"), { recursive: true, force: true });
  for (const env of [...envs].sort()) {
    const folder = join(serviceDir, env);
    const [partial, ready, old] = (["partial", "ready", "old"] as const).map((s) => stagePath(serviceDir, env, s));
    await fs.rm(partial!, { recursive: true, force: true });
    if ((await kindAt(fs, folder)) === undefined) {
      if ((await kindAt(fs, ready!)) === "dir") await fs.rename(ready!, folder);
      else if ((await kindAt(fs, old!)) === "dir") await fs.rename(old!, folder);
    }
    await fs.rm(ready!, { recursive: true, force: true });
    await fs.rm(old!, { recursive: true, force: true });
  }
  return [...envs].sort();
}
