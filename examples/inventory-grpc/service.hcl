# Internal gRPC service: gRPC and TCP probes, a read-heavy MySQL with a read replica and external migrations, gRPC metric names, a Kubernetes API token for leader election, and a named default environment.
apiVersion          = "berth/v1"
kind                = "Service"
name                = "inventory"
default_environment = "prod-eu"
team                = "fulfilment"
owner               = "fulfilment-oncall@example.com"
description         = "Tracks stock per warehouse and reserves items for orders over gRPC."
part_of             = "fulfilment"
image               = "ghcr.io/acme/inventory:1.27.0"
command             = ["/app/inventory"]
args                = ["serve", "--grpc-addr=:9000", "--metrics-addr=:9090"]
replicas            = 3
priority_class       = "business-critical"

port "grpc" {
  port         = 9000
  app_protocol = "grpc"
}
port "metrics" {
  port         = 9090
  app_protocol = "http"
}

env = {
  WAREHOUSE_REGION      = "eu-central"
  RESERVATION_TTL       = "20m"
  LEADER_ELECTION_LEASE = "inventory-leader"
}
secret "AUDIT_HMAC_KEY" {
  secret = "inventory-audit"
  key    = "hmac-key"
}

resources {
  requests {
    cpu    = "300m"
    memory = "512Mi"
  }
  limits {
    cpu    = "1500m"
    memory = "1Gi"
  }
}
security {
  # Leader election uses a Lease object, so the pods need a Kubernetes API token.
  service_account_token = true
  service_account_annotations = {
    "iam.gke.io/gcp-service-account" = "inventory@acme-prod.iam.gserviceaccount.com"
  }
}
spread {
  zones = "preferred"
  hosts = "required"
}

health {
  startup {
    tcp               = true
    port              = "grpc"
    period            = "5s"
    timeout           = "2s"
    failure_threshold = 30
  }
  liveness {
    grpc    = true
    port    = "grpc"
    period  = "10s"
    timeout = "2s"
  }
  readiness {
    grpc    = "inventory.v1.Inventory"
    port    = "grpc"
    period  = "5s"
    timeout = "2s"
  }
  check_timeout = "1s"
}
shutdown {
  timeout      = "30s"
  drain        = "5s"
  grace_period = "90s"
}

autoscaling {
  min_replicas = 3
  max_replicas = 10
  cpu_target   = "70%"
}

network {
  allow_from {
    service   = "orders-api"
    namespace = "orders"
    ports     = [9000]
  }
  allow_from {
    service   = "catalog"
    namespace = "shop"
    ports     = [9000]
  }
  egress {
    cidr  = "10.50.0.0/24"
    ports = [3306]
  }
}

database {
  engine = "mysql"
  url {
    secret = "inventory-mysql"
    key    = "primary-url"
  }
  read_url {
    secret = "inventory-mysql"
    key    = "replica-url"
    env    = "DATABASE_REPLICA_URL"
  }
  read_heavy = true
  ssl_mode   = "verify-full"
  pool {
    max          = 15
    min          = 3
    max_lifetime = "15m"
    idle_timeout = "2m"
  }
  max_connections = 300
  query_timeout   = "3s"
  # Schema changes ship through the DBA team's gh-ost pipeline.
  migrations {
    mode = "external"
  }
}

scheduled_job "release-expired-reservations" {
  schedule = "*/5 * * * *"
  lock     = "database"
  timeout  = "4m"
}

monitoring {
  metrics {
    port     = "metrics"
    interval = "15s"
  }
  metric_names {
    requests     = "grpc_server_handled_total"
    status_label = "grpc_code"
    latency      = "grpc_server_handling_seconds"
    goroutines   = "go_goroutines"
  }
  runbook_base_url = "https://runbooks.example.com/inventory"
  labels = {
    service_tier = "tier-1"
  }
  alerts {
    latency {
      quantile = 0.99
      above    = "250ms"
      for      = "10m"
    }
    restarts {
      above  = 3
      window = "1h"
    }
    goroutine_leak {
      above = 50000
      for   = "1h"
    }
  }
}

logging {
  format = "json"
  level  = "warn"
}

checklist {
  waiver {
    rule    = "backup-for-state"
    reason  = "The MySQL cluster is run and backed up by the DBA team's managed service (automated snapshots and 7-day PITR); Velero has nothing of ours to back up."
    expires = "2027-06-30"
    owner   = "inventory-oncall@example.com"
  }
  waiver {
    rule    = "polaris/deploymentMissingReplicas"
    reason  = "The autoscaler owns the replica count (berth leaves replicas out so the two never fight); its minimum keeps at least 2 pods."
    expires = "2027-06-30"
    owner   = "platform-team"
  }
  waiver {
    rule    = "polaris/automountServiceAccountToken"
    reason  = "Inventory watches its own Endpoints through the Kubernetes API to shard stock reservations, so it needs its token."
    expires = "2027-03-31"
    owner   = "inventory-oncall@example.com"
  }
}
