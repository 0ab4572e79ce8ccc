// Stands in for fs-extra inside the bundled @cdktf/hcl2json, which uses it only to read its
// WebAssembly file: loading fs-extra (and graceful-fs) costs ~20 ms of every HCL run.
const fs = require("node:fs");
module.exports = { readFile: (path) => fs.promises.readFile(path), readFileSync: fs.readFileSync };
