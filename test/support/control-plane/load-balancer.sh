#!/usr/bin/env bash
# A stand-in for a cloud's (or MetalLB's) load-balancer controller: every LoadBalancer Service without
# an address gets one from TEST-NET-1 (192.0.2.0/24, never routed), as a real cluster's controller would
# give. Without it, `helm install --wait` waits forever for a published port's address.
# Usage: load-balancer.sh KUBECTL KUBECONFIG (started and stopped with the control plane).
set -uo pipefail
kubectl="$1" kc="$2"
next=10
while true; do
  pending="$("$kubectl" --kubeconfig "$kc" get services --all-namespaces \
    -o jsonpath='{range .items[?(@.spec.type=="LoadBalancer")]}{.metadata.namespace} {.metadata.name} {.status.loadBalancer.ingress[0].ip}{"\n"}{end}' 2>/dev/null)"
  while read -r ns name ip; do
    [ -n "$name" ] && [ -z "$ip" ] || continue
    "$kubectl" --kubeconfig "$kc" patch service "$name" -n "$ns" --subresource=status --type=merge \
      -p "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"192.0.2.$next\"}]}}}" >/dev/null 2>&1 && next=$(( next % 250 + 1 ))
  done <<<"$pending"
  sleep 1
done
