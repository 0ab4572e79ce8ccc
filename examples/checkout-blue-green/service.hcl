# Blue-green deploy (manual promotion, 15m standby) behind a Gateway API HTTPRoute, with Redis-backed sessions and a certificate mounted from a Secret.
apiVersion  = "berth/v1"
kind        = "Service"
name        = "checkout-web"
team        = "checkout"
owner       = "checkout-oncall@example.com"
description = "Server-rendered checkout pages and the session-holding backend-for-frontend."
part_of     = "checkout"
image       = "ghcr.io/acme/checkout-web:7.3.1"
replicas    = 3
priority_class = "business-critical"

port "http" {
  port         = 3000
  app_protocol = "http"
  expose       = true
}
port "metrics" {
  port = 9464
}

env = {
  NODE_ENV            = "production"
  PUBLIC_BASE_URL     = "https://checkout.example.com"
  ORDERS_API_URL      = "http://orders-api.orders.svc.cluster.local:8080"
  PAYMENTS_API_URL    = "http://payments-api.payments.svc.cluster.local:8080"
  APPLE_PAY_CERT_FILE = "/etc/checkout/apple-pay/merchant.pem"
}
secret "COOKIE_SIGNING_KEY" {
  secret = "checkout-web-session"
  key    = "cookie-signing-key"
}
config_file "/etc/checkout/apple-pay/merchant.pem" {
  secret {
    secret = "checkout-apple-pay"
    key    = "merchant.pem"
  }
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
    path              = "/healthz"
    port              = "http"
    period            = "10s"
    timeout           = "2s"
    failure_threshold = 3
  }
  readiness {
    path    = "/readyz"
    port    = "http"
    period  = "5s"
    timeout = "2s"
  }
  check_timeout = "500ms"
}
shutdown {
  timeout = "30s"
  drain   = "5s"
}

deploy {
  strategy       = "blue-green"
  standby        = "15m"
  promotion      = "manual"
  health_timeout = "10m"
  auto_revert    = true
}

expose {
  hosts = ["checkout.example.com"]
  path  = "/"
  tls {
    secret = "checkout-example-com-tls"
  }
  gateway {
    name      = "public-gateway"
    namespace = "gateway-system"
    section   = "https"
  }
}

http {
  rate_limit {
    requests_per_second = 20
    burst               = 40
    key                 = "header"
    header              = "CF-Connecting-IP"
    exclude_paths       = ["/healthz", "/readyz", "/static"]
  }
  timeouts {
    request = "30s"
    idle    = "75s"
  }
}

network {
  egress {
    service   = "orders-api"
    namespace = "orders"
    ports     = [8080]
  }
  egress {
    service   = "payments-api"
    namespace = "payments"
    ports     = [8080]
  }
  egress {
    cidr  = "10.30.0.0/28"
    ports = [6379]
  }
}

auth {
  preset        = "standard"
  jwt_secret {
    secret = "checkout-web-auth"
    key    = "signing-key"
  }
  session_store = "redis"
  session_ttl   = "2h"
  mfa           = "optional"
}

cache {
  backend = "redis"
  url {
    secret = "checkout-redis"
    key    = "url"
    env    = "SESSION_REDIS_URL"
  }
  ttl = "2h"
}

monitoring {
  metrics {
    port     = "metrics"
    path     = "/metrics"
    interval = "15s"
  }
  runbook_base_url = "https://runbooks.example.com/checkout-web"
  rule_labels = {
    release = "prometheus"
  }
  alerts {
    error_rate {
      above = "0.5%"
      for   = "5m"
    }
    latency {
      quantile = 0.95
      above    = "1500ms"
      for      = "10m"
    }
    restarts {
      above  = 3
      window = "30m"
    }
    certificate_expiry {
      within   = "21d"
      severity = "critical"
    }
  }
  slo {
    availability = "99.95%"
  }
}

logging {
  format = "json"
  level  = "info"
}
