import type { ChecklistReport } from "../rules/evaluate.js";
import { lintManifest, type LintFinding, type LintOptions, type UncheckedManifest } from "./lint-manifest.js";
import { environmentNames } from "../model/overlay.js";
import type { LoadedManifest } from "../pipeline.js";

/** `options.environment` named an environment this manifest does not declare. */
export interface UnknownEnvironment {
  file: string;
  environment: string;
  /** The environments the manifest does have. */
  available: string[];
}

export interface LintManifestsResult {
  /** Every manifest's findings (its validation problems and checklist findings), in input order. */
  findings: LintFinding[];
  /** One checklist report per manifest and environment. */
  reports: ChecklistReport[];
  /**
   * Manifests without the requested environment. Reported as data, not as findings: asking for
   * an environment a manifest lacks is a mistake in the request (the CLI makes it a usage error).
   */
  unknownEnvironments: UnknownEnvironment[];
  /** Manifests too invalid for the checklist to judge (no reports): each is not ready. */
  unchecked: UncheckedManifest[];
}

/**
 * The production-readiness checklist over loaded manifests (see `loadManifests`). Pure but for
 * loading each source's locator on demand; the as-of date for waiver expiry and the severity
 * overrides come in the options.
 */
export async function lintManifests(loaded: readonly LoadedManifest[], options: LintOptions = {}): Promise<LintManifestsResult> {
  const result: LintManifestsResult = { findings: [], reports: [], unknownEnvironments: [], unchecked: [] };
  for (const manifest of loaded) {
    const { environment } = options;
    if (environment && manifest.spec) {
      const available = environmentNames(manifest.spec);
      if (!available.includes(environment)) result.unknownEnvironments.push({ file: manifest.file, environment, available });
    }
    const linted = await lintManifest(manifest, options);
    result.findings.push(...linted.findings);
    result.reports.push(...linted.reports);
    if (linted.unchecked) result.unchecked.push(linted.unchecked);
  }
  return result;
}
