# Rolling deploy with explicit max_unavailable/max_surge/health_timeout, a CPU+memory autoscaler, zone spread, tolerations and a shared media volume that is backed up.
apiVersion  = "berth/v1"
kind        = "Service"
name        = "catalog"
team        = "merchandising"
owner       = "#merch-oncall"
description = "Serves product listings, prices and product images to the shop."
part_of     = "shop"
image       = "ghcr.io/acme/catalog:5.12.0@sha256:11640881d8b51a9dfde3a9c90b34971365eccc3eacd82a63c2c90c8c350431b5"
replicas    = 4
priority_class = "business-critical"

port "http" {
  port   = 8080
  expose = true
}
port "metrics" {
  port = 9090
}

env = {
  CATALOG_MEDIA_DIR   = "/var/lib/catalog/media"
  SEARCH_CONFIG       = "/etc/catalog/search.yaml"
  PRICE_CACHE_ENABLED = true
  INVENTORY_GRPC_ADDR = "inventory.fulfilment.svc.cluster.local:9000"
}
config_file "/etc/catalog/search.yaml" {
  content = <<-EOT
    analyzers:
      default: english
    boost:
      title: 3
      brand: 2
    max_results: 200
  EOT
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

volume "media" {
  mount         = "/var/lib/catalog/media"
  size          = "200Gi"
  storage_class = "efs-sc"
  access_mode   = "ReadWriteMany"
}
security {
  writable_paths = ["/tmp", "/var/cache/catalog"]
}

node_selector = {
  "kubernetes.io/arch" = "arm64"
}
toleration {
  key      = "dedicated"
  operator = "Equal"
  value    = "shop"
  effect   = "NoSchedule"
}
toleration {
  key      = "node.kubernetes.io/unreachable"
  operator = "Exists"
  effect   = "NoExecute"
  for      = "2m"
}
spread {
  zones    = "required"
  hosts    = "preferred"
  max_skew = 1
}

health {
  startup {
    path              = "/healthz"
    port              = "http"
    period            = "10s"
    timeout           = "3s"
    failure_threshold = 18
  }
  liveness {
    path    = "/healthz"
    port    = "http"
    period  = "10s"
    timeout = "3s"
  }
  readiness {
    path              = "/readyz"
    port              = "http"
    period            = "5s"
    timeout           = "3s"
    success_threshold = 2
  }
  check_timeout = "2s"
}
shutdown {
  timeout = "30s"
  drain   = "5s"
}

deploy {
  strategy        = "rolling"
  max_unavailable = 0
  max_surge       = "25%"
  health_timeout  = "5m"
  auto_revert     = true
}
autoscaling {
  min_replicas     = 4
  max_replicas     = 16
  cpu_target       = "65%"
  memory_target    = "80%"
  scale_down_delay = "10m"
}
disruption {
  max_unavailable = "25%"
}

expose {
  hosts = ["catalog.example.com", "images.example.com"]
  tls {
    issuer = "letsencrypt-prod"
  }
  ingress {
    class = "nginx"
  }
}
http {
  timeouts {
    request = "10s"
    idle    = "90s"
  }
}
network {
  egress {
    service   = "inventory"
    namespace = "fulfilment"
    ports     = [9000]
  }
}

cache {
  backend = "memory"
  ttl     = "5m"
}

backup {
  schedule        = "30 1 * * *"
  retention       = "14d"
  include_volumes = true
  storage {
    provider = "gcp"
    bucket   = "acme-shop-backups"
    prefix   = "catalog-media"
  }
  rpo = "24h"
  rto = "4h"
  drills {
    cadence  = "180d"
    last     = "2026-08-03"
    evidence = "https://wiki.example.com/merch/restore-drills/catalog-2026-08"
  }
}

monitoring {
  metrics {
    port = "metrics"
  }
  runbook_base_url = "https://runbooks.example.com/catalog"
  alerts {
    error_rate {
      above = "2%"
      for   = "5m"
    }
    latency {
      quantile = 0.99
      above    = "1s"
      for      = "10m"
    }
    restarts {
      above  = 5
      window = "1h"
    }
    certificate_expiry {
      within = "14d"
    }
    disk_usage {
      above = "85%"
      for   = "30m"
    }
    backup_failure {
      severity = "warning"
    }
  }
  slo {
    availability = "99.5%"
    latency {
      objective = "95%"
      threshold = "250ms"
    }
  }
}

logging {
  format = "json"
  level  = "info"
}

checklist {
  waiver {
    rule    = "polaris/deploymentMissingReplicas"
    reason  = "The autoscaler owns the replica count (berth leaves replicas out so the two never fight); its minimum keeps at least 2 pods."
    expires = "2027-06-30"
    owner   = "platform-team"
  }
}
