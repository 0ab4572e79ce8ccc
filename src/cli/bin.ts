import { processIO } from "./io.js";
import { runCli } from "./program.js";

// No top-level await: this is bundled as CommonJS (dist/berth.cjs, run by bin/berth.cjs).
void runCli(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
