// Stands in for fs-extra inside the bundled @cdktf/hcl2json, which uses it only to read its
// WebAssembly file: loading fs-extra (and graceful-fs) costs ~20 ms of every HCL run. The file is read
// in one synchronous call: fs.promises reads 6.5 MB in 13 round trips through libuv's thread pool.
const fs = require("node:fs");
module.exports = { readFile: async (path) => fs.readFileSync(path), readFileSync: fs.readFileSync };
