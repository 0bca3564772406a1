#!/usr/bin/env bash
# End-to-end tests of the staff UI: Playwright (pinned in package.json) drives Debian's Chromium against
# the running local stack (scripts/start-all.sh), with an axe check (WCAG 2.2 AA tags) on every page.
#
# usage: scripts/test-ui.sh [playwright args...]   e.g. scripts/test-ui.sh e2e/vru.e2e.ts
#   CHROMIUM_PATH  browser to drive (default /usr/bin/chromium; installed from Debian if missing)
#   CHROMIUM_DEB_VERSION  Debian version to install (default below; the newest candidate if apt no longer has it)
# Idempotent: installs nothing when Chromium is present. Exit status is Playwright's.
# Results: .local/test-results/ui-e2e.json (Playwright JSON report),
#          .local/test-results/screenshots/*.png (each journey's key page),
#          .local/test-results/playwright/ (traces of failed tests).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# Tested with this build (Debian bookworm-security); Playwright 1.65.2 drives it without problems.
CHROMIUM_DEB_VERSION=${CHROMIUM_DEB_VERSION:-156.0.8078.129-1~deb12u1}
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
STAFF_UI_URL=${STAFF_UI_URL:-http://127.0.0.1:3200}
RESULTS="$LOCAL/test-results"

if [[ ! -x $CHROMIUM_PATH ]]; then
  [[ $CHROMIUM_PATH == /usr/bin/chromium ]] || die "CHROMIUM_PATH=$CHROMIUM_PATH does not exist"
  command -v apt-get >/dev/null || die "Chromium is missing and this is not a Debian/Ubuntu machine: set CHROMIUM_PATH"
  as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || die "installing Chromium needs root (apt-get install chromium)"
    as_root=(sudo -n)
  fi
  say "installing Debian Chromium (about 40 s, 480 MB on disk)"
  "${as_root[@]}" apt-get update -qq
  if apt-cache madison chromium | grep -qF "| $CHROMIUM_DEB_VERSION |"; then
    pkg="chromium=$CHROMIUM_DEB_VERSION"
  else
    say "chromium $CHROMIUM_DEB_VERSION is no longer offered by apt; installing the candidate $(apt-cache policy chromium | sed -n 's/ *Candidate: //p')"
    pkg=chromium
  fi
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
fi
# The Debian wrapper prints a harmless shell warning on stderr; keep only the version line.
say "browser: $("$CHROMIUM_PATH" --version 2>/dev/null)"

# A service being restarted makes the gateway unready for a few seconds: wait for it (bounded).
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "$GATEWAY_URL/health/ready" 2>/dev/null && curl -fsS -o /dev/null "$STAFF_UI_URL/sign-in" 2>/dev/null && break
  sleep 2
done
curl -fsS -o /dev/null "$GATEWAY_URL/health/ready" || die "the gateway is not ready on $GATEWAY_URL (npm run start:all)"
curl -fsS -o /dev/null "$STAFF_UI_URL/sign-in" || die "the staff UI is not answering on $STAFF_UI_URL (npm run start:all)"

mkdir -p "$RESULTS"
# A full run starts from empty results; a run of some files keeps the other files' screenshots.
[[ $# -gt 0 ]] || rm -rf "$RESULTS/screenshots"
rm -rf "$RESULTS/playwright" "$RESULTS/ui-e2e.json"
mkdir -p "$RESULTS/screenshots"
say "staff UI end-to-end tests against $STAFF_UI_URL"
status=0
STAFF_UI_URL=$STAFF_UI_URL npx playwright test -c apps/staff-ui/playwright.config.ts "$@" || status=$?
[[ -s $RESULTS/ui-e2e.json ]] || { say "no JSON report was written"; status=${status/#0/1}; }
say "report: $RESULTS/ui-e2e.json; screenshots: $RESULTS/screenshots/"
exit "$status"
