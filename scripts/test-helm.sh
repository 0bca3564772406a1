#!/usr/bin/env bash
# Checks the Kubernetes deployment offline: helm lint --strict, then every rendering of the chart
# (default, dev and prod values) validated against the Kubernetes 1.37 schemas (strict: unknown
# fields refused) and against the deployment rules of deploy/helm/policy_check.py. The tools are
# installed from the package registries, pinned, and cached under ~/.cache/oversight:
#   helm v4.3.2         go install from the Go module proxy (about 4 minutes on 2 cores, once)
#   kubernetes-validate 1.37.0 from PyPI in a virtualenv (ships the Kubernetes JSON schemas)
# CRD examples under deploy/k8s/examples (Strimzi, CloudNativePG) have no schema offline: they are
# only parsed and checked for apiVersion/kind/metadata.name (see deploy/k8s/README.md).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

CACHE=${OVERSIGHT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/oversight}
HELM_VERSION=v4.3.2
KV_VERSION=1.37.0
K8S_VERSION=1.37.0
HELM="$CACHE/helm-$HELM_VERSION/bin/helm"
KV_VENV="$CACHE/kubernetes-validate-$KV_VERSION"
CHART=deploy/helm/oversight

mkdir -p "$CACHE"
if [[ ! -x $HELM ]] || ! "$HELM" version 2>/dev/null | grep -q "${HELM_VERSION%.*}"; then
  say "helm: building $HELM_VERSION from the Go module proxy (once; about 4 minutes)"
  GOBIN="$CACHE/helm-$HELM_VERSION/bin" GOFLAGS=-buildvcs=false go install "helm.sh/helm/v4/cmd/helm@$HELM_VERSION"
fi
if [[ ! -x $KV_VENV/bin/kubernetes-validate ]]; then
  say "kubernetes-validate: installing $KV_VERSION from PyPI (once)"
  rm -rf "$KV_VENV"
  python3 -m venv "$KV_VENV"
  "$KV_VENV/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==$KV_VERSION"
fi
"$KV_VENV/bin/kubernetes-validate" --version | grep -q "$KV_VERSION" || die "kubernetes-validate is not $KV_VERSION"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
validate() { "$KV_VENV/bin/kubernetes-validate" -k "$K8S_VERSION" --strict --quiet "$@"; }
policy() { "$KV_VENV/bin/python" deploy/helm/policy_check.py "$@"; }

# The checks must be able to fail: a manifest with a wrong type and an unknown field, and a
# rendering with a writable root filesystem, are refused.
cat >"$tmp/broken.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: { name: broken }
spec:
  replica: 2
  selector: { matchLabels: { app: broken } }
  template:
    metadata: { labels: { app: broken } }
    spec:
      containers: [{ name: broken, image: broken, ports: [{ containerPort: '3000' }] }]
YAML
if validate "$tmp/broken.yaml" >/dev/null 2>&1; then die "kubernetes-validate accepted a broken manifest"; fi
if "$HELM" template rel "$CHART" --kube-version "$K8S_VERSION" --set containerSecurityContext.readOnlyRootFilesystem=false |
  policy >/dev/null; then
  die "the policy check accepted a writable root filesystem"
fi

for variant in default dev prod; do
  args=()
  workers=''
  [[ $variant == default ]] || args=(-f "$CHART/values-$variant.yaml")
  [[ $variant == prod ]] && workers=complaint-reviews,oocr,tag-referrals
  "$HELM" lint --strict "$CHART" "${args[@]}" >"$tmp/lint.txt" 2>&1 || { cat "$tmp/lint.txt"; die "helm lint ($variant) failed"; }
  "$HELM" template oversight "$CHART" --namespace oversight --kube-version "$K8S_VERSION" "${args[@]}" >"$tmp/$variant.yaml"
  validate "$tmp/$variant.yaml" || die "rendered manifests ($variant values) do not validate against Kubernetes $K8S_VERSION"
  policy --expect-workers "$workers" <"$tmp/$variant.yaml" || die "policy check ($variant values) failed"
  say "helm: $variant values: lint --strict OK, $(grep -c '^kind:' "$tmp/$variant.yaml") manifests valid for Kubernetes $K8S_VERSION (strict)"
done

# The operator examples: CRDs (no schema offline), parsed and checked for the basics.
"$KV_VENV/bin/python" - deploy/k8s/examples/*.yaml <<'PY'
import sys, yaml
n = 0
for path in sys.argv[1:]:
    for doc in yaml.safe_load_all(open(path)):
        if doc is None or path.endswith("temporal-values.yaml"):
            continue
        for key in ("apiVersion", "kind"):
            assert doc.get(key), f"{path}: a document without {key}"
        assert doc.get("metadata", {}).get("name"), f"{path}: {doc['kind']} without metadata.name"
        n += 1
print(f"[oversight] k8s examples: {n} custom resources parsed (their CRD schemas are not available offline)")
PY
say "helm checks passed"
