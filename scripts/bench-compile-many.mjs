// Child process of `npm run bench`: compiles N generated manifests in memory (no disk writes) and
// prints JSON figures. Run under /usr/bin/time so the parent can read its peak memory.
import { readFileSync } from "node:fs";
import { exampleTemplates, renamed } from "./bench-scale.mjs";

const count = Number(process.argv[2] ?? 1000);
const { loadManifest, planCompile, buildKubeObjects, toYaml, EMITTERS } = await import("../dist/index.mjs");
const templates = exampleTemplates();
const manifests = Array.from({ length: count }, (_, i) => new TextEncoder().encode(renamed(templates[i % templates.length], `service-${i}`)));

/** Median of three timed passes after one warm-up pass (the JIT). */
async function perSecond(run) {
  await run();
  const times = [];
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return count / (times.sort((a, b) => a - b)[1] / 1000);
}

// The whole pipeline: parse, validate, normalize, every object of every environment, as YAML text.
let files = 0;
const compile = await perSecond(async () => {
  files = 0;
  for (const [i, bytes] of manifests.entries()) {
    const loaded = await loadManifest(`service-${i}.yaml`, bytes);
    const result = planCompile([{ source: `services/service-${i}.yaml`, models: loaded.models }], EMITTERS);
    if (!result.ok || loaded.models.length === 0) throw new Error(`bench: service-${i} did not compile`);
    files += result.plan.files.length;
  }
});

// Synthesis alone, as cdk8s does it: the service cdk8s builds (scripts/bench-cdk8s.mjs), from its
// Model to YAML text for the same four objects: Deployment, Service, PodDisruptionBudget, HPA.
const equivalent = readFileSync("scripts/bench-cdk8s-equivalent.yaml");
const model = (await loadManifest("equivalent.yaml", equivalent)).models[0];
if (!model) throw new Error("bench: scripts/bench-cdk8s-equivalent.yaml did not validate");
const FOUR = new Set(["Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"]);
const models = Array.from({ length: count }, (_, i) => ({ ...model, name: `service-${i}`, namespace: `service-${i}` }));
const synthesis = await perSecond(() => {
  for (const m of models) {
    const four = buildKubeObjects(m).filter((o) => FOUR.has(o.object.kind));
    if (four.length !== 4) throw new Error("bench: the equivalent service must produce all four objects");
    for (const o of four) toYaml(o.object);
  }
});
console.log(JSON.stringify({ perSecond: compile, files, synthesisPerSecond: synthesis }));
