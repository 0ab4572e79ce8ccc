import * as promises from "node:fs/promises";

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

export const realFs: OutputFs = {
  lstat: (path) => promises.lstat(path),
  readdir: (path) => promises.readdir(path),
  readFile: (path, encoding) => promises.readFile(path, encoding),
  writeFile: (path, content) => promises.writeFile(path, content),
  mkdir: (path, options) => promises.mkdir(path, options),
  rename: (from, to) => promises.rename(from, to),
  rm: (path, options) => promises.rm(path, options),
  rmdir: (path) => promises.rmdir(path),
  link: (existing, path) => promises.link(existing, path),
  copyFile: (from, to) => promises.copyFile(from, to),
  readlink: (path) => promises.readlink(path),
  symlink: (target, path) => promises.symlink(target, path),
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
