import type { Model } from "../../src/model/model.js";
import { environmentCondition, mergeEnvironments, type Branch } from "./merge.js";
import { configTemplateFiles, objectTemplates, type ObjectTemplate } from "./object-templates.js";
import type { Rewrite } from "./placeholders.js";
import { knobRewrites, renderTemplate } from "./rewrites.js";

/**
 * The chart's templates, one file per object, from every environment's objects. An object the
 * environments agree on is one literal template; where they differ the template says so, keyed by
 * `.Values.environment` (merge.ts); an object only some environments have is rendered only for
 * them; the knob guards (autoscaling, migrations) wrap it as in a single-environment chart.
 * `helm template -f values-<env>.yaml` therefore renders exactly that environment's objects.
 */
export function chartTemplates(models: readonly Model[]): Array<{ file: string; text: string }> {
  const chart = models[0]!.name;
  const all = models.map((m) => m.environment.name);
  const perEnvironment = models.map((m) => ({ environment: m.environment.name, objects: objectTemplates(m) }));
  const configTemplates = [...new Set(models.flatMap(configTemplateFiles))].sort();
  const sidecars = [...new Set(models.flatMap((m) => m.sidecars.map((c) => c.name)))].sort();
  const knobs = knobRewrites(chart, configTemplates, sidecars);
  const files = [...new Set(perEnvironment.flatMap((e) => e.objects.map((o) => o.file)))];
  return files.map((file) => {
    const present = perEnvironment.flatMap((e) => e.objects.filter((o) => o.file === file).map((o) => ({ environment: e.environment, template: o })));
    // Usually one group: every environment that has the object, under the same knob guard.
    const groups = groupBy(present, (p) => p.template.guard ?? "");
    const parts = [...groups.values()].map((group) => {
      const conditions = [
        ...(group.length < all.length ? [environmentCondition(group.map((g) => g.environment))] : []),
        ...(group[0]!.template.guard ? [group[0]!.template.guard] : []),
      ];
      const text = render(group, knobs);
      return conditions.length ? `{{- if ${conditions.length === 1 ? conditions[0] : `and ${conditions.map((c) => `(${c})`).join(" ")}`} }}\n${text}\n{{- end }}\n` : `${text}\n`;
    });
    return { file, text: parts.join("") };
  });
}

/** The environments' versions of one object as one template text, its differences as branches. */
function render(versions: ReadonlyArray<{ environment: string; template: ObjectTemplate }>, knobs: Readonly<Record<string, Rewrite>>): string {
  const rewrites: Record<string, Rewrite> = { ...knobs };
  let branches = 0;
  const branch = (b: Branch): string => {
    const name = `branch-${++branches}`;
    rewrites[name] = (indent) => {
      const arms = b.variants.map((v, i) => `{{- ${i === 0 ? "if" : "else if"} ${environmentCondition(v.environments)} }}\n${renderTemplate({ [b.key]: v.value }, rewrites, indent)}`);
      return `${arms.join("\n")}\n{{- end }}`;
    };
    return name;
  };
  const merged = mergeEnvironments(versions.map((v) => ({ environment: v.environment, value: v.template.object })), branch);
  return renderTemplate(merged, rewrites);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
