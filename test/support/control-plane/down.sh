#!/usr/bin/env bash
# Stops exactly the processes up.sh started (the PIDs recorded in STATE_DIR/*.pid), newest first.
set -uo pipefail
state="${1:-${BERTH_CLUSTER_DIR:-/tmp/berth-cluster}}"
[ -d "$state" ] || exit 0
for name in rollouts-controller load-balancer kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  f="$state/$name.pid"
  [ -f "$f" ] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$f"
done
echo "== control plane stopped ($state)"
