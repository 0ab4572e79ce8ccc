/** A few runnable examples per command, shown at the end of `berth <command> --help` (before its exit codes). */
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
    // The file the starter manifest's `# yaml-language-server: $schema=berth.schema.json` line names (and the README's).
    ["berth schema > berth.schema.json", "the JSON Schema, for editor completion (the file `berth init`'s manifest points its editor to)"],
    ["berth schema --format markdown", "the manifest reference"],
  ],
  init: [
    ["berth init", "a commented service.yaml named after this folder"],
    ["berth init --format hcl --name orders-api", "the same in HCL, with a name"],
  ],
};

/** What each exit code means for a command (README "Exit codes"), shown after its examples. */
export const HELP_EXIT_CODES: Readonly<Record<string, string>> = {
  validate: "0 every manifest is valid, 1 a manifest is invalid, 2 usage error",
  compile: "0 written, 1 invalid input (a manifest or the config file) or an output berth cannot write, 2 usage error",
  check: "0 up to date, 1 drift or invalid input, 2 usage error",
  lint: "0 no finding reaches --fail-on, 1 one does (or the config file is invalid, or --output cannot be written), 2 usage error",
  explain: "0 explained, 2 no such rule or code",
  schema: "0 printed, 1 standard output cannot be written",
  init: "0 written, 1 the file cannot be written, 2 usage error (or the file, or a twin of it, exists)",
};

/** The top-level help's summary of the exit codes (README "Exit codes"). */
export const EXIT_CODES_HELP = `
Exit codes:
  0  success: valid, up to date, no failing findings
  1  invalid input (a manifest or the config file), drift, failing findings, or
     output berth cannot write (a missing folder, a full disk, …)
  2  usage error (or an internal error in berth)
`;

export function helpExamples(command: string): string {
  const examples = HELP_EXAMPLES[command];
  const exitCodes = HELP_EXIT_CODES[command];
  return (
    (examples?.length ? `\nExamples:\n${examples.map(([c, what]) => `  # ${what}\n  $ ${c}`).join("\n")}\n` : "") +
    (exitCodes ? `\nExit codes: ${exitCodes}.\n` : "")
  );
}
