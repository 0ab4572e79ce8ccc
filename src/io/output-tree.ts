/** Reading and writing the output folder: see output/write.ts (transactional) and output/tree.ts (comparison). */
export { compareTree, readText, type TreeDifference } from "./output/tree.js";
export { writeTree, type WriteOptions } from "./output/write.js";
export { OutputError } from "./output/output-error.js";
export type { OutputFs } from "./output/fs.js";
export { RECORD_FILE, RECORD_FORMAT, SERVICE_FOLDER, readRecord, renderRecord, recordedFilesPresent, writeRecord, removeRecord, recordMatches, outputDigest, type ServiceRecord, type RecordInputs, type RecordOptions } from "./output/record.js";
