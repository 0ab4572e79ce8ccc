import type { YamlValue } from "../../src/output/yaml.js";
import { sameJson } from "../../src/same-json.js";
import { placeholder } from "./placeholders.js";

/** One value of a field, and the environments that have it. */
export interface Variant {
  environments: string[];
  value: YamlValue;
}

/** A field whose value differs between environments: its key and each distinct value. */
export interface Branch {
  key: string;
  variants: Variant[];
}

/**
 * Merges one object as each environment has it into one template tree, generically (it knows no
 * Kubernetes field): where every environment agrees the value is kept literally; mappings present
 * in every environment are merged key by key; a value that is, in every environment, that
 * environment's own name becomes the `environment` placeholder (`.Values.environment`); anything
 * else that differs (a scalar, a list, a key some environments lack) becomes a branch placeholder,
 * rendered as one `if` per distinct value keyed by `.Values.environment` (chart-templates.ts).
 * Lists are compared whole, as environment overlays replace them whole. Knobs are placeholders
 * already, equal in every environment, so they stay values.
 *
 * `branch` receives each differing field and returns the placeholder name standing for it.
 */
export function mergeEnvironments(trees: ReadonlyArray<{ environment: string; value: YamlValue }>, branch: (b: Branch) => string): YamlValue {
  return mergeMappings(trees as Array<{ environment: string; value: Record<string, YamlValue> }>, branch);
}

function mergeMappings(trees: ReadonlyArray<{ environment: string; value: Record<string, YamlValue> }>, branch: (b: Branch) => string): Record<string, YamlValue> {
  const out: Record<string, YamlValue> = {};
  for (const key of orderedKeys(trees.map((t) => t.value))) {
    const values = trees.map((t) => ({ environment: t.environment, value: t.value[key] }));
    const first = values[0]!.value;
    if (values.every((v) => sameJson(v.value, first))) out[key] = first;
    else if (values.every((v) => isMapping(v.value))) out[key] = mergeMappings(values as Array<{ environment: string; value: Record<string, YamlValue> }>, branch);
    else if (values.every((v) => v.value === v.environment)) out[key] = placeholder("environment");
    else out[key] = placeholder(branch({ key, variants: variantsOf(values) }));
  }
  return out;
}

/** The distinct values, each with its environments (those without the key have none), in first-seen order. */
function variantsOf(values: ReadonlyArray<{ environment: string; value: YamlValue | undefined }>): Variant[] {
  const variants = new Map<string, Variant>();
  for (const { environment, value } of values) {
    if (value === undefined) continue;
    const id = JSON.stringify(value);
    const variant = variants.get(id);
    if (variant) variant.environments.push(environment);
    else variants.set(id, { environments: [environment], value });
  }
  return [...variants.values()];
}

/** Every key of the mappings, each after the keys it follows in the mapping that has it (so fields keep their written order). */
function orderedKeys(mappings: ReadonlyArray<Record<string, YamlValue>>): string[] {
  const keys: string[] = [];
  for (const mapping of mappings) {
    let at = 0;
    for (const key of Object.keys(mapping)) {
      const index = keys.indexOf(key);
      if (index >= 0) at = index + 1;
      else keys.splice(at++, 0, key);
    }
  }
  return keys;
}

function isMapping(value: YamlValue | undefined): value is Record<string, YamlValue> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The template condition that holds in exactly these environments. */
export function environmentCondition(environments: readonly string[]): string {
  return environments.length === 1
    ? `eq $.Values.environment ${JSON.stringify(environments[0])}`
    : `has $.Values.environment (list ${environments.map((e) => JSON.stringify(e)).join(" ")})`;
}
