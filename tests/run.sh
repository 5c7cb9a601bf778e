#!/usr/bin/env bash
# Runs every test: unit and integration (real SQLite, real SMTP, a real nginx) and browser journeys (real Chromium +
# axe + the Nu HTML Checker). Installs what a fresh machine lacks (Chromium's headless shell, Java and nginx through apt
# when running as root), or says what to install.
# Ends with one line: "N passed, N failed, N skipped". Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

fail() { echo "$1" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

command -v dotnet >/dev/null || fail "The .NET SDK is needed: https://dotnet.microsoft.com/download"
command -v npm >/dev/null || fail "Node.js and npm are needed (GOV.UK Frontend is built from npm)."

# Chromium's headless shell (Debian's chromium-headless-shell: the same engine without the browser's windows, the one
# Playwright itself runs headless) drives the browser journeys; Java runs the Nu HTML Checker (vnu.jar, from npm) on
# every page they visit.
chromium="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
missing=()
[ -x "$chromium" ] || missing+=(chromium-headless-shell)
{ command -v java >/dev/null || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; } || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing what the browser tests need (apt-get install ${missing[*]})..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
      || fail "Could not install ${missing[*]} with apt-get."
  else
    fail "The browser tests need ${missing[*]}. Install them (sudo apt-get install ${missing[*]}); or set CHROMIUM_PATH to Chromium (or its headless shell), JAVA_HOME to Java."
  fi
fi

# The Production-behind-a-proxy tests start a real nginx of their own (a temp config on 127.0.0.1). Installing the
# package must not start Debian's default site on port 80, so service starts are refused while it installs.
nginx="${NGINX_PATH:-/usr/sbin/nginx}"
if [ ! -x "$nginx" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing nginx for the TLS-proxy tests (apt-get install nginx)..."
    policy=/usr/sbin/policy-rc.d
    made_policy=false
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=true; fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    installed=$?
    $made_policy && rm -f "$policy"
    [ "$installed" -eq 0 ] && [ -x "$nginx" ] || fail "Could not install nginx with apt-get (or NGINX_PATH points elsewhere)."
  else
    fail "The TLS-proxy tests need nginx. Install it (sudo apt-get install nginx) or set NGINX_PATH."
  fi
fi

# Every app host watches its files (configuration, static assets) through inotify, whose instances are limited per user
# (128 by default) across the whole machine: with other test runs beside this one the limit was reached ("The configured
# user limit (128) on the number of inotify instances has been reached", 8 failures on a shared machine). Polling
# watchers need no inotify instance.
export DOTNET_USE_POLLING_FILE_WATCHER=${DOTNET_USE_POLLING_FILE_WATCHER:-true}

logs=$(mktemp -d)
# Each app start-up the tests pay for (an in-process host or an app process) is noted in a file and counted at the
# end; set RTM_BOOT_LOG to keep that file (one line per start-up, naming the test class that caused it).
keep_boots=${RTM_BOOT_LOG:-}
export RTM_BOOT_LOG=${keep_boots:-$(mktemp)}
: > "$RTM_BOOT_LOG"
trap 'rm -rf "$logs"; [ -n "$keep_boots" ] || rm -f "$RTM_BOOT_LOG"' EXIT

# One build (skipped when the caller built already: .ci/run passes --no-build), then the test projects side by side:
# the browser journeys (two collections side by side, each on an app of its own, one Chromium) mostly wait on Chromium,
# so they overlap the unit and integration tests instead of following them. Other arguments go to each dotnet test.
build=true
args=()
for arg in "$@"; do
  if [ "$arg" = --no-build ]; then build=false; else args+=("$arg"); fi
done
status=0
if $build; then
  # With the compiler server even where the environment turns it off (UseSharedCompilation=false): one compiler process
  # for every project instead of one each (as .ci/run's build; bench/HISTORY.md, session 17, build11), shut down after.
  UseSharedCompilation=true dotnet build RoundtableManager.sln -nologo -v minimal 2>&1 | tee "$logs/build.log" || status=1
  dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1
fi
started=$SECONDS
if [ "$status" -eq 0 ]; then
  pids=()
  for project in tests/RoundtableManager.Tests tests/RoundtableManager.BrowserTests; do
    (dotnet test "$project" --no-build "${args[@]}" 2>&1 | tee "$logs/$(basename "$project").log") &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || status=1
  done
fi
cat "$logs"/*.log > "$logs/all"
log="$logs/all"
grep -E '^(Passed|Failed)!' "$log"
echo "Tests took $((SECONDS - started)) s (both projects side by side)."
awk -F'\t' '{ if ($2 == "process") p[$1]++; else h[$1]++; seen[$1] = 1 }
  END { for (k in seen) printf "App start-ups in %s: %d hosts, %d app processes\n", k, h[k], p[k] }' "$RTM_BOOT_LOG" | sort

# dotnet test prints one summary per test project; add them up.
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | awk -F'[:,]' '
  { for (i = 1; i <= NF; i++) { gsub(/ /, "", $i) }
    for (i = 1; i < NF; i++) {
      if ($i ~ /Failed$/) f += $(i+1); if ($i == "Passed") p += $(i+1); if ($i == "Skipped") s += $(i+1) } }
  END { printf "%d %d %d\n", p, f, s }')
projects=$(grep -cE '^(Passed|Failed)!' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report.
  failed=1
fi
if [ "$projects" -lt 2 ] && [ "$status" -eq 0 ]; then
  echo "Expected results from both test projects, got $projects." >&2
  failed=$((failed + 1)); status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
