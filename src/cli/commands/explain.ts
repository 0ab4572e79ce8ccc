import { ATTESTATIONS, CHECKLIST_RULES, findRule } from "../../rules/registry.js";
import { CODE_GROUPS, CODES, hintFor, isCode, RENAMED_CODES } from "../../diagnostics/catalogue/index.js";
import { closest } from "../../diagnostics/suggest.js";
import { EXIT, type CliIO } from "../io.js";

/**
 * `berth explain <rule>`: why a checklist rule (or a validation code) exists and how to comply. Rule ids
 * are lowercase and codes uppercase, so either is found whatever the case it is typed in.
 */
export function explainCommand(given: string | undefined, options: { list: boolean }, io: CliIO): number {
  if (options.list || !given) {
    io.stdout("Checklist rules and attestations (berth lint):\n");
    for (const r of CHECKLIST_RULES) io.stdout(`  ${r.id.padEnd(30)} ${r.area.padEnd(14)} ${r.severity.padEnd(8)} ${r.checklist!.title}\n`);
    for (const a of ATTESTATIONS) io.stdout(`  ${a.id.padEnd(30)} ${a.area.padEnd(14)} ${"attest".padEnd(8)} ${a.title}\n`);
    io.stdout("\nDiagnostic codes (berth validate, compile, check and lint), by the stage that reports them:\n");
    for (const { stage, codes } of CODE_GROUPS) for (const code of codes) io.stdout(`  ${code.padEnd(30)} ${stage}\n`);
    io.stdout("\n`berth explain <rule or code>` says why it exists and how to comply.\n");
    return EXIT.ok;
  }
  const id = isCode(given.toUpperCase()) ? given.toUpperCase() : given.toLowerCase();
  const rule = findRule(id);
  if (rule?.checklist) {
    io.stdout(`${rule.id} (${rule.area}, ${rule.severity})\n${rule.checklist.title}\n\nWhy: ${rule.checklist.why}\nFix: ${rule.checklist.fix}\n`);
    return EXIT.ok;
  }
  const attestation = ATTESTATIONS.find((a) => a.id === id);
  if (attestation) {
    io.stdout(`${attestation.id} (${attestation.area}, attestation)\n${attestation.title}\n\nWhy: ${attestation.why}\nAttest it: checklist.attestations: [{ item: ${attestation.id}, evidence: <link>, date: <YYYY-MM-DD> }]\n`);
    return EXIT.ok;
  }
  if (isCode(id)) {
    io.stdout(`${id} (validation)\n${hintFor(id)}\n`);
    return EXIT.ok;
  }
  const renamed = RENAMED_CODES[given.toUpperCase()];
  if (renamed) {
    io.stdout(`${given.toUpperCase()} (validation) is now called ${renamed}\n${hintFor(renamed)}\n`);
    return EXIT.ok;
  }
  const guess = closest(given, [...CHECKLIST_RULES.map((r) => r.id), ...ATTESTATIONS.map((a) => a.id), ...Object.keys(CODES)]);
  io.stderr(`berth explain: no rule or code is called ${JSON.stringify(given)}${guess ? ` (did you mean ${guess}?)` : ""}; \`berth explain --list\` lists them.\n`);
  return EXIT.usage;
}
