# Postgres-backed API: a CloudNativePG Cluster berth owns (WAL archiving to a barman-cloud ObjectStore, a PgBouncer Pooler), job migrations, backups with PITR and restore drills, alerts and an SLO, JWT auth, CORS and rate limiting, pod-only and per-kind labels and annotations.
apiVersion  = "berth/v1"
kind        = "Service"
name        = "orders-api"
team        = "payments"
owner       = "payments-oncall@example.com"
description = "Accepts, prices and tracks customer orders for the web shop and the mobile apps."
part_of     = "checkout"
labels = {
  "cost-center" = "cc-4120"
}
annotations = {
  "acme.com/pagerduty-service" = "PX7Q2ZL"
}
# On the pods only (never in a selector), and on one kind of object only.
pod_labels = {
  "sidecar.istio.io/inject" = "false"
}
pod_annotations = {
  "cluster-autoscaler.kubernetes.io/safe-to-evict" = "true"
}
object_metadata {
  Service {
    annotations = {
      "external-dns.alpha.kubernetes.io/hostname" = "orders.internal.example.com"
    }
  }
  Ingress {
    annotations = {
      "nginx.ingress.kubernetes.io/proxy-body-size" = "1m"
    }
  }
}
image    = "ghcr.io/acme/orders-api:2.1.0"
replicas = 3
priority_class = "business-critical"

port "http" {
  port         = 8080
  app_protocol = "http"
  expose       = true
}
port "metrics" {
  port = 9090
}

env = {
  PAYMENTS_API_URL            = "http://payments-api.payments.svc.cluster.local:8080"
  NOTIFICATIONS_API_URL       = "http://notifications.messaging.svc.cluster.local:8080"
  INVENTORY_GRPC_ADDR         = "inventory.fulfilment.svc.cluster.local:9000"
  OTEL_EXPORTER_OTLP_ENDPOINT = "http://otel-collector.observability.svc.cluster.local:4317"
  ORDER_HOLD_MINUTES          = 15
}
secret "PAYMENTS_API_TOKEN" {
  secret = "orders-payments-client"
  key    = "token"
}

resources {
  requests {
    cpu    = "250m"
    memory = "384Mi"
  }
  limits {
    cpu    = "1"
    memory = "768Mi"
  }
}

health {
  liveness {
    path    = "/healthz"
    port    = "http"
    period  = "10s"
    timeout = "2s"
  }
  readiness {
    path    = "/readyz"
    port    = "http"
    period  = "5s"
    timeout = "2s"
  }
  startup {
    path              = "/healthz"
    port              = "http"
    period            = "5s"
    timeout           = "2s"
    failure_threshold = 24
  }
  check_timeout = "1s"
}
shutdown {
  timeout = "30s"
  drain   = "5s"
}
disruption {
  min_available = 2
}

expose {
  hosts = ["orders.example.com"]
  path  = "/api"
  tls {
    issuer = "letsencrypt-prod"
  }
  ingress {
    class = "nginx"
  }
}

http {
  cors {
    origins     = ["https://shop.example.com", "https://admin.example.com"]
    methods     = ["GET", "POST", "PATCH", "DELETE"]
    headers     = ["Authorization", "Content-Type", "Idempotency-Key"]
    credentials = true
    max_age     = "10m"
  }
  rate_limit {
    requests_per_second = 50
    burst               = 100
    key                 = "user"
    exclude_paths       = ["/healthz", "/readyz"]
  }
  timeouts {
    request = "15s"
    read    = "5s"
    write   = "20s"
    idle    = "2m"
  }
}

network {
  allow_from {
    service   = "checkout-web"
    namespace = "checkout"
    ports     = [8080]
  }
  allow_from {
    service   = "admin-console"
    namespace = "backoffice"
    ports     = [8080]
  }
  egress {
    service   = "payments-api"
    namespace = "payments"
    ports     = [8080]
  }
  egress {
    service   = "notifications"
    namespace = "messaging"
    ports     = [8080]
  }
  egress {
    service   = "inventory"
    namespace = "fulfilment"
    ports     = [9000]
  }
  egress {
    service   = "otel-collector"
    namespace = "observability"
    ports     = [4317]
  }
}

auth {
  preset = "standard"
  jwt_secret {
    secret = "orders-auth"
    key    = "jwt-signing-key"
  }
  brute_force_protection {
    max_attempts = 5
    window       = "15m"
    lockout      = "30m"
  }
  session_store = "database"
  session_ttl   = "8h"
  mfa           = "optional"
}

database {
  engine     = "postgres"
  managed_by = "cloudnative-pg"
  cluster    = "orders-db"
  # berth owns the Cluster: WAL archiving to the ObjectStore is configured, not just claimed.
  cloudnative_pg {
    instances = 3
    storage {
      size  = "50Gi"
      class = "premium-rwo"
    }
    resources {
      requests {
        cpu    = "500m"
        memory = "2Gi"
      }
      limits {
        cpu    = "2"
        memory = "2Gi"
      }
    }
  }
  pooler {
    instances              = 2
    mode                   = "transaction"
    max_client_connections = 500
    default_pool_size      = 25
  }
  url {
    secret = "orders-db-app"
    key    = "uri"
  }
  ssl_mode = "verify-full"
  pool {
    max          = 20
    min          = 2
    max_lifetime = "30m"
    idle_timeout = "5m"
  }
  max_connections = 200
  query_timeout   = "5s"
  migrations {
    mode    = "job"
    command = ["/app/orders-api", "migrate", "up"]
    timeout = "5m"
  }
}

backup {
  schedule  = "0 2 * * *"
  retention = "30d"
  pitr      = true
  rpo       = "5m"
  rto       = "1h"
  storage {
    provider = "aws"
    bucket   = "acme-prod-backups"
    prefix   = "orders-api"
    region   = "eu-west-1"
    credentials {
      secret = "velero-aws-credentials"
      key    = "cloud"
    }
    database_credentials {
      secret = "orders-db-backup-s3"
    }
  }
  drills {
    cadence  = "90d"
    last     = "2026-10-14"
    evidence     = "https://wiki.example.com/payments/restore-drills/2026-10-14-orders-api"
    measured_rto = "42m"
    measured_rpo = "3m"
  }
  # A support snapshot of the Kubernetes objects only: no CloudNativePG base backup every 4h.
  extra_schedule "support" {
    schedule  = "0 */4 * * *"
    retention = "7d"
    covers    = ["velero"]
  }
}

monitoring {
  metrics {
    port     = "metrics"
    path     = "/metrics"
    interval = "30s"
  }
  runbook_base_url = "https://runbooks.example.com/orders-api"
  labels = {
    service_tier = "tier-1"
  }
  rule_labels = {
    release = "prometheus"
  }
  alerts {
    error_rate {
      above = "1%"
      for   = "5m"
    }
    latency {
      quantile = 0.95
      above    = "500ms"
      for      = "10m"
    }
    restarts {
      above  = 3
      window = "1h"
    }
    certificate_expiry {
      within = "21d"
    }
    replication_lag {
      above = "30s"
      for   = "5m"
    }
    backup_failure {}
    custom "OrdersStuckInPaymentPending" {
      expr        = "sum(orders_pending_total{state=\"payment_pending\"}) > 500"
      for         = "15m"
      severity    = "warning"
      summary     = "More than 500 orders are waiting for a payment result."
      description = "Payment callbacks are not arriving; customers see spinning checkouts."
    }
  }
  slo {
    window       = "30d"
    availability = "99.9%"
    latency {
      objective = "99%"
      threshold = "500ms"
    }
  }
}

logging {
  format = "json"
  level  = "info"
}
