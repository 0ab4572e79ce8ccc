import type { Model } from "../model/model.js";

/** Waivers of Polaris checks are written as `polaris/<check>`. */
const POLARIS_RULE = /^polaris\/([A-Za-z0-9]+)$/;

/**
 * A manifest's waivers of Polaris checks, as the exemption annotations Polaris reads on a
 * controller. The opt-out is explicit in the manifest (with its reason, owner and expiry, shown by
 * the checklist), and the cluster's own Polaris honours it too. Expiry is judged by `berth lint`,
 * never here: compiled output must not depend on the clock.
 */
export function polarisExemptions(m: Model): Record<string, string> {
  const out: Record<string, string> = {};
  for (const waiver of m.checklist.waivers) {
    const check = POLARIS_RULE.exec(waiver.rule)?.[1];
    if (check) out[`polaris.fairwinds.com/${check}-exempt`] = "true";
  }
  return out;
}
