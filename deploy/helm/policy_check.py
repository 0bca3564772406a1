"""Checks the rendered Oversight chart (helm template output on stdin) against the deployment rules
that the Kubernetes schemas cannot express. Run by scripts/test-helm.sh.

usage: helm template ... | python policy_check.py [--expect-workers name,name]
With workers.versioning.controller, run it on crd_check.py's output (the controller's WorkerDeployments appear
there as Deployments wrapping their pod templates).
Exits 1 listing every broken rule.
"""
import sys

import yaml

EXPOSED = {"gateway", "staff-ui"}
ALLOWED_PEERS = {"gateway", "staff-ui"}


def main() -> int:
    expect_workers = set()
    if "--expect-workers" in sys.argv:
        expect_workers = set(sys.argv[sys.argv.index("--expect-workers") + 1].split(","))
    docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
    by_kind: dict[str, dict[str, dict]] = {}
    for d in docs:
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    problems: list[str] = []

    def pod_rules(where: str, pod: dict) -> None:
        sc = pod.get("securityContext", {})
        if sc.get("runAsNonRoot") is not True:
            problems.append(f"{where}: pod not runAsNonRoot")
        if sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            problems.append(f"{where}: seccomp profile is not RuntimeDefault")
        if pod.get("automountServiceAccountToken") is not False:
            problems.append(f"{where}: service account token mounted")
        for c in pod["containers"]:
            csc = c.get("securityContext", {})
            if csc.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{where}/{c['name']}: root filesystem writable")
            if csc.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{where}/{c['name']}: privilege escalation allowed")
            if csc.get("capabilities", {}).get("drop") != ["ALL"]:
                problems.append(f"{where}/{c['name']}: capabilities not all dropped")
            if not c.get("resources", {}).get("requests") or not c.get("resources", {}).get("limits"):
                problems.append(f"{where}/{c['name']}: no resource requests and limits")

    def env_of(d: dict) -> dict:
        return {e["name"]: e.get("value") for e in d["spec"]["template"]["spec"]["containers"][0].get("env", [])}

    # Temporal connection security: the API key only ever as a file, and every pod of a service that uses
    # Temporal (TEMPORAL_TASK_QUEUE) secured alike, each named file mounted.
    temporal_security: dict[str, frozenset] = {}
    for name, d in by_kind.get("Deployment", {}).items():
        c = d["spec"]["template"]["spec"]["containers"][0]
        env = {e["name"]: e for e in c.get("env", [])}
        if "TEMPORAL_API_KEY" in env:
            problems.append(f"Deployment {name}: TEMPORAL_API_KEY in the environment (mount it: TEMPORAL_API_KEY_FILE)")
        if "TEMPORAL_TASK_QUEUE" not in env:
            continue
        names = frozenset(k for k in env if k.startswith(("TEMPORAL_TLS", "TEMPORAL_API_KEY")))
        temporal_security[name] = names
        mounts = [m["mountPath"] for m in c.get("volumeMounts", [])]
        for k in names:
            if k.endswith("_FILE") and not any(env[k].get("value", "").startswith(f"{m}/") for m in mounts):
                problems.append(f"Deployment {name}: {k} names a file that no volume mounts")
    if len(set(temporal_security.values())) > 1:
        problems.append(f"Temporal connection security differs between pods: {sorted((n, sorted(v)) for n, v in temporal_security.items())}")

    apis = {}
    for name, d in by_kind.get("Deployment", {}).items():
        labels = d["metadata"]["labels"]
        pod = d["spec"]["template"]["spec"]
        pod_rules(f"Deployment {name}", pod)
        # Worker versioning only where the Temporal Worker Controller runs the pods (it injects TEMPORAL_ADDRESS,
        # makes each build current and keeps old builds until drained): a plain Deployment with versioning on
        # would register builds that nothing makes current, and its rolling update would kill pinned runs' workers.
        env = env_of(d)
        if env.get("TEMPORAL_WORKER_VERSIONING") == "on" and "TEMPORAL_ADDRESS" in env:
            problems.append(f"Deployment {name}: TEMPORAL_WORKER_VERSIONING=on outside the Worker Controller")
        if "TEMPORAL_ADDRESS" not in env and env.get("TEMPORAL_WORKER_VERSIONING") != "on":
            problems.append(f"Deployment {name}: no TEMPORAL_ADDRESS")
        if labels["app.kubernetes.io/component"] == "api":
            apis[labels["app.kubernetes.io/name"]] = d
            c = pod["containers"][0]
            if c.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/health/live":
                problems.append(f"Deployment {name}: liveness probe not on /health/live")
            if c.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/health/ready":
                problems.append(f"Deployment {name}: readiness probe not on /health/ready")
    if not apis:
        problems.append("no API Deployment rendered")
    for svc, d in apis.items():
        name = d["metadata"]["name"]
        for kind in ("Service", "PodDisruptionBudget", "NetworkPolicy", "ServiceAccount"):
            if name not in by_kind.get(kind, {}):
                problems.append(f"{svc}: no {kind} {name}")
        if d["spec"].get("replicas") is None and name not in by_kind.get("HorizontalPodAutoscaler", {}):
            problems.append(f"{svc}: neither replicas nor an HPA")
        for hpa in by_kind.get("HorizontalPodAutoscaler", {}).values():
            if hpa["apiVersion"] != "autoscaling/v2":
                problems.append(f"HPA {hpa['metadata']['name']}: not autoscaling/v2")
        # Who may connect: only the gateway and the UI (pods), plus the ingress controller for the
        # exposed ones and monitoring for everyone.
        np = by_kind.get("NetworkPolicy", {}).get(name)
        if np and svc != "gateway":
            for rule in np["spec"].get("ingress", []):
                for peer in rule.get("from", []):
                    if "podSelector" in peer:
                        peer_name = peer["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/name")
                        if peer_name not in ALLOWED_PEERS:
                            problems.append(f"NetworkPolicy {name}: admits pods other than gateway/UI ({peer})")
                    ns = peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
                    if ns == "ingress-nginx" and svc not in EXPOSED:
                        problems.append(f"NetworkPolicy {name}: internal service reachable from the ingress controller")
        worker_env = None
        worker = by_kind.get("Deployment", {}).get(f"{name}-worker")
        if worker:
            worker_env = env_of(worker)
            if worker_env.get("RUN_BACKGROUND_WORK") != "true" or env_of(d).get("RUN_BACKGROUND_WORK") != "false":
                problems.append(f"{svc}: worker split without RUN_BACKGROUND_WORK true (worker) / false (API)")
        elif env_of(d).get("RUN_BACKGROUND_WORK") != "true":
            problems.append(f"{svc}: no worker Deployment, yet the API does no background work")
        if (svc in expect_workers) != bool(worker):
            problems.append(f"{svc}: worker Deployment {'missing' if svc in expect_workers else 'unexpected'}")
    for name, ing in by_kind.get("Ingress", {}).items():
        for rule in ing["spec"]["rules"]:
            for p in rule["http"]["paths"]:
                backend = p["backend"]["service"]["name"]
                if not any(backend.endswith(f"-{e}") for e in EXPOSED):
                    problems.append(f"Ingress {name}: exposes {backend}")
    jobs = by_kind.get("Job", {})
    if not jobs:
        problems.append("no migration Job rendered")
    for name, job in jobs.items():
        hooks = job["metadata"].get("annotations", {}).get("helm.sh/hook", "")
        if set(hooks.split(",")) != {"pre-install", "pre-upgrade"}:
            problems.append(f"Job {name}: not a pre-install,pre-upgrade hook ({hooks!r})")
        pod_rules(f"Job {name}", job["spec"]["template"]["spec"])

    for p in problems:
        print(f"POLICY {p}")
    kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_kind.items()))
    print(f"policy check: {len(docs)} manifests ({kinds}): {'OK' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
