#!/usr/bin/env node
// The installed command. The CLI is bundled into dist/berth.cjs by `npm run build` (which `npm ci` runs).
//
// Cold start (issue 16): most of a short run's own time went to parsing and compiling berth's JavaScript.
// So the bundle is compiled here with V8's code cache: the first run of a command keeps the compiled code
// of everything it ran, in a per-user folder of the system's temporary folder; later runs of that command
// start from it. Node 22's module.enableCompileCache() does something similar, but keeps only what was
// compiled before the code ran, and Node 20 lacks it. The cache never changes what berth does or writes:
// V8 takes it only for the same source, V8 version and flags (the file name carries the bundle's digest,
// the Node version and the architecture), and refuses it otherwise. BERTH_CODE_CACHE=0 (or Node's own
// NODE_DISABLE_COMPILE_CACHE=1) turns it off; BERTH_DEBUG=1 says whether it was used.
"use strict";
const { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { tmpdir } = require("node:os");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const bundle = join(__dirname, "..", "dist", "berth.cjs");
let source;
try {
  // ASCII (scripts/build.mjs checks): latin1 reads it without UTF-8 decoding.
  source = readFileSync(bundle, "latin1");
} catch (error) {
  if (error.code !== "ENOENT") throw error;
  console.error("berth: the CLI is not built yet. Run `npm ci` (or `npm run build`) in the berth checkout.");
  process.exitCode = 2;
  return;
}

const args = process.argv.slice(2);
// V8 refuses a cache made under other flags, and reading HCL sets one (src/parse/load-hcl2json.ts), which
// the cache written at exit would carry: a run given HCL files sets it before compiling. Only that run:
// V8 then also refuses Node's own built-in code cache, and Node's modules load ~10 ms slower.
if (args.some((a) => a.endsWith(".hcl"))) require("node:v8").setFlagsFromString("--liftoff-only");
const cache = codeCache(source, args, process.env);
const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cache.read() });
const state = script.cachedDataRejected === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used";
if (process.env.BERTH_DEBUG) console.error(`berth: code cache ${cache.file ? `${state} (${cache.file})` : "off"}`);
// Written once the command has run, so it holds every function the command compiled, not only the top level.
if (state !== "used") process.once("exit", () => cache.write(script));
const cli = new Module(bundle, module);
cli.filename = bundle;
cli.paths = Module._nodeModulePaths(dirname(bundle));
script.runInThisContext().call(cli.exports, cli.exports, Module.createRequire(bundle), cli, bundle, dirname(bundle));

/**
 * Where this command's compiled code is kept, and how to read and write it. Nothing here may fail the
 * command: any problem means running without the cache. The folder must be a real folder owned by this
 * user and writable by no one else, since code in it is run.
 */
function codeCache(source, args, env) {
  const off = { file: undefined, read: () => undefined, write: () => {} };
  const digest = /^\/\/ berth-build ([0-9a-f]{16})\n/.exec(source)?.[1];
  if (!digest || env.BERTH_CODE_CACHE === "0" || env.NODE_DISABLE_COMPILE_CACHE === "1") return off;
  // One cache per command (and for HCL input): each keeps what its own runs compile.
  const command = args.find((a) => !a.startsWith("-")) ?? "";
  const profile = `${/^[a-z]{1,16}$/.test(command) ? command : "other"}${args.some((a) => a.endsWith(".hcl")) ? "-hcl" : ""}`;
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const folder = join(tmpdir(), `berth-code-cache${uid === undefined ? "" : `-${uid}`}`);
  const name = `${digest}-${process.version}-${process.arch}-${profile}.bin`;
  const file = join(folder, name);
  const safe = () => {
    const stat = lstatSync(folder, { throwIfNoEntry: false });
    return stat !== undefined && stat.isDirectory() && (uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0));
  };
  return {
    file,
    read() {
      try {
        return safe() ? readFileSync(file) : undefined;
      } catch {
        return undefined;
      }
    },
    write(script) {
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        if (!safe()) return;
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, file);
        // Caches of other builds (and files a killed run left) are dead weight once nothing has written them
        // for a week; a cache still in use is only read, so at worst it is written again.
        const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
        for (const other of readdirSync(folder)) {
          const path = join(folder, other);
          if (path !== file && lstatSync(path).mtimeMs < weekAgo) rmSync(path, { force: true });
        }
      } catch {
        // A read-only or full temporary folder: the next run compiles without the cache, as this one did.
      }
    },
  };
}
