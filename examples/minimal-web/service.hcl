# Minimal web service: only the essentials; rolling deploy, JSON logs, 30s shutdown + 5s drain and the restricted security context come from defaults.
apiVersion  = "berth/v1"
kind        = "Service"
name        = "hello-web"
team        = "web-platform"
description = "Serves the public marketing site."
image       = "ghcr.io/acme/hello-web:1.4.2"
replicas    = 2
priority_class = "standard"

# A single port is the exposed one and the one the probes use.
port "http" {
  port = 8080
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
    timeout = "2s"
  }
  readiness {
    path    = "/readyz"
    timeout = "2s"
  }
}

expose {
  hosts = ["www.example.com"]
  tls {
    issuer = "letsencrypt-prod"
  }
  ingress {
    class = "nginx"
  }
}
