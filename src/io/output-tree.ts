/** Reading and writing the output folder: see output/write.ts (transactional) and output/tree.ts (comparison). */
export { compareTree, type TreeDifference } from "./output/tree.js";
export { writeTree, type WriteOptions } from "./output/write.js";
export { OutputError } from "./output/output-error.js";
export type { OutputFs } from "./output/fs.js";
export { RECORD_FILE, RECORD_FORMAT, readRecord, writeRecord, removeRecord, recordMatches, outputDigest, type ServiceRecord, type RecordInputs } from "./output/record.js";
