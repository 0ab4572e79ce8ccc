# Ledger on an external (self-hosted) PostgreSQL: a logical backup (pg_dump CronJob, encrypted upload to GCS) sized against the RPO, Velero scoped to the service plus its observability namespace, and a custom attestation.
apiVersion     = "berth/v1"
kind           = "Service"
name           = "ledger"
team           = "finance-platform"
owner          = "finance-oncall@example.com"
description    = "Double-entry ledger behind invoices and payouts."
image          = "ghcr.io/acme/ledger:3.4.1"
replicas       = 2
priority_class = "business-critical"

port "http" {
  port   = 8080
  expose = true
}
port "metrics" {
  port = 9090
}

resources {
  requests {
    cpu    = "200m"
    memory = "256Mi"
  }
  limits {
    cpu    = "1"
    memory = "512Mi"
  }
}

health {
  liveness {
    path    = "/healthz"
    port    = "http"
    timeout = "2s"
  }
  readiness {
    path    = "/readyz"
    port    = "http"
    timeout = "2s"
  }
}

expose {
  hosts = ["ledger.example.com"]
  tls {
    issuer = "letsencrypt-prod"
  }
  ingress {
    class = "nginx"
  }
}

# The database runs outside the cluster: the NetworkPolicy opens its address range on its port.
network {
  egress {
    cidr  = "10.40.0.0/24"
    ports = [5432]
  }
}

database {
  engine     = "postgres"
  managed_by = "external"
  url {
    secret = "ledger-db"
    key    = "url"
  }
  ssl_mode = "verify-full"
  pool {
    max = 10
    min = 1
  }
  max_connections = 100
  migrations {
    mode    = "job"
    command = ["/app/ledger", "migrate"]
  }
}

backup {
  # Every 6 hours: the longest gap between two dumps is 6h, the RPO.
  schedule  = "0 */6 * * *"
  retention = "14d"
  rpo       = "6h"
  rto       = "2h"
  storage {
    provider = "gcp"
    bucket   = "acme-finance-backups"
    prefix   = "ledger"
    credentials {
      secret = "velero-gcp-credentials"
      key    = "cloud"
    }
    database_credentials {
      secret = "ledger-backup-gcs"
    }
  }
  encryption_key {
    secret = "ledger-backup-key"
    key    = "passphrase"
  }
  logical {
    image   = "docker.io/library/postgres:16.10"
    timeout = "30m"
  }
  drills {
    cadence      = "90d"
    last         = "2026-09-30"
    evidence     = "https://wiki.example.com/finance/restore-drills/2026-09-30-ledger"
    measured_rto = "1h10m"
  }
  # The observability surface the runbooks list: dashboards and alert rules, whole namespace, objects only.
  extra_schedule "observability" {
    schedule  = "30 3 * * *"
    retention = "30d"
    covers    = ["velero"]
    velero {
      extra_namespaces = ["ledger-observability"]
      whole_namespace  = true
    }
  }
}

monitoring {
  metrics {
    port = "metrics"
  }
  runbook_base_url = "https://runbooks.example.com/ledger"
  alerts {
    error_rate {
      above = "1%"
    }
    backup_failure {}
  }
}

checklist {
  attestation {
    item     = "restore-drill"
    evidence = "https://wiki.example.com/finance/restore-drills/2026-09-30-ledger"
    date     = "2026-09-30"
  }
  attestation {
    item     = "sox-access-review"
    evidence = "https://grc.example.com/reviews/ledger-2026-q3"
    date     = "2026-10-01"
  }
}

logging {
  format = "json"
  level  = "info"
}
