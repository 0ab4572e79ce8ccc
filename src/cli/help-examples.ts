/** A few runnable examples per command, shown at the end of `berth <command> --help`. */
export const HELP_EXAMPLES: Readonly<Record<string, ReadonlyArray<readonly [command: string, what: string]>>> = {
  validate: [
    ["berth validate service.yaml", "check one manifest"],
    ["berth validate services/*/service.yaml", "check many at once (every problem of every file)"],
    ["berth validate service.hcl --format json", "machine-readable result, with each diagnostic's facts"],
  ],
  compile: [
    ["berth compile service.yaml", "write deploy/<service>/<environment>/… and the chart deploy/<service>/helm/<service>/"],
    ["berth compile service.yaml --env staging --out build", "one environment (and the chart, always from every one), into build/"],
    ["berth compile services/*/service.yaml --emit kubernetes,checklist", "only some outputs"],
  ],
  check: [
    ["berth check service.yaml", "in CI: exit 1 with a diff when deploy/ is out of date"],
    ["berth check services/*/service.yaml --out deploy", "every service against the committed tree"],
  ],
  lint: [
    ["berth lint service.yaml", "the production-readiness checklist, findings at file:line:col"],
    ["berth lint service.yaml --env production --fail-on warning", "strict, for one environment"],
    ["berth lint services/*/service.yaml --format sarif --output berth.sarif", "for GitHub code scanning"],
    ["berth lint service.yaml --as-of 2026-12-31", "which waivers will have expired by then"],
  ],
  explain: [
    ["berth explain --list", "every checklist rule and attestation, and every diagnostic code"],
    ["berth explain image-pinned", "why a rule exists and how to comply"],
    ["berth explain UNKNOWN_KEY", "what a diagnostic code means"],
  ],
  schema: [
    ["berth schema > service.schema.json", "the JSON Schema, for editor completion"],
    ["berth schema --format markdown", "the manifest reference"],
  ],
  init: [
    ["berth init", "a commented service.yaml named after this folder"],
    ["berth init --format hcl --name orders-api", "the same in HCL, with a name"],
  ],
};

export function helpExamples(command: string): string {
  const examples = HELP_EXAMPLES[command];
  if (!examples?.length) return "";
  return `\nExamples:\n${examples.map(([c, what]) => `  # ${what}\n  $ ${c}`).join("\n")}\n`;
}
