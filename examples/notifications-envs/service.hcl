# Per-environment overlays (development, staging, production, and a loadtest environment with an explicit tier; alert severities follow each tier), network allow/egress lists, checklist waivers, severity overrides and attestations, and application settings under the names the service reads.
apiVersion  = "berth/v1"
kind        = "Service"
name        = "notifications"
team        = "messaging"
owner       = "messaging-oncall@example.com"
description = "Sends order and account e-mails, SMS and push notifications from queued events."
part_of     = "customer-comms"
image       = "ghcr.io/acme/notifications:3.8.1"
replicas    = 2
priority_class = "standard"

port "http" {
  port = 8080
}
port "metrics" {
  port = 9090
}

env = {
  SMTP_HOST    = "smtp-relay.example.net"
  SMTP_PORT    = 587
  SMS_PROVIDER = "twilio"
  HTTPS_PROXY  = "http://egress-proxy.egress.svc.cluster.local:3128"
  NO_PROXY     = ".svc.cluster.local"
}
secret "SMTP_PASSWORD" {
  secret = "notifications-smtp"
  key    = "password"
}
secret "TWILIO_ACCOUNT_SID" {
  secret = "notifications-twilio"
  key    = "account-sid"
}
secret "TWILIO_AUTH_TOKEN" {
  secret = "notifications-twilio"
  key    = "auth-token"
}
secret "FCM_CREDENTIALS" {
  secret = "notifications-fcm"
  key    = "service-account.json"
}
secret "AMQP_URL" {
  secret = "notifications-rabbitmq"
  key    = "url"
}

resources {
  requests {
    cpu    = "100m"
    memory = "192Mi"
  }
  limits {
    cpu    = "500m"
    memory = "384Mi"
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
}
shutdown {
  timeout = "30s"
  drain   = "5s"
}

# Off by default; production and loadtest turn it on.
autoscaling {
  enabled      = false
  max_replicas = 4
}

network {
  allow_from {
    service   = "orders-api"
    namespace = "orders"
    ports     = [8080]
  }
  allow_from {
    namespace = "backoffice"
    ports     = [8080]
  }
  egress {
    service   = "rabbitmq"
    namespace = "messaging"
    ports     = [5671]
  }
  egress {
    service   = "egress-proxy"
    namespace = "egress"
    ports     = [3128]
  }
  egress {
    cidr  = "203.0.113.16/29"
    ports = [587]
  }
}

queue "notifications.email" {
  retry {
    attempts  = 6
    delay     = "10s"
    max_delay = "15m"
  }
  dead_letter = "notifications.email.dlq"
}
queue "notifications.sms" {
  retry {
    attempts  = 3
    delay     = "30s"
    max_delay = "5m"
    backoff   = "linear"
  }
  dead_letter = "notifications.sms.dlq"
}

scheduled_job "daily-digest" {
  schedule = "0 7 * * *"
  command  = ["/app/notifications", "send-digest"]
  timeout  = "1h"
}

monitoring {
  metrics {
    port = "metrics"
  }
  runbook_base_url = "https://runbooks.example.com/notifications"
  alerts {
    error_rate {
      above = "2%"
      for   = "10m"
    }
    restarts {
      above  = 5
      window = "1h"
    }
    custom "NotificationsDeadLettersGrowing" {
      expr    = "sum(rate(queue_dead_lettered_total{service=\"notifications\"}[15m])) > 0.1"
      for     = "15m"
      summary = "Messages are being dead-lettered."
    }
  }
}

logging {
  format = "json"
  level  = "info"
}
# The application reads its settings as NOTIFY_*, and the log level under its logging library's own name.
app_settings {
  env_prefix = "NOTIFY_"
  rename = {
    LOG_LEVEL = "LOGLEVEL"
  }
}

checklist {
  waiver {
    rule    = "polaris/deploymentMissingReplicas"
    reason  = "The autoscaler owns the replica count (berth leaves replicas out so the two never fight); its minimum keeps at least 2 pods."
    expires = "2027-06-30"
    owner   = "platform-team"
  }
  waiver {
    rule    = "health-check-budget"
    reason  = "The health handler's budget is being measured under production load (MSG-210); probes keep their 2s timeout meanwhile."
    expires = "2027-03-31"
    owner   = "platform-team"
  }
  waiver {
    rule    = "alerts-declared"
    reason  = "Notifications are asynchronous; delivery objectives are being defined with the product team (MSG-203)."
    expires = "2027-01-31"
    owner   = "messaging-oncall@example.com"
  }
  severity = {
    "rate-limit-enabled" = "off"
  }
  attestation {
    item     = "security-review"
    evidence = "https://wiki.example.com/security/reviews/notifications-2026-q3"
    date     = "2026-09-18"
  }
  attestation {
    item     = "load-test"
    evidence = "https://grafana.example.com/d/loadtest/notifications?from=2026-11-02"
    date     = "2026-11-02"
  }
}

environment "development" {
  image    = "ghcr.io/acme/notifications:3.9.0-rc.2"
  replicas = 1
  logging {
    level = "debug"
  }
  monitoring {
    runbook_base_url = "https://runbooks-dev.example.com/notifications"
  }
}

environment "staging" {
  image = "ghcr.io/acme/notifications:3.9.0-rc.2"
  logging {
    level = "debug"
  }
  env = {
    SMTP_HOST = "smtp-sandbox.example.net"
  }
}

environment "loadtest" {
  # A production-sized copy for load tests: judged as staging (by its name alone it would be development).
  tier     = "staging"
  image    = "ghcr.io/acme/notifications:3.9.0-rc.2"
  replicas = 4
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
  autoscaling {
    enabled      = true
    min_replicas = 4
    max_replicas = 20
    cpu_target   = "60%"
  }
  monitoring {
    alerts {
      error_rate {
        enabled = false
      }
    }
  }
}

environment "production" {
  replicas = 3
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
  autoscaling {
    enabled       = true
    min_replicas  = 3
    max_replicas  = 12
    cpu_target    = "60%"
    memory_target = "75%"
  }
}
