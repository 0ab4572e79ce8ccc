import { processIO } from "./io.js";
import { runCli } from "./program.js";

// No top-level await: this is bundled as CommonJS (dist/berth.cjs, run by bin/berth.cjs).
const io = processIO();
void runCli(process.argv.slice(2), io).then((code) => {
  // A standard output that failed while the command ran has already set the exit code: keep the worse.
  code = Math.max(code, Number(process.exitCode ?? 0));
  process.exitCode = code;
  // The command is done: every file is written and, unless Node's stream holds some, all output is out. Exit
  // now rather than wait for Node to tear the heap down page by page (~5 ms of a cold compile; more after a
  // large batch). The 'exit' handlers still run (bin/berth.cjs writes the code cache in one).
  if (io.settled()) process.exit(code);
});
