/** The HCL manifest `berth init --format hcl` writes: the same service as the YAML starter. */
export const STARTER_HCL = `# berth service manifest: describe the service once; \`berth compile\` writes the rest.
apiVersion  = "berth/v1"
kind        = "Service"
name        = "{{name}}"
team        = "my-team"                        # owning team: labels every object and routes every alert
description = "What {{name}} does, in one sentence."
image       = "ghcr.io/my-org/{{name}}:0.1.0"  # pin a version (or a digest), never latest
replicas    = 2                                # at least 2 in production, to survive losing a node

# Repeated blocks with a label become list entries: port "http" is ports[name=http].
port "http" {
  port = 8080                                  # add expose = true once an expose block routes to it
}
port "metrics" {
  port = 9090
}

env = {                                        # plain configuration only
  FEATURE_FLAGS = ""
}
# Credentials come from Kubernetes Secrets, never from this file.
secret "API_TOKEN" {
  secret = "{{name}}-secrets"
  key    = "api-token"
}

resources {
  requests {
    cpu    = "100m"
    memory = "128Mi"
  }
  limits {
    cpu    = "500m"
    memory = "256Mi"
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
  check_timeout = "1s"                         # the app's own budget for answering a health check
}

shutdown {
  timeout = "30s"                              # how long the app needs after SIGTERM
  drain   = "5s"                               # wait before SIGTERM so load balancers stop routing first
}

deploy {
  strategy    = "rolling"                      # or blue-green, or canary
  auto_revert = true                           # canary and blue-green revert a failed release themselves; rolling only under \`helm upgrade --atomic\` (lint says so)
}

logging {
  format = "json"
  level  = "info"
}

monitoring {
  metrics {
    port = "metrics"
    path = "/metrics"
  }
  alerts {
    error_rate {
      above = "1%"
      for   = "5m"
    }
    latency {
      quantile = 0.95
      above    = "2s"
      for      = "10m"
    }
    restarts {
      above  = 5
      window = "1h"
    }
  }
}

# Each environment is the settings above with its own overrides deep-merged in.
environment "staging" {}
environment "production" {
  replicas = 3
}
`;
