/**
 * `prometheus/rules.test.yaml`: promtool unit tests of `rules.yaml`, shipped beside it. Users run
 * `promtool test rules prometheus/rules.test.yaml` in their own CI after they change a threshold;
 * `berth check` keeps the file in step with the rules.
 */
import type { Model } from "../../../src/model/model.js";
import type { YamlValue } from "../../../src/output/yaml.js";
import type { RuleGroup } from "../rules.js";
import { buildCases, promtoolTests } from "./alert-cases.js";

/** The test file for the groups of `rules.yaml` (undefined when no rule gets a case: only custom alerts). */
export function rulesTestFile(m: Model, groups: RuleGroup[]): YamlValue | undefined {
  const cases = buildCases(m, groups.flatMap((g) => g.rules));
  return cases.length ? (promtoolTests("rules.yaml", cases) as YamlValue) : undefined;
}
