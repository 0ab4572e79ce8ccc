/**
 * compile and check read each manifest twice: the first pass validates it and keeps only its SHA-256
 * (issue 16: holding 10,000 manifests' bytes between the passes cost ~40 MB), the second reads it
 * again to compile it. A manifest edited or removed in between is refused, never compiled unvalidated.
 * A small batch keeps the first pass's Models instead, and compiles exactly those.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import type { CompileJob } from "../../src/cli/compile-worker.js";
import type { WorkerReply } from "../../src/cli/worker-pool.js";
import type { StepOutcome } from "../../src/cli/commands/service-step.js";
import { forEachService, KEEP_MODELS, manifestChanged, prepareCompile, type Batch } from "../../src/cli/commands/compile-run.js";
import type { ServiceStep } from "../../src/cli/commands/service-step.js";
import { ManifestChanged } from "../../src/io/read-sources.js";
import { sha256Hex } from "../../src/digest.js";
import { fakeIO } from "../cli/fake-io.js";
import { REPO_ROOT, tempDir } from "../support/tools.js";

vi.setConfig({ testTimeout: 60_000 });

/**
 * A scratch repository with two examples and `extra` renamed copies of the first, and the first pass over
 * them. By default one more manifest than the first pass keeps Models for (KEEP_MODELS): the second pass
 * reads each manifest again.
 */
/** Writing each service into the batch's output folder, as compile does. */
const write = (batch: Batch): ServiceStep => ({ kind: "write", outDir: batch.outDir, force: false, whole: batch.whole });

/** Every file under `dir`, by relative path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    if (statSync(join(dir, path)).isFile()) files[path] = readFileSync(join(dir, path), "utf8");
  }
  return files;
}

async function prepared(extra = KEEP_MODELS - 1) {
  const repo = tempDir("berth-changed-");
  mkdirSync(join(repo, ".git"));
  const manifests = ["minimal-web", "catalog-rolling"].map((example) => {
    mkdirSync(join(repo, "services", example), { recursive: true });
    cpSync(join(REPO_ROOT, "examples", example, "service.yaml"), join(repo, "services", example, "service.yaml"));
    return `services/${example}/service.yaml`;
  });
  for (let i = 0; i < extra; i++) {
    mkdirSync(join(repo, "services", `extra-${i}`), { recursive: true });
    writeFileSync(join(repo, "services", `extra-${i}`, "service.yaml"), readFileSync(join(REPO_ROOT, "examples/minimal-web/service.yaml"), "utf8").replaceAll(/\bhello-web\b/g, `extra-${i}`));
    manifests.push(`services/extra-${i}/service.yaml`);
  }
  const io = fakeIO({ cwd: repo });
  const batch = await prepareCompile(manifests, { out: "deploy" }, io, "compile");
  if (!batch.ok) throw new Error(io.err);
  return { repo, manifests, batch, io };
}

describe("a manifest that changes between validation and compilation", () => {
  it("compiles when nothing changed, from the bytes the first pass hashed", async () => {
    const { repo, manifests, batch } = await prepared();
    expect(batch.entries.map((e) => e.digest)).toEqual(manifests.map((m) => sha256Hex(readFileSync(join(repo, m)))));
    expect(batch.entries.some((e) => e.models)).toBe(false);
    const seen: string[] = [];
    await forEachService(batch, write(batch), (entry, outcome) => void seen.push(`${entry.service}:${outcome.kind === "write" && outcome.written.length > 0}`));
    expect(seen).toEqual(["hello-web:true", "catalog:true", ...manifests.slice(2).map((_, i) => `extra-${i}:true`)]);
  });

  it(`a batch of at most ${KEEP_MODELS} services compiles the very Models it validated: an edit in between changes nothing`, async () => {
    const plans = async (edit: boolean) => {
      const { repo, manifests, batch } = await prepared(0);
      expect(batch.entries.every((e) => e.models !== undefined)).toBe(true);
      if (edit) {
        const edited = join(repo, manifests[1]!);
        writeFileSync(edited, readFileSync(edited, "utf8").replace(/^replicas: \d+$/m, "replicas: 7"));
      }
      const services: string[] = [];
      await forEachService(batch, write(batch), (entry) => void services.push(entry.service!));
      return { services, files: tree(batch.outDir) };
    };
    const unedited = await plans(false);
    expect(unedited.services).toEqual(["hello-web", "catalog"]);
    expect(Object.keys(unedited.files).length).toBeGreaterThan(50);
    expect(await plans(true)).toEqual(unedited);
  });

  it("edited: stops at that manifest with ManifestChanged, after compiling the ones before it", async () => {
    const { repo, manifests, batch } = await prepared();
    const edited = join(repo, manifests[1]!);
    writeFileSync(edited, readFileSync(edited, "utf8").replace("replicas:", "# edited\nreplicas:"));
    const seen: string[] = [];
    const run = forEachService(batch, write(batch), (entry) => void seen.push(entry.service!));
    await expect(run).rejects.toBeInstanceOf(ManifestChanged);
    await expect(run).rejects.toMatchObject({ file: manifests[1] });
    expect(seen).toEqual(["hello-web"]);
  });

  it("removed: the same", async () => {
    const { repo, manifests, batch } = await prepared();
    rmSync(join(repo, manifests[0]!));
    const seen: string[] = [];
    await expect(forEachService(batch, write(batch), (entry) => void seen.push(entry.service!))).rejects.toMatchObject({ file: manifests[0] });
    expect(seen).toEqual([]);
  });

  it("the CLI says which file, that the written services are whole, and how to recover; exit 1", () => {
    const io = fakeIO();
    expect(manifestChanged(io, "compile", new ManifestChanged("services/a/service.yaml"))).toBe(1);
    expect(io.err).toBe(
      "berth compile: services/a/service.yaml changed while berth was running (after it was validated); stopped: each service written is whole; the others were not written.\n" +
        "  hint: run `berth compile` again once the file is saved.\n",
    );
    expect(io.out).toBe("");
    const json = fakeIO();
    expect(manifestChanged(json, "check", new ManifestChanged("b.hcl"), { out: "deploy" })).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ command: "check", ok: false, upToDate: false, out: "deploy", error: { path: "b.hcl", reason: "changed after it was validated" } });
  });

  it("a worker thread (the built dist/compile-worker.cjs) reads the file itself and refuses other bytes", async () => {
    const { repo, manifests, batch } = await prepared();
    const entry = batch.entries[0]!;
    const worker = new Worker(join(REPO_ROOT, "dist", "compile-worker.cjs"), { workerData: { stop: new Int32Array(new SharedArrayBuffer(4)) } });
    const ask = (job: Partial<CompileJob>) =>
      new Promise<WorkerReply<StepOutcome>>((resolve) => {
        worker.once("message", resolve);
        worker.postMessage({ id: 1, kind: "compile", file: entry.file, path: entry.path, digest: entry.digest!, source: entry.source, emit: batch.emitters.map((e) => e.name), options: batch.options, normalize: batch.normalize, target: { service: entry.service! }, step: { kind: "compare", outDir: batch.outDir, whole: false }, ...job } satisfies CompileJob);
      });
    try {
      const ok = await ask({});
      // Compared with an output folder that does not exist: every planned file is missing.
      expect(ok.ok && ok.value.kind === "compare" && ok.value.missing.length).toBeGreaterThan(0);
      writeFileSync(join(repo, manifests[0]!), readFileSync(join(repo, manifests[0]!), "utf8") + "\n# edited\n");
      expect(await ask({})).toMatchObject({ id: 1, ok: false, data: { changed: true } });
      rmSync(join(repo, manifests[0]!));
      expect(await ask({})).toMatchObject({ ok: false, data: { changed: true } });
    } finally {
      await worker.terminate();
    }
  });
});
