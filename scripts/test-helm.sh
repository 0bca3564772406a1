#!/usr/bin/env bash
# Checks the Kubernetes deployment offline: helm lint --strict, then every rendering of the chart
# (default, dev and prod values) validated against the Kubernetes 1.37 schemas (strict: unknown
# fields refused) and against the deployment rules of deploy/helm/policy_check.py. The tools are
# installed from the package registries, pinned, and cached under ~/.cache/oversight:
#   helm v4.3.2         go install from the Go module proxy (about 4 minutes on 2 cores, once)
#   kubernetes-validate 1.37.0 from PyPI in a virtualenv (ships the Kubernetes JSON schemas)
# CRD examples under deploy/k8s/examples (Strimzi, CloudNativePG) have no schema offline: they are
# only parsed and checked for apiVersion/kind/metadata.name (see deploy/k8s/README.md).
# The Temporal Worker Controller variant (workers.versioning.controller=true) renders custom resources
# too: deploy/helm/crd_check.py checks them against deploy/helm/schemas/temporal-worker-controller.json
# (a small schema written from the controller's CRDs) and hands their pod templates, wrapped in
# Deployments, to the strict Kubernetes validation and the policy check with everything else.
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
crd_check() { "$KV_VENV/bin/python" deploy/helm/crd_check.py deploy/helm/schemas/temporal-worker-controller.json "$@"; }

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

# ... and the Worker Controller resources: a WorkerDeployment with an unknown field, a misspelt
# strategy, a ramp of 100 % and a 10 s pause, and a Connection without hostPort, are refused; so is a
# pod template with a wrong type, once crd_check.py has wrapped it for the Kubernetes schemas.
cat >"$tmp/broken-crd.yaml" <<'YAML'
apiVersion: temporal.io/v1alpha1
kind: WorkerDeployment
metadata: { name: broken }
spec:
  replica: 2
  workerOptions: { connectionRef: { name: broken }, temporalNamespace: default }
  rollout: { strategy: progressive, steps: [{ rampPercentage: 100, pauseDuration: 10s }] }
  sunset: {}
  template: { spec: { containers: [{ name: w, image: w, ports: [{ containerPort: '3000' }] }] } }
---
apiVersion: temporal.io/v1alpha1
kind: Connection
metadata: { name: broken }
spec: { host: 'temporal:7233' }
YAML
crd_check "$tmp/broken-core.yaml" <"$tmp/broken-crd.yaml" >"$tmp/crd.txt" || true
for expected in "spec: Additional properties are not allowed ('replica'" "rollout.strategy: 'progressive' is not one of" \
  "rampPercentage: 100 is greater than the maximum of 99" "pauseDuration must be at least 30s" "'hostPort' is a required property"; do
  grep -qF "$expected" "$tmp/crd.txt" || { cat "$tmp/crd.txt"; die "crd_check.py did not refuse: $expected"; }
done
if validate "$tmp/broken-core.yaml" >/dev/null 2>&1; then die "kubernetes-validate accepted a broken WorkerDeployment pod template"; fi

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

# Workers as Temporal Worker Controller WorkerDeployments (prod values, where workers are split off):
# the controller's resources against the schema written from its CRDs, everything else (and their pod
# templates) strictly against Kubernetes, then the policy rules; the legacy kind renders too.
for kind in WorkerDeployment TemporalWorkerDeployment; do
  args=(-f "$CHART/values-prod.yaml" --set workers.versioning.controller=true --set "workers.versioning.kind=$kind")
  "$HELM" lint --strict "$CHART" "${args[@]}" >"$tmp/lint.txt" 2>&1 || { cat "$tmp/lint.txt"; die "helm lint (controller, $kind) failed"; }
  "$HELM" template oversight "$CHART" --namespace oversight --kube-version "$K8S_VERSION" "${args[@]}" >"$tmp/controller.yaml"
  n=$(grep -c "^kind: $kind\$" "$tmp/controller.yaml" || true)
  [[ $n == 3 ]] || die "controller variant ($kind): expected 3 worker resources, rendered $n"
  crd_check "$tmp/controller-core.yaml" <"$tmp/controller.yaml" || die "controller variant ($kind): Worker Controller resources invalid"
  validate "$tmp/controller-core.yaml" || die "controller variant ($kind): manifests do not validate against Kubernetes $K8S_VERSION"
  policy --expect-workers complaint-reviews,oocr,tag-referrals <"$tmp/controller-core.yaml" || die "policy check (controller, $kind) failed"
  say "helm: prod values + workers.versioning.controller ($kind): lint --strict OK, $n $kind + 1 connection valid against the CRD schema, the rest valid for Kubernetes $K8S_VERSION (strict)"
done
if "$HELM" template oversight "$CHART" --set workers.versioning.controller=true --set workers.versioning.kind=Deployment >/dev/null 2>&1; then
  die "the chart accepted workers.versioning.kind=Deployment"
fi

# The operator examples: CRDs (no schema offline), parsed and checked for the basics.
"$KV_VENV/bin/python" - deploy/k8s/examples/*.yaml <<'PY'
import sys, yaml
n = 0
for path in sys.argv[1:]:
    for doc in yaml.safe_load_all(open(path)):
        # Helm values for other charts (the Temporal server, the Worker Controller): only parsed.
        if doc is None or path.endswith(("temporal-values.yaml", "temporal-worker-controller.yaml")):
            continue
        for key in ("apiVersion", "kind"):
            assert doc.get(key), f"{path}: a document without {key}"
        assert doc.get("metadata", {}).get("name"), f"{path}: {doc['kind']} without metadata.name"
        n += 1
print(f"[oversight] k8s examples: {n} custom resources parsed (their CRD schemas are not available offline)")
PY
say "helm checks passed"
