import { entry } from "./entry.js";

/**
 * Meaning the schema cannot express, found by the validation rules. A code that several rules
 * report in different situations names the situation in `reason`; the facts are the rest.
 */
export const MEANING = {
  LITERAL_CREDENTIAL: entry((p: { subject: string }) => `${p.subject} holds a literal credential`, "Store the value in a Kubernetes Secret and reference it under `secrets:` as `{ secret, key }`."),
  INEXACT_NUMBER: entry(
    (p: { where: string; limit: number }) => `${p.where} is a number too large to keep exactly (beyond ±${p.limit})`,
    "Quote it to keep its digits as text (`\"84736251947362519\"`), or use a smaller number.",
  ),
  ANNOTATIONS_TOO_LARGE: entry(
    (p: { size: number; limit: number; on?: string }) =>
      `the annotations on ${p.on === "pod" ? "the service's pods" : p.on ? `every ${p.on}` : "every generated object"} would total ${p.size} bytes; Kubernetes accepts at most ${p.limit}`,
    "Shorten the annotations (and the description, which is one of them), or keep large data out of the manifest.",
  ),
  ENV_CONFLICT: entry(
    (p: { name: string; reason: "env-and-secrets" | "derived-twice" | "env-repeats-derived" | "secret-repeats-derived"; from?: string; other?: string; renamed?: string }) => {
      const what = p.renamed ? `app_settings.rename gives ${p.renamed} the name ${p.name}, which` : p.name;
      switch (p.reason) {
        case "env-and-secrets": return `${p.name} is set in both env and secrets`;
        case "derived-twice": return p.renamed ? `${what} ${p.other} already gives a variable` : `${p.name} would be set by both ${p.other} and ${p.from}`;
        case "env-repeats-derived": return p.renamed ? `${what} is already set in env` : `${p.name} is already set from ${p.from}`;
        case "secret-repeats-derived": return p.renamed ? `${what} is already set in secrets` : `${p.name} is already injected from ${p.from}`;
      }
    },
    "Each environment variable has one source; remove it from `env` or from `secrets`.",
    (p) =>
      p.renamed ? `Pick a name no other variable has for ${p.renamed}.`
      : p.reason === "derived-twice" ? "Rename one of them."
      : p.reason === "env-repeats-derived" ? `Remove it from \`env\` and set ${p.from} instead.`
      : p.reason === "secret-repeats-derived" ? `Remove it from \`secrets\`: ${p.from} provides it.`
      : undefined,
  ),
  DUPLICATE_NAME: entry(
    (p: { what?: string; name?: string; mount?: string }) => (p.mount !== undefined ? `${p.mount} is mounted twice` : `${p.what} "${p.name}" is declared twice`),
    "Names must be unique; rename or remove the repeat.",
  ),
  AFFINITY_VALUES: entry(
    (p: { where: string; operator: string; expects: "values" | "none" | "one-integer" }) =>
      p.expects === "values" ? `${p.where}: operator ${p.operator} needs \`values\``
      : p.expects === "none" ? `${p.where}: operator ${p.operator} takes no \`values\``
      : `${p.where}: operator ${p.operator} takes exactly one integer value`,
    "`In`/`NotIn` take a list of `values`; `Exists`/`DoesNotExist` take none; `Gt`/`Lt` take one integer (Kubernetes rejects the pod otherwise).",
  ),
  UNKNOWN_VOLUME: entry(
    (p: { where: string; volume: string; declared: string }) => `${p.where} mounts the volume "${p.volume}", which is not declared (volumes: ${p.declared})`,
    "Mount a volume declared under `volumes` (by name), or declare it there.",
  ),
  UNKNOWN_PORT: entry(
    (p: { where: string; port?: string; declared: string; probe?: boolean }) =>
      p.port === undefined ? `${p.where} names no port and there is no single obvious one`
      : p.probe ? `${p.where} probes port ${p.port}, which is not declared (ports: ${p.declared})`
      : `${p.where} ${p.port} is not declared (ports: ${p.declared})`,
    "Refer to a port declared under `ports` (by name or number).",
    (p) => (p.port !== undefined ? undefined : p.declared === "none declared" ? "Declare the port under `ports`." : "Add `port:` to the probe, or mark one port `expose: true`."),
  ),
  PORT_PROTOCOL: entry(
    (p: { where: string; port: string; protocol: string; use: "probe" | "scrape" | "route" }) =>
      `${p.where} uses port ${p.port}, which is ${p.protocol}: ` +
      (p.use === "route" ? "the Ingress or Gateway routes HTTP over TCP only, so every request would fail"
      : p.use === "scrape" ? "Prometheus scrapes over TCP only, so every scrape would fail"
      : "the kubelet probes over TCP only, so every probe would fail"),
    "Point it at a TCP port (an HTTP, gRPC or TCP health or metrics endpoint), or probe with `exec`.",
    (p) => (p.use === "route" ? "Expose a TCP port; publish a UDP port with `ports[].publish` (a LoadBalancer or NodePort Service) instead." : undefined),
  ),
  PROBE_HANDLER: entry(
    (p: { where: string; handlers: string }) => `${p.where} ${p.handlers ? `has ${p.handlers}` : "says neither how nor what to probe"}`,
    "Give exactly one of `path` (HTTP), `tcp: true`, `grpc` or `exec`.",
  ),
  PATCH_TARGET: entry(
    (p: { reason: "none" | "ambiguous"; target: string; candidates: string; suggestion?: string }) =>
      p.reason === "none" ? `the patch targets ${p.target}, which matches no object (objects: ${p.candidates || "none"})` : `the patch targets ${p.target}, which matches several objects (${p.candidates})`,
    "Name one object berth generates (or one of `extra_objects`) by `kind` and `name`, as written in the kubernetes/ output.",
    (p) => (p.reason === "ambiguous" ? "Add `target.name` to say which one." : p.suggestion ? `Did you mean ${p.suggestion}? Name one object berth generates (or one of \`extra_objects\`) by \`kind\` and \`name\`, as written in the kubernetes/ output.` : undefined),
  ),
  PATCH_FAILED: entry(
    (p: { target: string; op: string; pointer: string; reason: string }) => {
      const what = `the ${p.op} operation on ${p.target}`;
      switch (p.reason) {
        case "missing-path": return `${what} fails: ${p.pointer} does not exist in the object`;
        case "missing-from": return `${what} fails: its \`from\` (${p.pointer}) is missing or does not exist in the object`;
        case "out-of-bounds": return `${what} fails: ${p.pointer} is past the end of the list`;
        case "bad-index": return `${what} fails: ${p.pointer} is not a list index`;
        case "test-failed": return `${what} fails: the value at ${p.pointer} is not the one the test expects`;
        case "missing-value": return `${what} fails: it needs a \`value\``;
        case "empty": return `the patch on ${p.target} changes nothing: it has neither \`json_patch\` nor \`merge_patch\``;
        case "forbidden": return `${what} is refused: it would change an object prototype`;
        default: return `${what} cannot be applied at ${p.pointer}`;
      }
    },
    "Fix the operation against the object as berth generates it (see the kubernetes/ output, or run without the patch): paths are RFC 6901 JSON pointers, list items by index, `-` to append.",
    (p) =>
      p.reason === "empty" ? "Add `json_patch` (RFC 6902 operations) or `merge_patch` (RFC 7396), or remove the patch."
      // The usual case: an annotation or label added to an object that has none yet.
      : p.reason === "missing-path" && p.op === "add" ? "`add` creates only the last segment of its path: add the parent first (`{ op: add, path: /metadata/annotations, value: {} }`), or use `merge_patch`, which creates what is missing."
      : p.reason === "missing-value" ? "Give the operation a `value` (`add`, `replace` and `test` take one)."
      : undefined,
  ),
  KUBE_OBJECT_INVALID: entry(
    (p: { object: string; pointer: string; reason: string; by: "patch" | "extra"; detail?: string }) => {
      const subject = p.by === "patch" ? `after the patch, ${p.object}` : `the extra object ${p.object}`;
      switch (p.reason) {
        case "identity-changed": return `the patch changes ${p.pointer} of ${p.object}: other objects and outputs refer to it by its kind, name and namespace`;
        case "not-an-object": return `${subject} is not an object`;
        case "api-version": return `${subject} has no valid apiVersion`;
        case "kind": return `${subject} has no valid kind`;
        case "name": return `${subject} has an invalid metadata.name (a DNS-1123 subdomain: lowercase letters, digits, \`-\` and \`.\`, at most 253 characters)`;
        case "namespace": return `${subject} has an invalid metadata.namespace (a DNS-1123 label)`;
        case "label-key": return `${subject} has an invalid label key at ${p.pointer}`;
        case "label-value": return `${subject} has an invalid label value at ${p.pointer} (at most 63 letters, digits, \`-\`, \`_\` or \`.\`, starting and ending alphanumeric)`;
        case "annotation-key": return `${subject} has an invalid annotation key at ${p.pointer}`;
        case "annotation-value": return `${subject} has an annotation at ${p.pointer} that is not a string`;
        case "annotations-too-large": return `${subject} has annotations over the 256 KiB Kubernetes accepts`;
        case "no-containers": return `${subject} runs a pod without containers (${p.pointer})`;
        case "container-name": return `${subject} has a container without a valid name at ${p.pointer} (a DNS-1123 label)`;
        case "container-image": return `${subject} has a container without an image at ${p.pointer}`;
        case "duplicate-container": return `${subject} has two containers named alike (${p.pointer})`;
        case "data-key": return `${subject} has an invalid key at ${p.pointer} (at most 253 letters, digits, \`-\`, \`_\` or \`.\`, not \`.\` or starting \`..\`, and in one of its maps only)`;
        case "selector-mismatch": return `${subject} has a selector (/spec/selector) that does not select its own pod template's labels (/spec/template/metadata/labels)`;
        case "schema": return `${subject} does not match the Kubernetes schema of its kind: ${p.pointer || "the object"} ${p.detail ?? "is invalid"}`;
        default: return `${subject} is invalid at ${p.pointer}`;
      }
    },
    "The API server would reject the object: fix the patch or the extra object so the result is a valid Kubernetes object.",
    (p) => (p.reason === "identity-changed" ? "Leave apiVersion, kind, name and namespace alone; add an extra object for a differently named one." : undefined),
  ),
  EXTRA_OBJECT_COLLISION: entry(
    (p: { object: string; with: "generated" | "extra" | "file"; other?: string; file?: string }) =>
      p.with === "generated" ? `the extra object ${p.object} has the kind and name of an object berth generates`
      : p.with === "file" ? `the extra object ${p.object} would be written to ${p.file}, the file of ${p.other} (their kinds differ only in case)`
      : `the extra object ${p.object} is declared twice`,
    "Give the extra object another name, or change berth's object with a `patches` entry instead.",
  ),
  EXPOSURE_NOT_COUNTED: entry(
    (p: { object: string; what: "service" | "edge" | "service-ports" | "container-ports"; by: "patch" | "extra" }) =>
      p.what === "edge" ? `the extra object ${p.object} routes traffic to the service, and the NetworkPolicy does not admit it`
      : p.what === "service" ? `the extra object ${p.object} is a Service in front of the service's pods, and the NetworkPolicy does not admit what it publishes`
      : p.what === "container-ports" ? `the patch changes the container ports of ${p.object}, and the NetworkPolicy and the Services are built from the manifest's ports`
      : `the patch changes the ports or type of ${p.object}, and the NetworkPolicy is built from the manifest's ports`,
    "berth opens the NetworkPolicy for what `ports`, `expose` and `network.allow_from` declare. Declare the traffic there, or add the rule with a patch on the NetworkPolicy (then waive this warning).",
  ),
  FIELD_NOT_APPLICABLE: entry(notApplicable, "Remove the key; it has no effect here.", notApplicableAdvice),
  RANGE_ORDER: entry(
    (p: { reason: "replicas" | "pool" | "request" | "retry"; low: string; high: string; resource?: string; queue?: string; container?: string; defaulted?: "request" | "limit" }) => {
      switch (p.reason) {
        case "replicas": return `autoscaling allows ${p.low} to ${p.high} replicas: the minimum exceeds the maximum`;
        case "pool": return `database.pool.min (${p.low}) exceeds database.pool.max (${p.high})`;
        case "request":
          return `${p.container ? `${p.container}: ` : ""}${p.resource} request ${p.low} exceeds the limit ${p.high}${p.defaulted ? ` (berth's default ${p.defaulted}, since none is written): the API server rejects the pod` : ""}`;
        case "retry": return `queue ${p.queue}: retry delay ${p.low} exceeds max_delay ${p.high}`;
      }
    },
    "The lower bound must not exceed the upper bound.",
    (p) => (p.reason === "request" && p.defaulted ? `Write the ${p.defaulted} too: berth's default ${p.defaulted} does not follow the bound you wrote.` : undefined),
  ),
  IMPLAUSIBLE_RESOURCE: entry(
    (p: { where: string; written: string; resource: "cpu" | "memory"; direction: "small" | "large"; bound: string; suggestion?: string }) =>
      p.resource === "memory"
        ? p.direction === "small"
          ? `${p.where} is ${p.written}, less than ${p.bound}: no container runs in that little memory`
          : `${p.where} is ${p.written}, more than ${p.bound}: larger than nearly any node`
        : p.direction === "small"
          ? `${p.where} is ${p.written}, less than ${p.bound}: Kubernetes counts CPU in steps of 1m (0.001 cores)`
          : `${p.where} is ${p.written}, more than ${p.bound}: larger than nearly any node, so the pod would never be scheduled`,
    "Check the unit: memory as `256Mi` or `2Gi`, CPU as millicores (`250m`) or cores (`0.5`).",
    (p) =>
      p.suggestion
        ? `Did you mean \`${p.suggestion}\`? ${p.resource === "cpu" ? "A bare number counts whole cores; `m` is millicores." : "Check the unit: `Ki`, `Mi`, `Gi` and `Ti` are 1024 times apart."}`
        : undefined,
  ),
  GRACE_PERIOD_TOO_SHORT: entry(
    (p: { graceSeconds: number; neededSeconds: number; object?: string }) =>
      `grace period ${p.graceSeconds}s${p.object ? ` (${p.object}, set by an escape hatch)` : ""} does not exceed shutdown timeout + drain (${p.neededSeconds}s); Kubernetes would kill pods mid-shutdown`,
    "Make `shutdown.grace_period` longer than `shutdown.timeout` + `shutdown.drain`, or omit it to derive it.",
    (p) => (p.object ? "Remove terminationGracePeriodSeconds from the patch (berth derives it from `shutdown`), or make it longer than `shutdown.timeout` + `shutdown.drain`." : undefined),
  ),
  RESERVED_ENVIRONMENT_NAME: entry(
    (p: { name: string }) => `an environment cannot be named ${p.name}: <out>/<service>/${p.name}/ holds the service's Helm chart`,
    "Rename the environment (e.g. `helm-test`).",
  ),
  DEFAULT_ENV_WITH_ENVIRONMENTS: entry(() => "default_environment has no effect when environments are declared", "Remove `default_environment`: with `environments` declared, each of them is compiled."),
  EXPOSE_PORT: entry(
    (p: { reason: "several" | "no-expose-block" | "only-port-not-exposed" | "no-target"; port?: string; ports?: number }) => {
      switch (p.reason) {
        case "several": return "more than one port is marked `expose: true`";
        case "no-expose-block": return `port ${p.port} is marked \`expose: true\` but there is no \`expose\` block`;
        case "only-port-not-exposed": return `port ${p.port} says \`expose: false\`, but it is the only port and \`expose\` routes to it`;
        case "no-target": return p.ports ? "expose has no target: no port is marked `expose: true`" : "expose has no target: no ports are declared";
      }
    },
    "Mark exactly one port `expose: true` (or declare a single port).",
    (p) =>
      p.reason === "no-expose-block" ? "Add `expose: { hosts: [...], ingress: { class: ... } }`, or remove `expose: true`."
      : p.reason === "only-port-not-exposed" ? "Remove `expose: false`, or remove the `expose` block."
      : undefined,
  ),
  EXPOSE_ROUTE: entry(() => "expose says where (hosts) but not how: neither gateway nor ingress", "Say how traffic arrives: add `expose.gateway` (Gateway API) and/or `expose.ingress`."),
  GATEWAY_HOSTS_LIMIT: entry(
    (p: { hosts: number; limit: number }) => `${p.hosts} hosts for one HTTPRoute: the Gateway API allows at most ${p.limit} hostnames per route, and the API server refuses more`,
    "Serve some of the hosts from another service, or a wildcard (`*.example.com`) that covers several; an Ingress (`expose.ingress`) has no such limit.",
  ),
  DATABASE_INCOMPLETE: entry(
    (p: { reason: "sqlite-path" | "url" | "migrations-command" | "cnpg-cluster" | "sessions"; engine?: string }) => {
      switch (p.reason) {
        case "sqlite-path": return "a SQLite database needs `path`";
        case "url": return `a ${p.engine} database needs \`url\` (a Secret reference)`;
        case "migrations-command": return "migrations run as a job but no `command` says how";
        case "cnpg-cluster": return "`managed_by: cloudnative-pg` needs the Cluster's name in `cluster`";
        case "sessions": return "sessions in the database need a `database` block";
      }
    },
    "Complete the database block as the hint says.",
    (p) =>
      p.reason === "sqlite-path" ? "Add `path:` on a persistent volume, e.g. `/data/app.db`."
      : p.reason === "url" ? "Add `url: { secret: <name>, key: <key> }`."
      : p.reason === "migrations-command" ? "Add `command: [\"./app\", \"migrate\"]`, or set `mode: external`."
      : p.reason === "cnpg-cluster" ? "Add `cluster: <cluster-name>`."
      : undefined,
  ),
  CONFIG_FILE_SOURCE: entry((p: { path: string }) => `config file ${p.path} needs exactly one of content or secret`, "Give a config file either `content` or `secret`, not both and not neither."),
  DISRUPTION_BOTH: entry(() => "disruption gives both min_available and max_unavailable", "Give `min_available` or `max_unavailable`, not both."),
  RATE_LIMIT_HEADER: entry(() => "rate_limit.key is header but no header is named", "With `key: header`, name the header in `rate_limit.header`."),
  INVALID_PEER: entry(
    (p: { both: boolean }) => (p.both ? "a peer is either a service/namespace or a cidr, not both" : "a peer needs a service, a namespace or a cidr"),
    "Name a peer by `service` (optionally with `namespace`), by `namespace` alone, or by `cidr`.",
  ),
  CACHE_URL: entry(
    (p: { reason: "redis-url" | "sessions" }) => (p.reason === "sessions" ? "sessions in redis need the redis cache (`cache: { backend: redis, url: … }`)" : "a redis cache needs `url`"),
    "A redis cache needs `cache.url` (a Secret reference).",
  ),
  DEPENDENCY_UNREACHABLE: entry(
    (p: { dependency: string; port: number; database: boolean }) => `the NetworkPolicy allows no egress to ${p.dependency} (port ${p.port}): every connection to it would be dropped`,
    "Declare where it is in `network.egress` (a `cidr` or an in-cluster `service`/`namespace`, with its port), or set `network.open_egress: true`.",
    (p) =>
      `Declare where it is in \`network.egress\`, e.g. \`{ cidr: 10.0.0.0/24, ports: [${p.port}] }\` (or an in-cluster \`{ service, namespace, ports: [${p.port}] }\`)${p.database ? ", use `managed_by: cloudnative-pg`" : ""}, or set \`network.open_egress: true\`.`,
  ),
  SLI_QUERIES: entry(
    (p: { slo: string; reason: "good-or-bad" | "no-window"; query?: string }) =>
      p.reason === "good-or-bad"
        ? `custom SLO ${p.slo} needs exactly one of \`good\` and \`bad\` (the events it counts against \`total\`)`
        : `custom SLO ${p.slo}: \`${p.query}\` has no \`{{.window}}\`, so every burn-rate window would read the same range`,
    "Give `good` (or `bad`) and `total` as rates over `{{.window}}`, e.g. `sum(rate(checkout_total{result=\"ok\"}[{{.window}}]))`.",
  ),
  RESERVED_LABEL: entry(
    (p: { label: string; field?: string }) => `label ${p.label} is set by berth: the workload's selector and tools that find the service depend on it`,
    "Remove it (berth derives its labels from `name`, `part_of`, `team` and the environment), or use a key of your own.",
    (p) => (p.field ? `Remove it from \`${p.field}\`, or use a key of your own (not \`app.kubernetes.io/*\` or \`berth.dev/*\`).` : undefined),
  ),
  RESERVED_ANNOTATION: entry(
    (p: { annotation: string; field: string }) => `annotation ${p.annotation} is under berth.dev/, which berth keeps for its own annotations (the pods' configuration digest, owner, description)`,
    "Use a key of your own prefix (`example.com/…`).",
    (p) => `Remove it from \`${p.field}\`, or use a key of your own prefix (\`example.com/…\`).`,
  ),
  UNKNOWN_APP_SETTING: entry(
    (p: { name: string; field: "rename" | "exclude"; guess?: string }) =>
      `${p.name} is not a variable berth passes to the application${p.guess ? ` (did you mean "${p.guess}"?)` : ""}, so app_settings.${p.field} has nothing to ${p.field === "rename" ? "rename" : "leave out"}`,
    "Name a variable from the README's \"Application environment\" table (berth's name, before any prefix); scheduled jobs, queues and circuit breakers give theirs by name.",
    (p) => (p.guess ? `Rename it to "${p.guess}".` : undefined),
  ),
  STRATEGY_NEEDS_SERVICE: entry(
    (p: { strategy: string }) => `deploy.strategy ${p.strategy} switches traffic between Services, but the service declares no ports, so there are none`,
    "Declare the port the service listens on under `ports`, or use `strategy: rolling`.",
  ),
  INVALID_CRON: entry(
    (p: { detail: string }) => p.detail,
    "Write 5 cron fields (`minute hour day-of-month month day-of-week`, e.g. `0 2 * * *`) or `hourly`/`daily`/`weekly`/`monthly`.",
  ),
  // Waivers and severity overrides
  UNUSED_WAIVER: entry(
    (p: { rule: string; environments: string }) => `waiver for ${p.rule} waives nothing: the rule passes or does not apply in every environment it covers (${p.environments})`,
    "Remove the waiver: no environment needs it now.",
  ),
  UNKNOWN_RULE: entry(
    (p: { rule: string; in: "waiver" | "severity"; guess?: string }) =>
      p.in === "waiver" ? `no rule or diagnostic code is called ${p.rule}` : `no checklist rule is called ${p.rule}${p.guess ? ` (did you mean "${p.guess}"?)` : ""}`,
    "Check the rule id against `berth explain --list`.",
    (p) => (p.guess ? `Rename it to "${p.guess}".` : undefined),
  ),
  // Backups
  BACKUP_SCHEDULE_NEVER_RUNS: entry(
    (p: { schedule: string; expression: string }) => `${p.schedule} "${p.expression}" never runs: no date matches it`,
    "Pick days that exist: this schedule names no date on the calendar (e.g. February 30).",
  ),
  BACKUP_RPO_NEEDS_PITR: entry(
    (p: BackupGapParams & { shortestGap: string; pitrDeclared: boolean }) =>
      `rpo ${p.rpo} is shorter than any interval between backups (${schedules(p)}: at least ${p.shortestGap}, at most ${p.longestGap}) and point-in-time recovery is ${p.pitrDeclared ? "declared but there is no database for it to cover" : "off"}`,
    "No schedule of whole backups is that frequent: set `pitr: true` (continuous WAL archiving, PostgreSQL on CloudNativePG) or raise `rpo` to the schedule's longest gap.",
  ),
  BACKUP_GAP_EXCEEDS_RPO: entry(
    (p: BackupGapParams & { reason: "gap" | "volumes-behind-pitr" | "archive-timeout"; longestFrom?: string; archiveTimeout?: string }) => {
      const longest = `${p.longestGap} (from ${p.longestFrom})`;
      switch (p.reason) {
        case "archive-timeout": return `rpo ${p.rpo} is shorter than the ${p.archiveTimeout} CloudNativePG waits before archiving a WAL segment (archive_timeout)`;
        case "volumes-behind-pitr": return `point-in-time recovery covers the database, but volume data is only as recent as the last backup: ${schedules(p)} leave gaps up to ${longest}, longer than rpo ${p.rpo}`;
        case "gap": return `${schedules(p)} leave a gap of ${longest} between backups, longer than rpo ${p.rpo}`;
      }
    },
    "Run backups more often (or on every day) so the longest gap fits the RPO, add an `extra_schedules` entry, or raise `rpo`.",
    (p) => (p.reason === "archive-timeout" ? "Lower `archive_timeout` in the Cluster's postgresql.parameters (CloudNativePG's default is 5min), or raise `rpo` to 5m." : undefined),
  ),
  BACKUP_RETENTION_TOO_SHORT: entry(
    (p: { schedule: string; retention: string; defaultRetention: boolean; longestGap: string }) =>
      `${p.schedule}: retention ${p.retention}${p.defaultRetention ? " (the default)" : ""} does not outlast the longest gap between its runs (${p.longestGap}): each backup expires before the next one exists`,
    "Keep each backup longer than the longest gap between runs, so a restorable backup always exists.",
  ),
  BACKUP_STORAGE_MISSING: entry(
    () => "backups are enabled but `backup.storage` is not declared: Velero would use its default location, which berth cannot check",
    "Declare `backup.storage` (provider, bucket, region) so the backups' destination is part of the manifest.",
  ),
  BACKUP_KEY_WITH_DATA: entry(
    (p: { secret: string; field: string }) => `the backup encryption key is in Secret "${p.secret}", the same Secret as database.${p.field}`,
    "Keep the backup encryption key in its own Secret, not in the database's: whoever can read one must not read both.",
  ),
  BACKUP_NO_DATABASE_PATH: entry(
    (p: { reason: "pitr-not-cnpg" | "pitr-no-storage" | "rpo-no-path" | "logical-no-storage" | "no-schedule-covers" | "covers-nothing"; engine?: string; rpo?: string; what?: string }) => {
      switch (p.reason) {
        case "pitr-not-cnpg": return p.engine ? `\`pitr: true\`, but nothing berth generates archives WAL for this ${p.engine} database: point-in-time recovery needs PostgreSQL managed by CloudNativePG` : "`pitr: true`, but the service declares no database to recover to a point in time";
        case "pitr-no-storage": return "`pitr: true`, but WAL archiving has no destination: the barman-cloud ObjectStore needs `backup.storage` (on Azure with its blob `endpoint`)";
        case "rpo-no-path": return `rpo ${p.rpo} is declared, but berth backs up no copy of the ${p.engine} database: the promise rests on nothing it generates`;
        case "logical-no-storage": return "the logical backup uploads its dumps to `backup.storage`, which is not declared";
        case "no-schedule-covers": return `no backup schedule covers \`database\`, so ${p.what} never runs`;
        case "covers-nothing": return `this schedule covers \`database\`, but berth backs up no database here (${p.what})`;
      }
    },
    "Give the database a backup path berth generates, or withdraw the claim.",
    (p) =>
      p.reason === "pitr-not-cnpg" ? "Set `pitr: false` (an external provider's point-in-time recovery is outside berth), or run PostgreSQL on CloudNativePG (`database.managed_by: cloudnative-pg`)."
      : p.reason === "pitr-no-storage" ? "Declare `backup.storage: { provider, bucket, … }`."
      : p.reason === "rpo-no-path" ? (p.engine === "PostgreSQL" ? "Declare `backup.logical: {}` (a pg_dump CronJob), or remove `rpo` if the provider's backups are the promise." : "Remove `rpo`: berth cannot back up this database, so it cannot judge the promise.")
      : p.reason === "logical-no-storage" ? "Declare `backup.storage: { provider, bucket, … }`."
      : p.reason === "no-schedule-covers" ? "Add `database` to `covers` of the main schedule or of an extra schedule."
      : "Remove `database` from `covers`.",
  ),
  BACKUP_WAL_ARCHIVER_EXTERNAL: entry(
    (p: { cluster: string; objectStore: string }) => `WAL archiving (pitr) depends on Cluster "${p.cluster}", which berth does not own, listing the barman-cloud plugin with ObjectStore "${p.objectStore}"`,
    "Let berth own the Cluster (`database.cloudnative_pg`), or apply the plugin patch in backup/recovery.md to it: until then no WAL is archived.",
  ),
  BACKUP_SNAPSHOTS_EXTERNAL: entry(
    (p: { cluster: string }) => `the database backups (cold volume snapshots, no pitr) depend on Cluster "${p.cluster}", which berth does not own, having a \`backup.volumeSnapshot\` section: CloudNativePG fails them without it`,
    "Let berth own the Cluster (`database.cloudnative_pg`), or apply the patch in backup/recovery.md to it.",
  ),
  BACKUP_STORAGE_ACCOUNT_MISSING: entry(
    () => "Velero's Azure plugin needs the storage account, and no `backup.storage.endpoint` of the form https://<account>.blob.core.windows.net names it: the BackupStorageLocation is unavailable and every backup fails",
    "Set `backup.storage.endpoint` to the storage account's blob endpoint, e.g. `https://acmebackups.blob.core.windows.net`.",
  ),
  BACKUP_COLD_SNAPSHOT_PRIMARY: entry(
    (p: { cluster: string }) => `Cluster "${p.cluster}" has one instance and no pitr: its backups are cold volume snapshots of the primary, which CloudNativePG fences (shuts down) for each snapshot, so the database is down at every scheduled backup`,
    "Run two or more instances (the snapshot is taken on a standby), or turn on `pitr` with `backup.storage` (online base backups through barman-cloud).",
  ),
  BACKUP_NO_DRILL: entry(
    () => "no restore drill cadence is declared for a production service: the RTO is unproven",
    "Declare `backup.drills: { cadence: 90d }` and record the last restore test (`last`, `evidence`): an untested backup is a hope.",
  ),
} as const;

/** The schedules an RPO finding is about: one (its cron expression) or all of them together. */
type BackupGapParams = { rpo: string; schedules: number; expression: string; longestGap: string };

function schedules(p: BackupGapParams): string {
  return p.schedules > 1 ? "the backup schedules together" : `schedule "${p.expression}"`;
}

type NotApplicable = {
  /** The key that has no effect, as users write it (`database.url`). */
  field: string;
  reason:
    | "alert-needs" // the alert `field` needs `needs`
    | "error-statuses-grpc" // `statuses` matches no gRPC status in `label`; `needs`: what reads the failed-request ratio
    | "scrape-interval-too-long" // `interval` leaves fewer than four scrapes in the `window` that `needs` rate over
    | "patch-operation" // `from` or `value` on a JSON patch operation `op` that does not take it
    | "slo-needs-metrics"
    | "not-with-sqlite"
    | "sqlite-only"
    | "cnpg-only" // used only with managed_by: cloudnative-pg
    | "cnpg-postgres-only"
    | "cnpg-port" // database.port with managed_by: cloudnative-pg
    | "migrations-mode" // `mode`
    | "issuer-needs-ingress"
    | "rate-limit-header"
    | "memory-cache"
    | "cronjob-lock" // `job`
    | "tls-one-of"
    | "http-probe-only"
    | "exec-probe-port"
    | "success-threshold"
    | "strategy" // `strategy`, `usedBy`
    | "observe-auto-only"
    | "analysis-only" // monitoring.prometheus_address without a rollout analysis
    | "logical-external-postgres" // backup.logical without an external PostgreSQL
    | "needs-include-volumes"
    | "selector-whole-namespace"
    | "database-credentials-unused"
    | "encryption-key-unused" // backup.encryption_key without a logical backup
    | "headless-cluster-ip"
    | "in-app-job" // `job`
    | "required-weight"
    | "tier-unused" // `tiers`: the tiers the manifest's environments have
    | "required-term-weight" // affinity.pods[i].weight on a `required: true` term
    | "no-load-balancer"
    | "app-settings-off" // app_settings.inject is false
    | "excluded-rename"; // `variable` is both renamed and excluded
  needs?: string;
  usePath?: boolean;
  mode?: string;
  job?: string;
  strategy?: string;
  usedBy?: string;
  serviceType?: string;
  variable?: string;
  tiers?: string;
  op?: string;
  statuses?: string;
  label?: string;
  interval?: string;
  window?: string;
  most?: string;
};

function notApplicable(p: NotApplicable): string {
  switch (p.reason) {
    case "alert-needs": return `the ${p.field} alert needs ${p.needs}`;
    case "scrape-interval-too-long": return `${p.field} is ${p.interval}: a ${p.window} range then holds fewer than four scrapes, so ${p.needs} (rates over ${p.window}) read nothing or flap whenever a scrape is late or missed`;
    case "error-statuses-grpc": return `${p.field} is "${p.statuses}", which matches no gRPC status in ${p.label}: ${p.needs} can never see a failed request`;
    case "slo-needs-metrics": return "SLOs need `monitoring.metrics` (they are computed from scraped requests)";
    case "not-with-sqlite": return `${p.field} has no effect with SQLite${p.usePath ? " (use `path`)" : ""}`;
    case "sqlite-only": return `${p.field} applies to SQLite only`;
    case "cnpg-only": return `${p.field} is used only with \`managed_by: cloudnative-pg\``;
    case "cnpg-postgres-only": return "CloudNativePG manages PostgreSQL only";
    case "cnpg-port": return `${p.field} has no effect with \`managed_by: cloudnative-pg\`: berth opens the cluster's pods on 5432, where CloudNativePG's PostgreSQL and pooler listen`;
    case "migrations-mode": return `${p.field.replace(/^database\./, "")} is used only with \`mode: job\`, by the migration Job (mode is ${p.mode})`;
    case "issuer-needs-ingress": return "expose.tls.issuer is applied through the Ingress (a cert-manager annotation); an HTTPRoute cannot carry it";
    case "rate-limit-header": return "rate_limit.header is used only with `key: header`";
    case "memory-cache": return `${p.field} has no effect with a memory cache`;
    case "cronjob-lock": return `job ${p.job} runs as a CronJob (it has a command), so \`lock\` has no effect`;
    case "tls-one-of": return "expose.tls needs exactly one of secret or issuer";
    case "http-probe-only": return `${p.field} applies to HTTP probes (\`path\`) only`;
    case "exec-probe-port": return `${p.field} has no effect on an exec probe`;
    case "success-threshold": return `${p.field} must be 1 (Kubernetes allows more for readiness only)`;
    case "strategy": return `${p.field} has no effect with strategy ${p.strategy} (used by ${p.usedBy})`;
    case "observe-auto-only": return "deploy.observe is used only with promotion: auto";
    case "analysis-only": return `${p.field} is read only by the rollout analysis (blue-green or canary with \`deploy.auto_revert\` and \`monitoring.metrics\`), and there is none`;
    case "logical-external-postgres": return `${p.field} backs up an external PostgreSQL (\`database.engine: postgres\`, \`managed_by: external\`, a \`url\`) only`;
    case "needs-include-volumes": return `${p.field} says how volume data is taken, but \`backup.include_volumes\` is off`;
    case "selector-whole-namespace": return `${p.field} has no effect with \`whole_namespace: true\` (every object is taken)`;
    case "encryption-key-unused": return `${p.field} is used by the logical backup (pg_dump, encrypted by rclone) only, and there is none: Velero and CloudNativePG's barman-cloud backups take no encryption key, so nothing is encrypted with it`;
    case "database-credentials-unused": return `${p.field} is used by the database backups (WAL archive or logical backup) only, and there are none`;
    case "tier-unused": return `${p.field} has no effect: no environment it applies to has that tier (tiers here: ${p.tiers})`;
    case "required-weight": return `${p.field} has no effect: a required node requirement always holds (weights rank preferences)`;
    case "required-term-weight": return `${p.field} has no effect: the term is \`required: true\`, and weights rank preferred terms only`;
    case "in-app-job": return `job ${p.job} has no command: the application runs it, so ${p.field} (a CronJob setting) has no effect`;
    case "headless-cluster-ip": return `${p.field} applies to a ClusterIP Service only (service.type is ${p.serviceType})`;
    case "app-settings-off": return `${p.field} has no effect: app_settings.inject is false, so no setting is passed`;
    case "excluded-rename": return `${p.variable} is excluded, so renaming it has no effect`;
    case "patch-operation": return `${p.field} has no effect on a JSON patch \`${p.op}\` operation`;
    case "no-load-balancer": return `${p.field} configures LoadBalancer Services, and there is none (no \`service.type: LoadBalancer\`, no port published by one)`;
  }
}

function notApplicableAdvice(p: NotApplicable): string | undefined {
  switch (p.reason) {
    case "alert-needs": return `Declare ${p.needs}, or remove the alert.`;
    case "scrape-interval-too-long": return `Scrape at most every ${p.most} (e.g. \`interval: 30s\`).`;
    case "error-statuses-grpc": return 'Set `monitoring.metric_names.error_statuses` to the gRPC codes that count as failures, e.g. "Unknown|DeadlineExceeded|Internal|Unavailable|DataLoss".';
    case "issuer-needs-ingress": return "With a Gateway only, issue the certificate on the Gateway's listener and name its Secret in `expose.tls.secret` (the certificate-expiry alert watches it).";
    case "cronjob-lock": return "A CronJob runs once per schedule by itself; remove `lock`, or drop `command` to run the job in the application.";
    case "in-app-job": return "Add `command` to run the job as a CronJob, or remove the key.";
    case "success-threshold": return "Remove it, or move the requirement to the readiness probe.";
    case "tier-unused": return "Remove it, or give an environment that tier (`tier:` in its overlay).";
    case "required-term-weight": return "Remove `weight`, or set `required: false` to make the term a weighted preference.";
    case "encryption-key-unused": return "Remove it and encrypt the backups at rest in the bucket (default encryption, a KMS key; the ObjectStore asks S3 for AES256), or declare `backup.logical` for an external PostgreSQL.";
    default: return undefined;
  }
}
