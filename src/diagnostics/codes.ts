/**
 * The catalogue of diagnostic codes. A code is a stable id that tests, editors and CI
 * annotations key on; its hint is the default advice shown under the code frame.
 * Rules may pass a more specific hint.
 */
export const CODES = {
  // Reading the file
  FILE_NOT_FOUND: "Check the path; berth reads `.yaml`, `.yml`, `.json` and `.hcl` manifests.",
  FILE_UNREADABLE: "Check the file's permissions.",
  FILE_TOO_LARGE: "A service manifest is a few kilobytes; split generated data out of it.",
  UNSUPPORTED_EXTENSION: "Name the manifest `*.yaml`, `*.yml`, `*.json` or `*.hcl`.",
  BINARY_FILE: "This looks like a binary file, not a manifest. Check the path.",
  INVALID_UTF8: "Save the file as UTF-8.",
  EMPTY_MANIFEST: "Start from `berth init`, which writes a commented starter manifest.",
  NOT_A_MAPPING: "A manifest is a mapping of keys (`name: …`, `image: …`) at the top level.",
  // YAML
  YAML_SYNTAX: "Fix the YAML syntax at the caret.",
  YAML_TAB_INDENT: "YAML indents with spaces only; replace the tab with spaces.",
  YAML_DUPLICATE_KEY: "Each key may appear once in a mapping; remove or merge the repeat.",
  YAML_MULTIPLE_DOCUMENTS: "A manifest describes one service; put each service in its own file.",
  YAML_ALIAS_LIMIT: "Anchors and aliases expand too far; write the values out or use fewer aliases.",
  YAML_TOO_DEEP: "Nesting this deep is not a manifest; check for runaway indentation or brackets.",
  // JSON
  JSON_SYNTAX: "Fix the JSON syntax at the caret (JSON allows no trailing commas or comments).",
  // HCL
  HCL_SYNTAX: "Fix the HCL syntax at the caret.",
  HCL_DUPLICATE_BLOCK: "This block may appear once; merge the repeats.",
  HCL_BLOCK_LABEL: "Write the block as the reference shows: `port \"http\" { … }` carries its name as the label; `waiver { … }` has none.",
  HCL_INTERPOLATION: "berth's HCL is plain data: write the literal value instead of `${…}`.",
  // Shape (JSON Schema)
  UNKNOWN_KEY: "Remove the key or fix its spelling; `berth schema` lists every key.",
  MISSING_KEY: "Add the required key.",
  WRONG_TYPE: "Change the value to the expected type.",
  INVALID_VALUE: "Use one of the allowed values.",
  OUT_OF_RANGE: "Use a value inside the allowed range.",
  TOO_FEW_ITEMS: "Add at least one item, or remove the key.",
  INVALID_FORMAT: "Match the expected format.",
  INVALID_API_VERSION: "Set `apiVersion: berth/v1`.",
  INVALID_KIND: "Set `kind: Service`.",
  INVALID_NAME:
    "Use a DNS-1123 label: lowercase letters, digits and `-`, starting with a letter, at most 63 characters, no `/` or `.`.",
  INVALID_LABEL: "Kubernetes label values are at most 63 characters of letters, digits, `-`, `_` and `.`.",
  INVALID_ENV_NAME: "Environment variable names are letters, digits and `_`, not starting with a digit.",
  INVALID_IMAGE: "Write an image reference such as `ghcr.io/acme/app:1.4.2` or `…@sha256:<digest>`.",
  INVALID_DURATION: "Write a duration with units, largest first: `500ms`, `30s`, `5m`, `1h30m`, `30d`.",
  INVALID_RATIO: "Write a percentage such as `1%` or `99.9%`.",
  INVALID_QUANTITY: "Write a Kubernetes quantity: CPU as `250m` or `1`, memory as `512Mi` or `2Gi`.",
  INVALID_DATE: "Write a date as `YYYY-MM-DD`.",
  INVALID_URL: "Write an absolute `https://` URL.",
  INVALID_HOSTNAME: "Write a fully qualified lowercase host name such as `api.example.com`.",
  INVALID_PATH: "Write an absolute path starting with `/`.",
  INVALID_CIDR: "Write an IP range in CIDR notation, e.g. `10.0.0.0/8`.",
  INVALID_CRON: "Write 5 cron fields (`minute hour day-of-month month day-of-week`, e.g. `0 2 * * *`) or `hourly`/`daily`/`weekly`/`monthly`.",
  // Meaning (semantic rules)
  LITERAL_CREDENTIAL: "Store the value in a Kubernetes Secret and reference it under `secrets:` as `{ secret, key }`.",
  ENV_CONFLICT: "Each environment variable has one source; remove it from `env` or from `secrets`.",
  DUPLICATE_NAME: "Names must be unique; rename or remove the repeat.",
  UNKNOWN_PORT: "Refer to a port declared under `ports` (by name or number).",
  PROBE_HANDLER: "Give exactly one of `path` (HTTP), `tcp: true`, `grpc` or `exec`.",
  FIELD_NOT_APPLICABLE: "Remove the key; it has no effect here.",
  RANGE_ORDER: "The lower bound must not exceed the upper bound.",
  GRACE_PERIOD_TOO_SHORT: "Make `shutdown.grace_period` longer than `shutdown.timeout` + `shutdown.drain`, or omit it to derive it.",
  DEFAULT_ENV_WITH_ENVIRONMENTS: "Remove `default_environment`: with `environments` declared, each of them is compiled.",
  EXPOSE_PORT: "Mark exactly one port `expose: true` (or declare a single port).",
  EXPOSE_ROUTE: "Say how traffic arrives: add `expose.gateway` (Gateway API) and/or `expose.ingress`.",
  DATABASE_INCOMPLETE: "Complete the database block as the hint says.",
  CONFIG_FILE_SOURCE: "Give a config file either `content` or `secret`, not both and not neither.",
  DISRUPTION_BOTH: "Give `min_available` or `max_unavailable`, not both.",
  RATE_LIMIT_HEADER: "With `key: header`, name the header in `rate_limit.header`.",
  INVALID_PEER: "Name a peer by `service` (optionally with `namespace`), by `namespace` alone, or by `cidr`.",
  RULE_FINDING: "See `berth explain <rule>`.",
  UNUSED_WAIVER: "Remove the waiver: the rule passes (or does not apply) now.",
  UNKNOWN_RULE: "Check the rule id against `berth explain --list`.",
  CACHE_URL: "A redis cache needs `cache.url` (a Secret reference).",
  BACKUP_SCHEDULE_NEVER_RUNS: "Pick days that exist: this schedule names no date on the calendar (e.g. February 30).",
  BACKUP_RPO_NEEDS_PITR:
    "No schedule of whole backups is that frequent: set `pitr: true` (continuous WAL archiving, PostgreSQL on CloudNativePG) or raise `rpo` to the schedule's longest gap.",
  BACKUP_GAP_EXCEEDS_RPO: "Run backups more often (or on every day) so the longest gap fits the RPO, add an `extra_schedules` entry, or raise `rpo`.",
  BACKUP_RETENTION_TOO_SHORT: "Keep each backup longer than the longest gap between runs, so a restorable backup always exists.",
  BACKUP_STORAGE_MISSING: "Declare `backup.storage` (provider, bucket, region) so the backups' destination is part of the manifest.",
  BACKUP_KEY_WITH_DATA: "Keep the backup encryption key in its own Secret, not in the database's: whoever can read one must not read both.",
  BACKUP_NO_DRILL: "Declare `backup.drills: { cadence: 90d }` and record the last restore test (`last`, `evidence`): an untested backup is a hope.",
} as const;

export type Code = keyof typeof CODES;

export function hintFor(code: Code): string {
  return CODES[code];
}
