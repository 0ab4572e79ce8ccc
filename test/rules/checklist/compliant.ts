/**
 * A production manifest that passes every checklist rule; each rule's test changes one thing. It ends
 * inside its `checklist` block, so a test adds waivers or severities by appending indented keys.
 */
export const COMPLIANT = `apiVersion: berth/v1
kind: Service
name: ledger
team: finance
image: ghcr.io/acme/ledger:1.4.2
priority_class: business-critical
replicas: 3
deploy: { strategy: canary }
ports:
  - { name: http, port: 8080, expose: true }
  - { name: metrics, port: 9090 }
resources:
  requests: { cpu: 250m, memory: 256Mi }
  limits: { cpu: "1", memory: 512Mi }
health:
  liveness: { path: /healthz, port: http, timeout: 2s }
  readiness: { path: /readyz, port: http, timeout: 2s }
  check_timeout: 1s
logging: { format: json }
expose:
  hosts: [ledger.example.com]
  tls: { issuer: letsencrypt }
  ingress: { class: nginx }
http:
  cors: { origins: [https://app.example.com] }
  rate_limit: { requests_per_second: 50, burst: 100 }
auth:
  preset: strict
  jwt_secret: { secret: ledger-auth, key: jwt }
  session_store: database
database:
  engine: postgres
  url: { secret: ledger-db, key: url }
  ssl_mode: verify-full
  pool: { max: 10 }
  max_connections: 100
  migrations: { mode: job, command: [./ledger, migrate] }
backup:
  schedule: "0 * * * *"
  retention: 14d
  rpo: 1h
  rto: 1h
  storage: { provider: aws, bucket: acme-backups, region: eu-west-1 }
  encryption_key: { secret: ledger-backup-key, key: key }
  logical: {}
  drills: { cadence: 90d, last: 2026-10-01, evidence: https://wiki.example.com/ledger/drill }
monitoring:
  metrics: { port: metrics }
  alerts:
    error_rate: { above: 1%, for: 5m }
network:
  egress:
    - { cidr: 10.20.0.0/24, ports: [5432] }
checklist:
  attestations:
    - { item: cluster-prerequisites, evidence: https://wiki.example.com/platform/priority-classes }
`;
