/** The emitter interface, defined in the core so the compile plan never imports an emitter. */
export type { EmitContext, Emitter, OutputFile } from "../src/emit/emitter.js";
