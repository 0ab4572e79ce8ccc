/** The manifest `berth init` writes. `{{name}}` is replaced by the service name. It must validate as written. */
export const STARTER_YAML = `# berth service manifest: describe the service once; \`berth compile\` writes the rest.
# Editor completion and hover docs: run \`berth schema > berth.schema.json\` and keep the next line.
# yaml-language-server: $schema=berth.schema.json
apiVersion: berth/v1
kind: Service
name: {{name}}
team: my-team                       # owning team: labels every object and routes every alert
description: What {{name}} does, in one sentence.
image: ghcr.io/my-org/{{name}}:0.1.0  # pin a version (or a digest), never \`latest\`
replicas: 2                         # at least 2 in production, to survive losing a node

ports:
  - { name: http, port: 8080 }       # add \`expose: true\` when the \`expose\` block below routes to it
  - { name: metrics, port: 9090 }

env:                                # plain configuration only
  FEATURE_FLAGS: ""
secrets:                            # credentials come from Kubernetes Secrets, never from this file
  API_TOKEN: { secret: {{name}}-secrets, key: api-token }

resources:
  requests: { cpu: 100m, memory: 128Mi }
  limits: { cpu: 500m, memory: 256Mi }

health:
  liveness: { path: /healthz, port: http, period: 10s, timeout: 2s }
  readiness: { path: /readyz, port: http, period: 5s, timeout: 2s }
  check_timeout: 1s                 # the app's own budget for answering a health check

shutdown:
  timeout: 30s                      # how long the app needs after SIGTERM
  drain: 5s                         # wait before SIGTERM so load balancers stop routing first

deploy:
  strategy: rolling                 # or blue-green, or canary
  auto_revert: true                 # canary and blue-green revert a failed release themselves; rolling only under \`helm upgrade --atomic\` (lint says so)

logging: { format: json, level: info }

monitoring:
  metrics: { port: metrics, path: /metrics }
  alerts:
    error_rate: { above: 1%, for: 5m }
    latency: { quantile: 0.95, above: 2s, for: 10m }
    restarts: { above: 5, window: 1h }

# Uncomment what the service needs; \`berth schema\` documents every key.
# expose:
#   hosts: [{{name}}.example.com]
#   tls: { issuer: letsencrypt }
#   ingress: { class: nginx }
# database:
#   engine: postgres
#   url: { secret: {{name}}-db, key: url }
#   ssl_mode: verify-full
#   migrations: { mode: job, command: ["./{{name}}", "migrate"] }
# network:                          # the pods may reach only what is declared here (and DNS)
#   egress: [{ cidr: 10.0.0.0/24, ports: [5432] }]   # where the database is
# backup:
#   schedule: "0 2 * * *"
#   retention: 30d
#   rpo: 24h
#   rto: 1h
#   logical: {}                     # a nightly pg_dump of the database, kept with the backups
#   storage: { provider: aws, bucket: my-org-backups, region: eu-west-1 }
#   drills: { cadence: 90d }        # then record each restore test: last, evidence

# Each environment is the settings above with its own overrides deep-merged in.
environments:
  staging: {}
  production:
    replicas: 3
`;
