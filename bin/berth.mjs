#!/usr/bin/env node
// The installed command. The CLI is bundled into dist/ by `npm run build` (which `npm ci` runs).
try {
  await import("../dist/berth.mjs");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("berth.mjs")) throw error;
  console.error("berth: the CLI is not built yet. Run `npm ci` (or `npm run build`) in the berth checkout.");
  process.exitCode = 2;
}
