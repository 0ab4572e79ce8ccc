#!/usr/bin/env bash
# Builds the local control plane from the Go module proxy, into a cache directory CI keeps:
#   ${BERTH_TOOLS_CACHE:-~/.cache/berth-tools}/control-plane/k8s-<v>-etcd-<v>-kwok-<v>/bin
#     kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok (+ kwok's "fast" stages)
#   .../control-plane/argo-rollouts-<v>/bin/rollouts-controller (+ its CRDs)
# A directory marked complete is reused: the build is skipped.
# Uncached: ~8 min on 2 cores, ~2 GB RAM, ~4 GB of Go module/build cache.
#
# k8s.io/kubernetes cannot be `go install`ed (its go.mod replaces the k8s.io/* staging modules with
# ./staging paths), so a scratch module requires it and replaces each staging module with its published
# twin; etcd and kwok are built in the same module (same libraries). Argo Rollouts gets its own scratch
# module with the replaces its go.mod declares (it pins older Kubernetes libraries).
#
# Usage: bash test/support/control-plane/build.sh [--no-rollouts]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"
export GOFLAGS="${GOFLAGS:--buildvcs=false}" GOTOOLCHAIN=local CGO_ENABLED=0

with_rollouts=1
[ "${1:-}" = "--no-rollouts" ] && with_rollouts=0

# Prints the module's go.mod path in the module cache (downloading it).
mod_file() {
  go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p'
}
mod_dir() {
  go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}

build_core() {
  local dir="$berth_cp_dir" src start kmod
  if [ -f "$dir/.complete" ]; then
    echo "== control plane already built ($dir)"
    return 0
  fi
  start=$SECONDS
  echo "== building the control plane (kubernetes $BERTH_CP_KUBERNETES, etcd $BERTH_CP_ETCD, kwok $BERTH_CP_KWOK) into $dir"
  rm -rf "$dir"
  mkdir -p "$dir/bin" "$dir/stages"
  src="$dir/src"
  mkdir -p "$src"
  kmod="$(mod_file k8s.io/kubernetes "$BERTH_CP_KUBERNETES")"
  {
    echo "module berth.local/control-plane"
    echo
    echo "go 1.26.0"
    echo
    echo "require ("
    echo "	k8s.io/kubernetes $BERTH_CP_KUBERNETES"
    echo "	go.etcd.io/etcd/server/v3 $BERTH_CP_ETCD"
    echo "	sigs.k8s.io/kwok $BERTH_CP_KWOK"
    echo ")"
    echo
    echo "tool ("
    echo "	k8s.io/kubernetes/cmd/kube-apiserver"
    echo "	k8s.io/kubernetes/cmd/kube-controller-manager"
    echo "	k8s.io/kubernetes/cmd/kube-scheduler"
    echo "	k8s.io/kubernetes/cmd/kubectl"
    echo "	go.etcd.io/etcd/server/v3"
    echo "	sigs.k8s.io/kwok/cmd/kwok"
    echo ")"
    echo
    echo "replace ("
    # every "k8s.io/x => ./staging/src/k8s.io/x" of kubernetes' go.mod, pointed at the published twin
    sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/src/k8s\.io/[a-z0-9-]*$#\t\1 => \1 '"$BERTH_CP_STAGING"'#p' "$kmod"
    echo ")"
  } > "$src/go.mod"
  grep -q 'k8s.io/api => k8s.io/api' "$src/go.mod" || { echo "no staging replaces found in $kmod" >&2; return 1; }
  (cd "$src" && go mod tidy)
  (cd "$src" && go build -trimpath -ldflags="-s -w" -o "$dir/bin/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl sigs.k8s.io/kwok/cmd/kwok)
  (cd "$src" && go build -trimpath -ldflags="-s -w" -o "$dir/bin/etcd" go.etcd.io/etcd/server/v3)
  # kwok's "fast" stages: nodes become Ready at once, pods Running/Ready, Job pods Succeeded.
  local kwok
  kwok="$(cd "$src" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    cp "$kwok/kustomize/stage/$f" "$dir/stages/"
  done
  chmod -R u+w "$dir/stages"
  echo "$BERTH_CP_KUBERNETES $BERTH_CP_ETCD $BERTH_CP_KWOK" > "$dir/.complete"
  echo "   control plane built in $((SECONDS - start))s"
}

build_rollouts() {
  local dir="$berth_cp_rollouts_dir" src start rmod rdir
  if [ -f "$dir/.complete" ]; then
    echo "== argo rollouts already built ($dir)"
    return 0
  fi
  start=$SECONDS
  echo "== building the Argo Rollouts controller $BERTH_CP_ROLLOUTS into $dir"
  rm -rf "$dir"
  mkdir -p "$dir/bin" "$dir/crds"
  src="$dir/src"
  mkdir -p "$src"
  rmod="$(mod_file github.com/argoproj/argo-rollouts "$BERTH_CP_ROLLOUTS")"
  {
    echo "module berth.local/argo-rollouts"
    echo
    echo "go 1.26.0"
    echo
    echo "require github.com/argoproj/argo-rollouts $BERTH_CP_ROLLOUTS"
    echo
    echo "tool github.com/argoproj/argo-rollouts/cmd/rollouts-controller"
    echo
    # the replace block of argo-rollouts' own go.mod (a dependency's replaces are ignored otherwise)
    sed -n '/^replace (/,/^)/p' "$rmod"
  } > "$src/go.mod"
  (cd "$src" && go mod tidy)
  (cd "$src" && go build -trimpath -ldflags="-s -w" -o "$dir/bin/" github.com/argoproj/argo-rollouts/cmd/rollouts-controller)
  rdir="$(cd "$src" && go list -m -f '{{.Dir}}' github.com/argoproj/argo-rollouts)"
  cp "$rdir"/manifests/crds/*-crd.yaml "$dir/crds/"
  chmod -R u+w "$dir/crds"
  echo "$BERTH_CP_ROLLOUTS" > "$dir/.complete"
  echo "   argo rollouts built in $((SECONDS - start))s"
}

build_core
[ "$with_rollouts" = 1 ] && build_rollouts
echo "== control plane binaries: $berth_cp_dir/bin"
