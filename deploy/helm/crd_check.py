"""Checks the Temporal Worker Controller resources in a rendered Oversight chart (helm template output on
stdin), which the Kubernetes schemas do not know. Run by scripts/test-helm.sh for workers.versioning.controller.

usage: helm template ... | python crd_check.py SCHEMA.json CORE_OUT.yaml
- WorkerDeployment / Connection (and the deprecated TemporalWorkerDeployment / TemporalConnection) are validated
  against SCHEMA.json (schemas/temporal-worker-controller.json, written from the controller's CRDs), plus the
  CRD's CEL rule that JSON Schema cannot express (a rollout pause is at least 30s) and that every connectionRef
  names a Connection of the matching kind in the same rendering;
- CORE_OUT.yaml receives every other manifest unchanged, plus one synthetic apps/v1 Deployment per
  WorkerDeployment wrapping its spec.template, so kubernetes-validate checks the pod template strictly with the
  real Kubernetes schemas, and policy_check.py applies the pod rules to it.
Exits 1 listing every problem.
"""
import json
import re
import sys

import yaml
from jsonschema import Draft202012Validator

WORKER_KINDS = {"WorkerDeployment": "Connection", "TemporalWorkerDeployment": "TemporalConnection"}
CONNECTION_KINDS = set(WORKER_KINDS.values())
UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def seconds(duration: str) -> float:
    """A Go duration ("1h30m", "45s") in seconds (the schema has checked its form)."""
    return sum(float(n) * UNITS[u] for n, u in re.findall(r"([0-9.]+)(ns|us|µs|ms|s|m|h)", duration))


def main() -> int:
    schema = json.load(open(sys.argv[1]))
    core_out = sys.argv[2]
    docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
    problems: list[str] = []
    core: list[dict] = []
    connections = {(d["kind"], d["metadata"]["name"]) for d in docs if d.get("kind") in CONNECTION_KINDS}
    checked = 0
    for d in docs:
        if not str(d.get("apiVersion", "")).startswith("temporal.io/"):
            core.append(d)
            continue
        kind = d.get("kind")
        where = f"{kind} {d.get('metadata', {}).get('name')}"
        definition = "WorkerDeployment" if kind in WORKER_KINDS else "Connection" if kind in CONNECTION_KINDS else None
        if definition is None:
            problems.append(f"{where}: no schema for this kind")
            continue
        validator = Draft202012Validator({**schema, "$ref": f"#/$defs/{definition}"})
        for e in sorted(validator.iter_errors(d), key=lambda e: list(e.absolute_path)):
            problems.append(f"{where}: {'.'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}")
        checked += 1
        if definition != "WorkerDeployment":
            continue
        spec = d.get("spec", {})
        for i, step in enumerate(spec.get("rollout", {}).get("steps") or []):
            if isinstance(step.get("pauseDuration"), str) and seconds(step["pauseDuration"]) < 30:
                problems.append(f"{where}: rollout.steps[{i}].pauseDuration must be at least 30s")
        ref = spec.get("workerOptions", {}).get("connectionRef", {}).get("name")
        if connections and (WORKER_KINDS[kind], ref) not in connections:
            problems.append(f"{where}: connectionRef {ref!r} names no {WORKER_KINDS[kind]} in this rendering")
        template = spec.get("template") or {}
        labels = (template.get("metadata") or {}).get("labels") or {}
        core.append(
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": d["metadata"]["name"], "labels": d["metadata"].get("labels", {})},
                "spec": {
                    "replicas": spec.get("replicas", 1),
                    "selector": {"matchLabels": labels},
                    "template": template,
                },
            }
        )
    with open(core_out, "w") as f:
        yaml.safe_dump_all(core, f, sort_keys=False)
    for p in problems:
        print(f"CRD {p}")
    print(
        f"controller resources: {checked} checked against {sys.argv[1].split('/')[-1]}"
        f"{': OK' if not problems else f': {len(problems)} problems'}; their pod templates go to the Kubernetes schemas"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
