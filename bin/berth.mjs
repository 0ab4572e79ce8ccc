#!/usr/bin/env node
// The installed command. The CLI is bundled into dist/ by `npm run build` (which `npm ci` runs).
// Node 22.1+ keeps V8's compiled code of the bundle on disk (in the system's temporary folder), so a cold
// start parses and compiles berth's ~700 KB once, not on every run (issue 16: cold start). Node 20 lacks it;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
const { default: nodeModule } = await import("node:module");
nodeModule.enableCompileCache?.();
try {
  await import("../dist/berth.mjs");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("berth.mjs")) throw error;
  console.error("berth: the CLI is not built yet. Run `npm ci` (or `npm run build`) in the berth checkout.");
  process.exitCode = 2;
}
