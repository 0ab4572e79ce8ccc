#!/usr/bin/env bash
# Starts the local control plane on 127.0.0.1 from the binaries build.sh made:
# etcd (--unsafe-no-fsync), kube-apiserver (RBAC, service-account keys, certs made here with openssl),
# kube-controller-manager, kube-scheduler, kwok (one fake node "kwok-node"; pods become Running/Ready,
# Job pods Succeeded) and, when built, the Argo Rollouts controller with its CRDs.
#
#   bash test/support/control-plane/up.sh [STATE_DIR]     # prints `export KUBECONFIG=…`
#   bash test/support/control-plane/down.sh [STATE_DIR]
#
# STATE_DIR (default ${BERTH_CLUSTER_DIR:-/tmp/berth-cluster}) holds certs, logs, the kubeconfig and
# one <name>.pid per process started; down.sh stops exactly those PIDs. Tests find the cluster there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"
state="${1:-${BERTH_CLUSTER_DIR:-/tmp/berth-cluster}}"
bin="$berth_cp_dir/bin"
[ -f "$berth_cp_dir/.complete" ] || { echo "control plane not built: run bash $here/build.sh" >&2; exit 1; }

if [ -f "$state/kubeconfig" ] && "$bin/kubectl" --kubeconfig "$state/kubeconfig" get --raw /readyz >/dev/null 2>&1; then
  echo "== control plane already running ($state)"
  echo "export KUBECONFIG=$state/kubeconfig"
  exit 0
fi
[ -d "$state" ] && bash "$here/down.sh" "$state" >/dev/null 2>&1 || true
rm -rf "$state"
mkdir -p "$state/pki" "$state/logs"
start=$SECONDS
trap 'echo "control plane failed to start; logs in $state/logs" >&2; tail -n 5 "$state"/logs/*.log >&2 || true; bash "$here/down.sh" "$state" >/dev/null 2>&1 || true' ERR

# Free loopback ports, chosen by the kernel.
read -r p_etcd p_peer p_api p_kcm p_sched p_kwok p_rm p_rh < <(python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(8)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
PY
)

pki="$state/pki"
openssl_quiet() { openssl "$@" >/dev/null 2>&1; }
openssl_quiet req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=berth-test-ca" -keyout "$pki/ca.key" -out "$pki/ca.crt"
cert() { # name subject [san]
  openssl_quiet req -newkey rsa:2048 -nodes -subj "$2" -keyout "$pki/$1.key" -out "$pki/$1.csr"
  if [ -n "${3:-}" ]; then printf 'subjectAltName=%s\n' "$3" > "$pki/$1.ext"; else : > "$pki/$1.ext"; fi
  openssl_quiet x509 -req -in "$pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 -extfile "$pki/$1.ext" -out "$pki/$1.crt"
}
cert apiserver "/CN=kube-apiserver" "IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
cert admin "/O=system:masters/CN=berth-admin"
openssl_quiet genrsa -out "$pki/sa.key" 2048
openssl_quiet rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub"

cat > "$state/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: berth
  cluster:
    server: https://127.0.0.1:$p_api
    certificate-authority: $pki/ca.crt
users:
- name: admin
  user:
    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key
contexts:
- name: berth
  context: { cluster: berth, user: admin }
current-context: berth
KC
kc="$state/kubeconfig"

launch() { # name command...
  local name="$1"; shift
  "$@" >"$state/logs/$name.log" 2>&1 &
  echo $! > "$state/$name.pid"
}

launch etcd "$bin/etcd" --data-dir "$state/etcd" --unsafe-no-fsync \
  --listen-client-urls "http://127.0.0.1:$p_etcd" --advertise-client-urls "http://127.0.0.1:$p_etcd" \
  --listen-peer-urls "http://127.0.0.1:$p_peer" --initial-advertise-peer-urls "http://127.0.0.1:$p_peer" \
  --initial-cluster "default=http://127.0.0.1:$p_peer" --log-level warn

launch kube-apiserver "$bin/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$p_etcd" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$p_api" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --service-account-issuer https://kubernetes.default.svc \
  --authorization-mode RBAC --service-cluster-ip-range 10.96.0.0/16 --endpoint-reconciler-type none

for _ in $(seq 1 300); do
  "$bin/kubectl" --kubeconfig "$kc" get --raw /readyz >/dev/null 2>&1 && break
  sleep 0.1
done
"$bin/kubectl" --kubeconfig "$kc" get --raw /readyz >/dev/null

launch kube-controller-manager "$bin/kube-controller-manager" \
  --kubeconfig "$kc" --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" \
  --bind-address 127.0.0.1 --secure-port "$p_kcm" --leader-elect=false \
  --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
  --use-service-account-credentials=false --controllers '*,-node-ipam-controller,-cloud-node-lifecycle-controller,-node-lifecycle-controller'
launch kube-scheduler "$bin/kube-scheduler" \
  --kubeconfig "$kc" --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" \
  --bind-address 127.0.0.1 --secure-port "$p_sched" --leader-elect=false

# kwok: manages the nodes annotated kwok.x-k8s.io/node=fake with the "fast" stages.
for f in "$berth_cp_dir"/stages/*.yaml; do echo "---"; cat "$f"; done > "$state/kwok-stages.yaml"
launch kwok "$bin/kwok" --kubeconfig "$kc" --config "$state/kwok-stages.yaml" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
  --node-ip 127.0.0.1 --server-address "127.0.0.1:$p_kwok" --cidr 10.244.0.0/16

# Load balancers: addresses for LoadBalancer Services, as a cloud's controller gives them.
launch load-balancer bash "$here/load-balancer.sh" "$bin/kubectl" "$kc"

# Two fake nodes: amd64 in zone-a, arm64 in zone-b (a workload may select either architecture).
for spec in "kwok-node amd64 zone-a" "kwok-node-arm64 arm64 zone-b"; do
  read -r node arch zone <<<"$spec"
  "$bin/kubectl" --kubeconfig "$kc" apply -f - >/dev/null <<NODE
apiVersion: v1
kind: Node
metadata:
  name: $node
  annotations: { kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0" }
  labels:
    kubernetes.io/hostname: $node
    kubernetes.io/os: linux
    kubernetes.io/arch: $arch
    topology.kubernetes.io/zone: $zone
    type: kwok
status:
  allocatable: { cpu: "64", memory: 256Gi, pods: "500" }
  capacity: { cpu: "64", memory: 256Gi, pods: "500" }
NODE
done

# Argo Rollouts: CRDs, then the controller (cluster-wide, admin credentials).
if [ -f "$berth_cp_rollouts_dir/.complete" ]; then
  for f in "$berth_cp_rollouts_dir"/crds/*.yaml; do
    "$bin/kubectl" --kubeconfig "$kc" apply --server-side -f "$f" >/dev/null
  done
  for crd in rollouts.argoproj.io analysisruns.argoproj.io analysistemplates.argoproj.io; do
    established() { [ "$("$bin/kubectl" --kubeconfig "$kc" get crd "$crd" -o jsonpath='{.status.conditions[?(@.type=="Established")].status}' 2>/dev/null)" = True ]; }
    for _ in $(seq 1 300); do established && break; sleep 0.1; done
    established
  done
  "$bin/kubectl" --kubeconfig "$kc" create namespace argo-rollouts >/dev/null
  launch rollouts-controller "$berth_cp_rollouts_dir/bin/rollouts-controller" --kubeconfig "$kc" \
    --namespace argo-rollouts --leader-elect=false --metricsport "$p_rm" --healthzPort "$p_rh" --loglevel info
fi

# Ready when the nodes are Ready and the default ServiceAccount exists (pods are admitted).
# (polled: `kubectl wait` fails at once while a node has no conditions yet)
node_ready() { [ "$("$bin/kubectl" --kubeconfig "$kc" get node "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]; }
for node in kwok-node kwok-node-arm64; do
  for _ in $(seq 1 600); do node_ready "$node" && break; sleep 0.1; done
  node_ready "$node"
  # The node-lifecycle controller is off (kwok keeps no lease, so it would mark the node NotReady after 40 s);
  # it is also what lifts the not-ready taint admission puts on a new node, so lift it here.
  "$bin/kubectl" --kubeconfig "$kc" taint node "$node" node.kubernetes.io/not-ready:NoSchedule- >/dev/null 2>&1 || true
done
for _ in $(seq 1 300); do
  "$bin/kubectl" --kubeconfig "$kc" -n default get serviceaccount default >/dev/null 2>&1 && break
  sleep 0.1
done
trap - ERR
echo "$((SECONDS - start))" > "$state/startup-seconds"
echo "== control plane ready in $((SECONDS - start))s ($state)"
echo "export KUBECONFIG=$kc PATH=$bin:\$PATH"
