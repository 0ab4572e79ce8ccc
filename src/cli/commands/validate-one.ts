import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadManifests } from "../../io/load-manifests.js";

/** One manifest as `validate` reports it. Plain data: a large batch is validated on worker threads too. */
export interface Validated {
  file: string;
  /** The text, for code frames, when there are diagnostics. */
  text?: string;
  diagnostics: Diagnostic[];
  /** Its environments, when it is valid. */
  environments: string[];
}

export async function validateOne(file: string, cwd: string): Promise<Validated> {
  const [loaded] = await loadManifests([file], cwd);
  return {
    file,
    ...(loaded!.diagnostics.length && loaded!.text !== undefined ? { text: loaded!.text } : {}),
    diagnostics: loaded!.diagnostics,
    environments: loaded!.models.map((m) => m.environment.name),
  };
}
