# A self-hosted Git forge (Gitea): HTTP behind an Ingress and SSH on port 22 through its own LoadBalancer, repositories on a shared volume, a log-shipping sidecar and a directory-preparing init container, a nightly repository check with its own size, Postgres run by CloudNativePG with backups to S3, and three environments.
apiVersion         = "berth/v1"
kind               = "Service"
name               = "forge"
team               = "developer-platform"
owner              = "devplat-oncall@example.com"
description        = "Git hosting, code review and issue tracking for every team."
part_of            = "developer-platform"
image              = "docker.gitea.com/gitea:1.24.6-rootless"
replicas           = 2
priority_class     = "business-critical"
image_pull_secrets = ["registry-mirror"]
port "http" {
  port         = 3000
  app_protocol = "http"
  expose       = true
}
port "ssh" {
  port = 2222
  publish {
    type = "LoadBalancer"
    port = 22
  }
}

service {
  load_balancer {
    source_ranges           = ["10.0.0.0/8", "192.168.0.0/16"]
    external_traffic_policy = "Local"
    annotations             = { "service.beta.kubernetes.io/aws-load-balancer-scheme" = "internal" }
  }
}

env = {
  "GITEA__server__DOMAIN"          = "git.example.com"
  "GITEA__server__ROOT_URL"        = "https://git.example.com/"
  "GITEA__server__SSH_PORT"        = 22
  "GITEA__server__SSH_LISTEN_PORT" = 2222
  "GITEA__metrics__ENABLED"        = true
  "GITEA__log__ROOT_PATH"          = "/data/log"
}

secret "GITEA__security__SECRET_KEY" {
  secret = "forge-app"
  key    = "secret-key"
}
secret "GITEA__security__INTERNAL_TOKEN" {
  secret = "forge-app"
  key    = "internal-token"
}
secret "GITEA__database__HOST" {
  secret = "forge-db-app"
  key    = "host"
}
secret "GITEA__database__NAME" {
  secret = "forge-db-app"
  key    = "dbname"
}
secret "GITEA__database__USER" {
  secret = "forge-db-app"
  key    = "user"
}
secret "GITEA__database__PASSWD" {
  secret = "forge-db-app"
  key    = "password"
}

resources {
  requests {
    cpu    = "500m"
    memory = "1Gi"
  }
  limits {
    cpu    = "2"
    memory = "2Gi"
  }
}

volume "data" {
  mount         = "/data"
  size          = "200Gi"
  storage_class = "cephfs"
  access_mode   = "ReadWriteMany"
}

init_container {
  name    = "init-directories"
  image   = "docker.gitea.com/gitea:1.24.6-rootless"
  command = ["/bin/sh", "-c", "mkdir -p /data/git/repositories /data/lfs /data/log"]
  resources {
    requests {
      cpu    = "50m"
      memory = "32Mi"
    }
    limits {
      cpu    = "100m"
      memory = "64Mi"
    }
  }
  mounts = { "data" = "/data" }
}

sidecar {
  name  = "log-shipper"
  image = "cr.fluentbit.io/fluent/fluent-bit:4.0.9"
  args  = ["--config=/fluent-bit/etc/fluent-bit.yaml"]
  resources {
    requests {
      cpu    = "20m"
      memory = "32Mi"
    }
    limits {
      cpu    = "100m"
      memory = "64Mi"
    }
  }
  mounts = { "data" = "/data" }
}

affinity {
  node_required = [
    { "key" = "kubernetes.io/arch", "operator" = "In", "values" = ["amd64", "arm64"] },
  ]
  pods = [
    { "match" = { "app.kubernetes.io/name" = "forge" }, "anti" = true, "required" = true },
  ]
}

spread {
  zones = "preferred"
  hosts = "none"
}

health {
  liveness {
    path    = "/api/healthz"
    port    = "http"
    period  = "10s"
    timeout = "2s"
  }
  readiness {
    path    = "/api/healthz"
    port    = "http"
    period  = "5s"
    timeout = "2s"
  }
  startup {
    path              = "/api/healthz"
    port              = "http"
    period            = "5s"
    timeout           = "2s"
    failure_threshold = 60
  }
}

shutdown {
  timeout = "30s"
  drain   = "5s"
}

expose {
  hosts = ["git.example.com"]
  tls {
    issuer = "letsencrypt-prod"
  }
  ingress {
    class = "nginx"
  }
}

object_metadata {
  Ingress {
    annotations = {
      "nginx.ingress.kubernetes.io/proxy-body-size" = "512m"
      "nginx.ingress.kubernetes.io/limit-rps"       = "20"
    }
  }
}

network {
  egress {
    cidr  = "0.0.0.0/0"
    ports = [443]
  }
  egress {
    service   = "fluentd"
    namespace = "logging"
    ports     = [24224]
  }
}

database {
  engine     = "postgres"
  managed_by = "cloudnative-pg"
  cluster    = "forge-db"
  cloudnative_pg {
    instances = 2
    storage {
      size  = "20Gi"
      class = "premium-rwo"
    }
    resources {
      requests {
        cpu    = "250m"
        memory = "1Gi"
      }
      limits {
        cpu    = "1"
        memory = "1Gi"
      }
    }
  }
  url {
    secret = "forge-db-app"
    key    = "uri"
  }
  ssl_mode = "verify-full"
  pool {
    max = 20
    min = 2
  }
  max_connections = 100
  migrations {
    mode    = "job"
    command = ["/usr/local/bin/gitea", "migrate"]
    timeout = "10m"
    resources {
      requests {
        cpu    = "250m"
        memory = "256Mi"
      }
      limits {
        cpu    = "1"
        memory = "512Mi"
      }
    }
  }
}

backup {
  schedule        = "0 */6 * * *"
  retention       = "30d"
  pitr            = true
  rpo             = "6h"
  rto             = "2h"
  include_volumes = true
  storage {
    provider = "aws"
    bucket   = "acme-forge-backups"
    prefix   = "forge"
    region   = "eu-central-1"
    credentials {
      secret = "velero-aws-credentials"
      key    = "cloud"
    }
    database_credentials {
      secret = "forge-db-backup-s3"
    }
  }
  drills {
    cadence      = "90d"
    last         = "2026-10-20"
    evidence     = "https://wiki.example.com/devplat/restore-drills/2026-10-20-forge"
    measured_rto = "1h25m"
  }
}

scheduled_job "repo-check" {
  schedule = "30 3 * * *"
  command  = ["/usr/local/bin/gitea", "doctor", "check", "--all"]
  timeout  = "2h"
  resources {
    requests {
      cpu    = "250m"
      memory = "512Mi"
    }
    limits {
      cpu    = "1"
      memory = "1Gi"
    }
  }
  history {
    successful = 3
    failed     = 3
  }
}

monitoring {
  metrics {
    port     = "http"
    path     = "/metrics"
    interval = "30s"
  }
  runbook_base_url = "https://runbooks.example.com/forge"
  rule_labels      = { "release" = "prometheus" }
  alerts {
    error_rate {
      above = "2%"
      for   = "10m"
    }
    latency {
      quantile = 0.95
      above    = "2s"
      for      = "10m"
    }
    backup_failure {
    }
    certificate_expiry {
      within = "21d"
    }
  }
}

logging {
  format = "json"
  level  = "info"
}

extra_objects = [
  {
    "apiVersion" = "v1"
    "kind"       = "ConfigMap"
    "metadata"   = { "name" = "forge-log-shipper" }
    "data"       = {
      "fluent-bit.yaml" = <<EOT
pipeline:
  inputs:
    - name: tail
      path: /data/log/*.log
  outputs:
    - name: forward
      match: "*"
      host: fluentd.logging.svc.cluster.local
      port: 24224
EOT
    }
  },
]

patches = [
  {
    "target"     = { "kind" = "Deployment", "name" = "forge" }
    "json_patch" = [
      { "op" = "test", "path" = "/spec/template/spec/initContainers/1/name", "value" = "log-shipper" },
      {
        "op"    = "add"
        "path"  = "/spec/template/spec/volumes/-"
        "value" = { "name" = "log-shipper-config", "configMap" = { "name" = "forge-log-shipper" } }
      },
      {
        "op"    = "add"
        "path"  = "/spec/template/spec/initContainers/1/volumeMounts/-"
        "value" = { "name" = "log-shipper-config", "mountPath" = "/fluent-bit/etc", "readOnly" = true }
      },
    ]
  },
  {
    "target"      = { "kind" = "Deployment", "name" = "forge" }
    "merge_patch" = { "spec" = { "template" = { "spec" = { "enableServiceLinks" = false } } } }
  },
]

checklist {
  waiver {
    rule    = "rate-limit-enabled"
    reason  = "The ingress limits each client to 20 requests/s (object_metadata.Ingress, nginx limit-rps); Gitea has no limiter to pass a setting to."
    expires = "2027-06-30"
    owner   = "devplat-oncall@example.com"
  }
  waiver {
    rule    = "auth-preset"
    reason  = "Gitea authenticates every user itself (company OIDC; anonymous access is off in its configuration)."
    expires = "2027-06-30"
    owner   = "devplat-oncall@example.com"
  }
  waiver {
    rule    = "egress-restricted"
    reason  = "Webhooks and pull mirrors call arbitrary HTTPS hosts the teams configure."
    expires = "2027-06-30"
    owner   = "devplat-oncall@example.com"
  }
  waiver {
    rule    = "auto-revert"
    reason  = "The platform pipeline deploys the chart with `helm upgrade --atomic`, which reverts a failed rollout."
    expires = "2027-06-30"
    owner   = "devplat-oncall@example.com"
  }
  attestation {
    item     = "cluster-prerequisites"
    evidence = "https://wiki.example.com/platform/priority-classes"
    date     = "2026-10-02"
  }
}

app_settings {
  rename = {
    "DATABASE_ENGINE"            = "GITEA__database__DB_TYPE"
    "DATABASE_SSLMODE"           = "GITEA__database__SSL_MODE"
    "DATABASE_POOL_MAX"          = "GITEA__database__MAX_OPEN_CONNS"
    "DATABASE_POOL_MIN"          = "GITEA__database__MAX_IDLE_CONNS"
    "DATABASE_POOL_MAX_LIFETIME" = "GITEA__database__CONN_MAX_LIFETIME"
    "LOG_LEVEL"                  = "GITEA__log__LEVEL"
  }
  exclude = ["DATABASE_MIGRATE_ON_STARTUP", "DATABASE_POOL_IDLE_TIMEOUT", "LOG_FORMAT", "SHUTDOWN_TIMEOUT"]
}

environment "development" {
  logging {
    level = "debug"
  }
}
environment "staging" {
  image = "docker.gitea.com/gitea:1.25.0-rc0-rootless"
}
environment "production" {}
