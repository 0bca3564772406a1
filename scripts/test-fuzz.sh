#!/usr/bin/env bash
# Property-based fuzzing of the public API against its own contract: Schemathesis (PyPI, pinned, in a
# cached venv) reads the gateway's merged OpenAPI document and sends generated valid and invalid
# requests, as several roles, to the running gateway. Fails on any 5xx, any status the document does
# not list for the operation, and any response body or content type that does not match it.
#
# usage: scripts/test-fuzz.sh [username...]   (default: one user per role below)
#   FUZZ_SECONDS_PER_ROLE  time budget per role (default 25; eight roles ≈ 4 minutes with the preparation)
#   FUZZ_SEED              Hypothesis seed, to replay a run (default: random, printed)
# Needs the local stack running (scripts/start-all.sh). Reports: .local/fuzz/<user>/
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

SCHEMATHESIS_VERSION=4.32.5
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/oversight/schemathesis-venv-$SCHEMATHESIS_VERSION"
REQUIREMENTS="$ROOT/scripts/fuzz/requirements.txt"
OUT="$LOCAL/fuzz"
SECONDS_PER_ROLE=${FUZZ_SECONDS_PER_ROLE:-25}
SEED=${FUZZ_SEED:-$RANDOM$RANDOM}
USERS=("$@")
# OPCC manager, CJ Ops supervisor, administrator, auditor, review applicant, VRU coordinator, practitioner
# and manager: between them every route (a partner referrer's routes are all the coordinator's too).
[[ ${#USERS[@]} -gt 0 ]] \
  || USERS=(manager.priya cjops.sgt.lena admin.kit auditor.ruth applicant.delphine vru.sam vru.practitioner.ola vru.manager.rhian)

# The venv is reused while the pinned requirements are unchanged.
stamp="$VENV/.installed-$(sha256sum "$REQUIREMENTS" | cut -c1-16)"
if [[ ! -f $stamp ]]; then
  say "installing Schemathesis $SCHEMATHESIS_VERSION into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$REQUIREMENTS" \
    || die "pip install of $REQUIREMENTS failed"
  touch "$stamp"
fi

curl -fsS -o /dev/null "$GATEWAY_URL/docs/openapi.json" || die "the gateway is not answering on $GATEWAY_URL"
rm -rf "$OUT" && mkdir -p "$OUT"
say "fuzz: seeding records and splitting the contract per role"
node scripts/fuzz/prepare.mjs "$GATEWAY_URL" "$OUT" "${USERS[@]}"

failed=()
for user in "${USERS[@]}"; do
  say "fuzz as $user (${SECONDS_PER_ROLE}s, seed $SEED)"
  mkdir -p "$OUT/$user"
  # --max-time bounds the whole run; --request-timeout makes a hang a failure rather than a stall.
  if ! "$VENV/bin/schemathesis" --config-file "$OUT/$user.toml" run "$OUT/$user.openapi.json" \
      --url "$GATEWAY_URL" \
      --header "Authorization: Bearer $(cat "$OUT/$user.token")" \
      --header "X-Access-Reason: API contract fuzzing (scripts/test-fuzz.sh)" \
      --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
      --phases examples,coverage,fuzzing \
      --mode all \
      --max-time "$SECONDS_PER_ROLE" \
      --workers 1 \
      --request-timeout 30 \
      --seed "$SEED" \
      --suppress-health-check all \
      --report junit,har --report-dir "$OUT/$user" \
      >"$OUT/$user/output.txt" 2>&1; then
    failed+=("$user")
    grep -E '^(_{3,}|[0-9]+\. |\[[0-9]{3}\]|    curl|- )' "$OUT/$user/output.txt" | head -60 || tail -40 "$OUT/$user/output.txt"
  fi
  tail -3 "$OUT/$user/output.txt"
done

if ((${#failed[@]})); then
  say "fuzz: FAILED as ${failed[*]} (reports: $OUT/<user>/output.txt; replay with FUZZ_SEED=$SEED)"
  exit 1
fi
say "fuzz: passed as ${USERS[*]}"
