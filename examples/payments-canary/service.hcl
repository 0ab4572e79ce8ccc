# Canary deploy (20% of pods, automatic promotion after 10m, auto-revert) for a stateless PSP gateway with queues, dead-letter targets, circuit breakers, a Redis cache and scheduled jobs.
apiVersion  = "berth/v1"
kind        = "Service"
name        = "payments-api"
team        = "payments"
owner       = "payments-oncall@example.com"
description = "Talks to the payment service providers on behalf of orders-api and checkout-web."
part_of     = "checkout"
image       = "ghcr.io/acme/payments-api:4.18.3"
replicas    = 5
priority_class = "business-critical"

port "http" {
  port         = 8080
  app_protocol = "http"
}
port "metrics" {
  port = 9090
}

env = {
  HTTPS_PROXY  = "http://egress-proxy.egress.svc.cluster.local:3128"
  NO_PROXY     = ".svc.cluster.local"
  PSP_PRIMARY  = "stripe"
  PSP_FALLBACK = "adyen"
  GOMAXPROCS   = 2
}
secret "STRIPE_API_KEY" {
  secret = "payments-stripe"
  key    = "api-key"
}
secret "STRIPE_WEBHOOK_SECRET" {
  secret = "payments-stripe"
  key    = "webhook-secret"
}
secret "ADYEN_API_KEY" {
  secret = "payments-adyen"
  key    = "api-key"
}
secret "AMQP_URL" {
  secret = "payments-rabbitmq"
  key    = "url"
}

resources {
  requests {
    cpu    = "500m"
    memory = "256Mi"
  }
  limits {
    cpu    = "2"
    memory = "512Mi"
  }
}
security {
  run_as_user  = 65532
  run_as_group = 65532
  fs_group     = 65532
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
  check_timeout = "1s"
}
shutdown {
  timeout = "30s"
  drain   = "5s"
}

deploy {
  strategy       = "canary"
  canary_percent = 20
  max_surge      = 1
  promotion      = "auto"
  observe        = "10m"
  health_timeout = "5m"
  auto_revert    = true
}
disruption {
  min_available = "60%"
}

network {
  allow_from {
    service   = "orders-api"
    namespace = "orders"
    ports     = [8080]
  }
  allow_from {
    service   = "checkout-web"
    namespace = "checkout"
    ports     = [8080]
  }
  egress {
    service   = "egress-proxy"
    namespace = "egress"
    ports     = [3128]
  }
  egress {
    service   = "rabbitmq"
    namespace = "messaging"
    ports     = [5671]
  }
  egress {
    cidr  = "10.30.0.16/28"
    ports = [6379]
  }
}

cache {
  backend = "redis"
  url {
    secret = "payments-redis"
    key    = "url"
  }
  ttl = "24h"
}

queue "payment-intents" {
  retry {
    attempts  = 8
    delay     = "2s"
    max_delay = "10m"
    backoff   = "exponential"
  }
  dead_letter = "payment-intents.dlq"
}
queue "refund-requests" {
  retry {
    attempts  = 5
    delay     = "30s"
    max_delay = "30m"
    backoff   = "linear"
  }
  dead_letter = "refund-requests.dlq"
}
queue "psp-webhooks" {
  retry {
    attempts  = 3
    delay     = "5s"
    max_delay = "5s"
    backoff   = "fixed"
  }
  dead_letter = "psp-webhooks.dlq"
}

circuit_breaker "stripe" {
  failure_threshold  = "25%"
  reset_timeout      = "30s"
  half_open_requests = 3
}
circuit_breaker "adyen" {
  failure_threshold = "50%"
  reset_timeout     = "1m"
}
circuit_breaker "fraud-scoring" {
  failure_threshold  = "10%"
  reset_timeout      = "15s"
  half_open_requests = 5
}

scheduled_job "reconcile-settlements" {
  schedule = "15 3 * * *"
  command  = ["/app/payments-api", "reconcile", "--since=26h"]
  timeout  = "45m"
}
scheduled_job "expire-authorizations" {
  schedule = "*/10 * * * *"
  lock     = "redis"
  timeout  = "2m"
}

monitoring {
  metrics {
    port = "metrics"
  }
  metric_names {
    requests         = "payments_http_requests_total"
    latency          = "payments_http_request_duration_seconds"
    connector_errors = "payments_psp_errors_total"
  }
  runbook_base_url = "https://runbooks.example.com/payments-api"
  labels = {
    service_tier = "tier-0"
  }
  alerts {
    error_rate {
      above = "0.5%"
      for   = "3m"
    }
    latency {
      quantile = 0.99
      above    = "3s"
      for      = "5m"
    }
    restarts {
      above    = 2
      window   = "30m"
      severity = "critical"
    }
    connector_errors {
      above = 0.5
      for   = "5m"
    }
    goroutine_leak {
      above = 20000
      for   = "30m"
    }
  }
  slo {
    window       = "28d"
    availability = "99.95%"
    latency {
      objective = "99%"
      threshold = "2500ms"
    }
  }
}

logging {
  format = "json"
  level  = "info"
}
