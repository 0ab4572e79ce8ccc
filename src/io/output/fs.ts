import * as sync from "node:fs";

/**
 * The file-system calls output writing makes, as one interface: the real `node:fs/promises` in
 * production, a wrapper that injects faults (a full disk, a read-only folder) in tests.
 */
export interface OutputFs {
  lstat(path: string): Promise<{ isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }>;
  readdir(path: string): Promise<string[]>;
  readFile(path: string, encoding: "utf8"): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { recursive: true; force: true }): Promise<void>;
  rmdir(path: string): Promise<void>;
  link(existing: string, path: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  readlink(path: string): Promise<string>;
  symlink(target: string, path: string): Promise<void>;
}

/**
 * The real file system. Each call is synchronous behind the promise: output files are small and
 * many, and a round trip through libuv's thread pool per call cost more than the call itself
 * (measured: issue 16). Errors still arrive as rejections, as the interface promises.
 */
export const realFs: OutputFs = {
  lstat: async (path) => sync.lstatSync(path),
  readdir: async (path) => sync.readdirSync(path),
  readFile: async (path, encoding) => sync.readFileSync(path, encoding),
  writeFile: async (path, content) => sync.writeFileSync(path, content),
  mkdir: async (path, options) => sync.mkdirSync(path, options),
  rename: async (from, to) => sync.renameSync(from, to),
  rm: async (path, options) => sync.rmSync(path, options),
  rmdir: async (path) => sync.rmdirSync(path),
  link: async (existing, path) => sync.linkSync(existing, path),
  copyFile: async (from, to) => sync.copyFileSync(from, to),
  readlink: async (path) => sync.readlinkSync(path),
  symlink: async (target, path) => sync.symlinkSync(target, path),
};

/** What is at a path, without following a symlink there; undefined when nothing is. */
export async function kindAt(fs: OutputFs, path: string): Promise<"file" | "dir" | "symlink" | "other" | undefined> {
  try {
    const info = await fs.lstat(path);
    return info.isSymbolicLink() ? "symlink" : info.isDirectory() ? "dir" : info.isFile() ? "file" : "other";
  } catch (error) {
    if (isErrno(error, "ENOENT") || isErrno(error, "ENOTDIR")) return undefined;
    throw error;
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}
