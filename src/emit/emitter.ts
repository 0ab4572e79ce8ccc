/**
 * The interface every output implements. It lives in the core (src/) so the compile plan can run
 * emitters it is handed without importing any of them; the registry is in emitters/index.ts.
 */
import type { Model } from "../model/model.js";
import type { OutputFile } from "../output/output-file.js";

export type { OutputFile } from "../output/output-file.js";

/** What every emitter knows besides the model. Nothing here reads the clock or the environment. */
export interface EmitContext {
  /** The manifest's path as named in every generated file's header (POSIX separators). */
  source: string;
}

/**
 * One output of berth. An emitter is a pure function of the model: it never writes files, never
 * reads the clock or the environment, and never imports another emitter.
 *
 * Most outputs are per environment (`emit`, into `<service>/<environment>/`). An output that spans
 * the environments (the Helm chart: one chart, a values file per environment) also implements
 * `emitService`, and is handed every environment's Model at once.
 */
export interface Emitter {
  /** Its name on the command line (`--emit kubernetes`). */
  name: string;
  description: string;
  /** The top-level entries it owns inside `<service>/<environment>/` (its files there, and only its). */
  roots: readonly string[];
  /** Files relative to `<out>/<service>/<environment>/`, e.g. `kubernetes/deployment.yaml`. */
  emit(model: Model, ctx: EmitContext): OutputFile[];
  /**
   * The top-level entries it writes inside `<service>/`, beside the environment folders. They are
   * reserved: no environment may take one of these names.
   */
  serviceRoots?: readonly string[];
  /**
   * Files relative to `<out>/<service>/`, e.g. `helm/orders/values-staging.yaml`, from every
   * environment's Model (in environment-name order), whichever environments the run compiles.
   */
  emitService?(models: readonly Model[], ctx: EmitContext): OutputFile[];
}
