import { setFlagsFromString } from "node:v8";

type Hcl2Json = (filename: string, text: string) => Promise<Record<string, unknown>>;
let loaded: Promise<Hcl2Json> | undefined;

/**
 * Loads @cdktf/hcl2json on first use only: it carries a 6.5 MB WebAssembly module that YAML
 * users should never pay for. Liftoff-only compilation avoids ~170 ms of optimising-tier work
 * that otherwise runs at process exit for a module used once.
 */
export function loadHcl2Json(): Promise<Hcl2Json> {
  loaded ??= (async () => {
    setFlagsFromString("--liftoff-only");
    const module = (await import("@cdktf/hcl2json")) as { parse?: Hcl2Json; default?: { parse: Hcl2Json } };
    // Bundled, the CommonJS package's exports arrive as the default export.
    return (module.parse ?? module.default!.parse) as Hcl2Json;
  })();
  return loaded;
}
