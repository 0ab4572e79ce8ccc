import { createHash } from "node:crypto";
import { join } from "node:path";
import type { OutputFile } from "../../output/output-file.js";
import { canonicalJson } from "../../canonical-json.js";
import { isErrno, kindAt, type OutputFs } from "./fs.js";

/**
 * The incremental record: `<out>/<service>/.berth.inputs.json`, written by `compile` after the
 * service's folders are in place, committed with them. It names everything the output depends on
 * (the manifest's bytes by SHA-256, the name its headers give it, berth's version, the record's
 * format and the options that shape the output) and what came out (the files, and a SHA-256 over
 * their paths and bytes). While every input matches, compile and check skip the service without
 * reading its output; any difference, or `--no-cache`, compiles it again. (The manifest is the only
 * file a service's output is compiled from; the config file's part, the emitters, is among the options.) No timestamps: the same
 * inputs give the same bytes.
 *
 * Invariant: a record present means the service's folders are exactly what its inputs compile
 * to. compile removes the record before it first changes the service's folders, and writes the
 * new one (temporary file, then rename) only after all of them are in place; a run killed in
 * between leaves no record, so the next run compiles the service again.
 */
export const RECORD_FILE = ".berth.inputs.json";
/** The names a service folder (and so a record) can have: a service name, a DNS-1123 label. berth looks for no record elsewhere. */
export const SERVICE_FOLDER = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const TEMPORARY = `${RECORD_FILE}.partial`;
/** Bumped whenever the record's meaning or the way berth reads it changes. */
export const RECORD_FORMAT = 1;

/** What produced a service's output. */
export interface RecordInputs {
  berth: string;
  /** The build's identity (scripts/build.mjs: a digest of berth's sources): a changed berth invalidates even at the same version. */
  build: string;
  format: number;
  /** The manifest, as its generated headers name it (from the repository root). */
  source: string;
  /** SHA-256 of the manifest's bytes, hex. */
  input: string;
  options: RecordOptions;
}

/**
 * Every option that shapes the output, keys sorted at every level (compile-run.ts): the emitters that
 * ran (in order), the strategy override, and the config's alert severity mapping and checklist
 * severities when set. Written and compared whole, so an option added here can never be dropped
 * on the way to the file (the config's severities once were, and a removed mapping went unnoticed).
 */
export interface RecordOptions {
  emit: string[];
  strategy: string | null;
  [option: string]: unknown;
}

export interface ServiceRecord extends RecordInputs {
  /** The files written, relative to the service folder, sorted. */
  files: string[];
  /** SHA-256 over every file's path and bytes, hex: what `--no-cache` would reproduce. */
  output: string;
}

/** The digest of a service's output files (paths relative to the output folder, `<service>/…`). */
export function outputDigest(service: string, files: readonly OutputFile[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file.path.slice(service.length + 1)).update("\0").update(file.content).update("\0");
  return hash.digest("hex");
}

/** The record as committed: fixed key order, two-space JSON, a trailing newline. */
export function renderRecord(record: ServiceRecord): string {
  const ordered = {
    $comment: "berth's record of what produced this folder: compile and check skip the service while these inputs are unchanged. Delete it, or pass --no-cache, to compile it again.",
    berth: record.berth,
    build: record.build,
    format: record.format,
    source: record.source,
    input: record.input,
    options: record.options,
    output: record.output,
    files: record.files,
  };
  return JSON.stringify(ordered, null, 2) + "\n";
}

/** True when the record was produced by exactly these inputs. */
export function recordMatches(record: ServiceRecord | undefined, inputs: RecordInputs): record is ServiceRecord {
  return (
    record !== undefined &&
    record.berth === inputs.berth &&
    record.build === inputs.build &&
    record.format === inputs.format &&
    record.source === inputs.source &&
    record.input === inputs.input &&
    JSON.stringify(canonicalJson(record.options)) === JSON.stringify(canonicalJson(inputs.options))
  );
}

/**
 * Whether every file the record lists is still a file in the service folder: a generated file or a
 * whole environment folder deleted by hand makes the service compile (and check compare) again.
 * One stat per file, never a read: a hand edit inside a file is what only `--no-cache` sees.
 */
export async function recordedFilesPresent(fs: OutputFs, serviceDir: string, record: ServiceRecord): Promise<boolean> {
  for (const file of record.files) if ((await kindAt(fs, join(serviceDir, file))) !== "file") return false;
  return true;
}

/** The service folder's record, or undefined when there is none or it is not one berth can read (then the service is compiled). */
export async function readRecord(fs: OutputFs, serviceDir: string): Promise<ServiceRecord | undefined> {
  let text: string;
  // Only a regular file is berth's record: a FIFO there would block the read forever, a link lead anywhere (then the service is compiled).
  if ((await kindAt(fs, join(serviceDir, RECORD_FILE))) !== "file") return undefined;
  try {
    text = await fs.readFile(join(serviceDir, RECORD_FILE), "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT") || isErrno(error, "ENOTDIR") || isErrno(error, "EISDIR")) return undefined;
    throw error;
  }
  try {
    const data = JSON.parse(text) as Partial<ServiceRecord>;
    const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
    if (typeof data.berth !== "string" || typeof data.build !== "string" || typeof data.format !== "number" || typeof data.source !== "string" || typeof data.input !== "string") return undefined;
    const options = data.options;
    if (typeof data.output !== "string" || !strings(data.files) || !options || typeof options !== "object" || Array.isArray(options) || !strings(options.emit)) return undefined;
    if (typeof options.strategy !== "string" && options.strategy !== null) return undefined;
    return { berth: data.berth, build: data.build, format: data.format, source: data.source, input: data.input, options, output: data.output, files: data.files! };
  } catch {
    return undefined;
  }
}

/** Writes the record unless the same bytes are there: a temporary file renamed over it (removed again if writing fails). */
export async function writeRecord(fs: OutputFs, serviceDir: string, record: ServiceRecord): Promise<void> {
  const text = renderRecord(record);
  const path = join(serviceDir, RECORD_FILE);
  // Only a regular file is read: not through a link, not from a FIFO (which blocks forever); the rename below replaces either.
  const kind = await kindAt(fs, path);
  if (kind === "file" && (await fs.readFile(path, "utf8")) === text) return;
  // A folder where the record belongs is no one's but berth's (removeRecord clears the same path).
  if (kind === "dir") await fs.rm(path, { recursive: true, force: true });
  const temporary = join(serviceDir, TEMPORARY);
  try {
    await fs.writeFile(temporary, text);
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** Removes the record (and any temporary one): done before the service's folders change. */
export async function removeRecord(fs: OutputFs, serviceDir: string): Promise<void> {
  await fs.rm(join(serviceDir, RECORD_FILE), { recursive: true, force: true });
  await fs.rm(join(serviceDir, TEMPORARY), { recursive: true, force: true });
}
